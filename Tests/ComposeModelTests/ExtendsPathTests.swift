import ComposeModel
import Foundation
import Testing

/// Relative paths of a service taken from another file by `extends` start
/// from that file's folder, as docker compose resolves them (compose-go
/// `getExtendsBaseFromFile` resolves the extended file's paths against its
/// own folder; testdata `extends/withdir`, `subdir/extra.env`).
@Suite("extends: paths of other files")
struct ExtendsPathTests {
    @Test("env_file, build.context and bind-mount sources of a service extended from subdir/base.yaml are resolved in subdir")
    func otherFileFolder() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "compose.yaml": """
                services:
                  web:
                    extends:
                      file: subdir/base.yaml
                      service: base
                    volumes: ["./local:/local"]
                volumes:
                  named: {}
                """,
            "subdir/base.yaml": """
                services:
                  base:
                    build:
                      context: ./app
                      additional_contexts:
                        assets: ../assets
                        remote: https://example.com/repo.git
                    env_file: ./extra.env
                    volumes:
                      - ./data:/data
                      - named:/named
                      - type: bind
                        source: ./conf
                        target: /conf
                """,
            "subdir/extra.env": "FROM_EXTRA=1\n",
        ]) { $0.projectName = "p" }
        let web = try #require(project.services["web"])
        #expect(web.envFile == [EnvFileReference(path: "\(directory)/subdir/extra.env")])
        #expect(web.environment == ["FROM_EXTRA": "1"])
        #expect(web.build == .object([
            "context": .string("\(directory)/subdir/app"),
            "additional_contexts": .object(["assets": .string("\(directory)/assets"), "remote": "https://example.com/repo.git"]),
        ]))
        #expect(web.volumes.map(\.source) == ["\(directory)/subdir/data", "named", "\(directory)/subdir/conf", "\(directory)/local"])
    }

    @Test("extends.file chains: each file's extends.file is relative to that file (compose testdata extends/withdir)")
    func chains() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "compose.yaml": "services:\n  test:\n    extends:\n      file: dir/compose.yaml\n      service: test\n",
            "dir/compose.yaml": "services:\n  test:\n    extends:\n      file: base.yaml\n      service: test\n    env_file: mid.env\n",
            "dir/base.yaml": "services:\n  test:\n    image: hello-world\n    env_file: [base.env]\n",
            "dir/base.env": "A=base\nB=base\n",
            "dir/mid.env": "B=mid\n",
        ]) { $0.projectName = "p" }
        let test = try #require(project.services["test"])
        #expect(test.image == "hello-world")
        #expect(test.envFile.map(\.path) == ["\(directory)/dir/base.env", "\(directory)/dir/mid.env"])
        #expect(test.environment == ["A": "base", "B": "mid"])
    }

    @Test("A service extended within the same file keeps paths relative to the project directory")
    func sameFile() throws {
        let (project, directory) = try loadProjectWithDirectory([
            "compose.yaml": "services:\n  base:\n    image: x\n    env_file: base.env\n  web:\n    extends: base\n",
            "base.env": "X=1\n",
        ]) { $0.projectName = "p" }
        #expect(project.services["web"]?.envFile.map(\.path) == ["\(directory)/base.env"])
        #expect(project.services["web"]?.environment == ["X": "1"])
    }
}
