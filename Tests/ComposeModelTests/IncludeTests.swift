import ComposeModel
import Foundation
import Testing

/// The top-level `include`, with docker compose's behaviour (compose-go
/// `loader/include.go` and its tests) as the expectation.
@Suite("include")
struct IncludeTests {
    @Test("Short form: the included file's paths start from its own folder (compose TestIncludeRelative)")
    func shortForm() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "compose.yaml": """
                include:
                  - db/compose.yaml
                services:
                  web:
                    image: nginx
                    depends_on: [db]
                    volumes: ["./html:/html"]
                """,
            "db/compose.yaml": """
                services:
                  db:
                    build: .
                    env_file: db.env
                    volumes:
                      - ./data:/data
                      - type: bind
                        source: conf
                        target: /conf
                    networks: [back]
                networks:
                  back: {}
                """,
            "db/db.env": "POSTGRES_DB=shop\n",
        ]) { $0.projectName = "p" }
        #expect(project.serviceNames == ["db", "web"])
        let db = try #require(project.services["db"])
        #expect(db.build == .object(["context": .string("\(directory)/db")]))
        #expect(db.envFile == [EnvFileReference(path: "\(directory)/db/db.env")])
        #expect(db.environment == ["POSTGRES_DB": "shop"])
        #expect(db.volumes.map(\.source) == ["\(directory)/db/data", "\(directory)/db/conf"])
        #expect(project.networks["back"]?.name == "p_back")
        #expect(project.services["web"]?.volumes.map(\.source) == ["\(directory)/html"])
        #expect(project.configFiles == ["\(directory)/compose.yaml"])
    }

    @Test("Long form: project_directory and env_file; the including environment wins over the include's env file (compose TestLoadWithIncludeEnv, 'local environment to override included .env')")
    func longForm() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "compose.yaml": """
                include:
                  - path: modules/api/compose.yaml
                    project_directory: modules
                    env_file: api.env
                services:
                  web:
                    image: nginx
                    environment: [VAR_NAME]
                """,
            "api.env": "API_TAG=2.1\nVAR_NAME=value\nSHARED=from-include\n",
            "modules/api/compose.yaml": """
                services:
                  api:
                    image: api:${API_TAG}
                    build: ./api
                    environment:
                      - VAR_NAME
                      - SHARED=${SHARED}
                """,
        ], options: { $0.projectName = "p" }, environment: ["SHARED": "from-parent"])
        let api = try #require(project.services["api"])
        #expect(api.image == "api:2.1")
        #expect(api.environment == ["VAR_NAME": "value", "SHARED": "from-parent"])
        // project_directory is relative to the including project's folder,
        // and the included paths to it.
        #expect(api.build == .object(["context": .string("\(directory)/modules/api")]))
        // VAR_NAME exists only in the include's environment.
        let web = try #require(project.services["web"])
        #expect(web.environment.count == 1)
        #expect(web.environment["VAR_NAME"] == .some(.none))
        #expect(project.warnings == [])
    }

    @Test("Without env_file, the .env of the included project's folder is read")
    func includedDotEnv() throws {
        let project = try loadProject([
            "compose.yaml": "include: [cache/compose.yaml]\nservices:\n  web: {image: nginx}\n",
            "cache/compose.yaml": "services:\n  cache:\n    image: redis:${REDIS_TAG}\n",
            "cache/.env": "REDIS_TAG=7\n",
        ]) { $0.projectName = "p" }
        #expect(project.services["cache"]?.image == "redis:7")
    }

    @Test("Nested includes, several files in one entry merged in order, and extends inside an included file relative to its project directory (compose TestNestedIncludeAndExtends)")
    func nested() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "compose.yaml": """
                include:
                  - path: [a/compose.yaml, a/override.yaml]
                """,
            "a/compose.yaml": """
                include:
                  - ../b/compose.yaml
                services:
                  a:
                    image: a:1
                    depends_on: [b]
                """,
            "a/override.yaml": "services:\n  a:\n    image: a:2\n",
            "b/compose.yaml": """
                include:
                  - project_directory: .
                    path: dir/included.yaml
                """,
            "b/dir/included.yaml": """
                services:
                  b:
                    extends:
                      file: dir/extended.yaml
                      service: extended
                """,
            "b/dir/extended.yaml": "services:\n  extended:\n    image: alpine\n    env_file: ext.env\n",
            "b/dir/ext.env": "FROM_EXTENDED=1\n",
        ]) { $0.projectName = "p" }
        #expect(project.serviceNames == ["a", "b"])
        #expect(project.services["a"]?.image == "a:2")
        #expect(project.services["b"]?.image == "alpine")
        #expect(project.services["b"]?.envFile == [EnvFileReference(path: "\(directory)/b/dir/ext.env")])
        #expect(project.services["b"]?.environment == ["FROM_EXTENDED": "1"])
    }

    @Test("An include cycle is an error naming the chain (compose: 'include cycle detected')")
    func cycle() {
        let message = loadError {
            try loadProject([
                "compose.yaml": "include: [a.yaml]\nservices:\n  web: {image: nginx}\n",
                "a.yaml": "include:\n  - sub/b.yaml\n",
                "sub/b.yaml": "include:\n  - path: ../compose.yaml\n",
            ]) { $0.projectName = "p" }
        }
        #expect(message == "sub/b.yaml:2:5: include cycle: compose.yaml -> a.yaml -> sub/b.yaml -> compose.yaml")
    }

    @Test("A resource defined differently by the including file and the included one is an error; the same definition twice is not (compose: 'services.web conflicts with imported resource')")
    func conflicts() throws {
        let conflict = loadError {
            try loadProject([
                "compose.yaml": "include: [other.yaml]\nservices:\n  web: {image: nginx}\n",
                "other.yaml": "services:\n  web: {image: httpd}\n",
            ]) { $0.projectName = "p" }
        }
        #expect(conflict == "compose.yaml:3:3: services.web conflicts with imported resource (other.yaml:2:3)")
        let networkConflict = loadError {
            try loadProject([
                "compose.yaml": "include: [one.yaml, two.yaml]\n",
                "one.yaml": "services:\n  a: {image: x}\nnetworks:\n  back: {driver: bridge}\n",
                "two.yaml": "services:\n  b: {image: y, networks: [back]}\nnetworks:\n  back: {driver: overlay}\n",
            ]) { $0.projectName = "p" }
        }
        #expect(networkConflict == "one.yaml:4:3: networks.back conflicts with imported resource (two.yaml:4:3)")
        let same = try loadProject([
            "compose.yaml": "include: [other.yaml]\nservices:\n  web: {image: nginx}\n",
            "other.yaml": "services:\n  web:\n    image: nginx\n",
        ]) { $0.projectName = "p" }
        #expect(same.services["web"]?.image == "nginx")
    }

    @Test("A later -f file overrides an included service (compose: 'Restore ability to override an included resource in compose.override.yaml')")
    func overrideFile() throws {
        let project = try loadProject([
            "compose.yaml": "include: [db.yaml]\nservices:\n  web: {image: nginx}\n",
            "compose.override.yaml": "services:\n  db:\n    image: postgres:17\n",
            "db.yaml": "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n",
        ]) { $0.projectName = "p" }
        #expect(project.services["db"]?.image == "postgres:17")
        #expect(project.services["db"]?.ports.map(\.target) == [5432])
    }

    @Test("Bad include entries are located errors")
    func badEntries() {
        func error(_ yaml: String, _ extra: [String: String] = [:]) -> String? {
            loadError { try loadProject(["compose.yaml": yaml].merging(extra) { a, _ in a }) { $0.projectName = "p" } }
        }
        #expect(error("include: other.yaml\n") == "compose.yaml:1:10: include: expected a list, found a scalar")
        #expect(error("include:\n  - pth: other.yaml\n") == "compose.yaml:2:5: unknown key \"pth\" in include[0]")
        #expect(error("include:\n  - project_directory: x\n") == "compose.yaml:2:5: include[0]: an include needs a path")
        #expect(error("include:\n  - path: other.yaml\n    env_file: missing.env\n", ["other.yaml": "services: {}\n"])
                == "compose.yaml:2:5: include: env file missing.env not found")
        #expect(error("include: [other.yaml]\n", ["other.yaml": "services:\n  a: {image: x}\nnam: typo\n"])
                == "other.yaml:3:1: unknown key \"nam\" in the top level")
    }
}

@Suite("include: compose-go's fixtures")
struct IncludeFixtureTests {
    @Test("A build without context in an included file builds from its project directory (compose TestIncludeWithProjectDirectory: context testdata/subdir)")
    func projectDirectoryFixture() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "include/project-directory.yaml": "include:\n  - project_directory: ../subdir\n    path: ./dir/compose.yaml\n",
            "include/dir/compose.yaml": """
                services:
                  service:
                    build:
                      dockerfile_inline: |
                        FROM busybox
                    volumes:
                      - type: bind
                        source: compose-test-extends-imported.yaml
                        target: /mnt/bind/compose.yaml
                    env_file:
                      - extra.env
                """,
            "subdir/extra.env": "SOURCE=extends\n",
        ]) { $0.projectName = "p"; $0.files = ["include/project-directory.yaml"] }
        let service = try #require(project.services["service"])
        #expect(service.build?["context"] == .string("\(directory)/subdir"))
        #expect(service.volumes.map(\.source) == ["\(directory)/subdir/compose-test-extends-imported.yaml"])
        #expect(service.envFile.map(\.path) == ["\(directory)/subdir/extra.env"])
        #expect(service.environment == ["SOURCE": "extends"])
    }
}
