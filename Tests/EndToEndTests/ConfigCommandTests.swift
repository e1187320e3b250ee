import Foundation
import TestSupport
import Testing

/// `composeplan config`, through the built binary, with docker compose's
/// `config` as the model (`cmd/compose/config.go`): the canonical YAML or
/// JSON with `$` doubled, the one-per-line lists, `--hash`, `-o`,
/// `--no-interpolate`.
@Suite("composeplan config")
struct ConfigCommandTests {
    static let compose = """
        name: shop
        services:
          web:
            image: nginx:${TAG:-1.27}
            ports: ["8080:80"]
            environment:
              GREETING: "price: $$5"
              HOST_ONLY:
            healthcheck:
              test: curl -f http://localhost
              interval: 90s
            stop_grace_period: 500ms
            depends_on: [db]
          db:
            image: postgres:16
            volumes: [data:/var/lib/postgresql/data]
            env_file: db.env
          builder:
            build: ./app
            profiles: [tools]
          debug:
            image: busybox
            profiles: [debug, tools]
        volumes:
          data: {}
          unused: {}
        """

    func project() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "config")
        try directory.write("compose.yaml", Self.compose)
        try directory.write("db.env", "POSTGRES_DB=shop\n")
        return directory
    }

    @Test("The normalized, interpolated model as YAML: sorted keys, long forms, Go durations, env_file folded into environment, $ doubled")
    func yaml() throws {
        let directory = try project()
        defer { directory.remove() }
        let result = try CommandRunner.composeplan(["config"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            name: shop
            services:
              db:
                environment:
                  POSTGRES_DB: shop
                image: postgres:16
                networks:
                  default: null
                volumes:
                  - source: data
                    target: /var/lib/postgresql/data
                    type: volume
              web:
                depends_on:
                  db:
                    condition: service_started
                    required: true
                    restart: false
                environment:
                  GREETING: "price: $$5"
                  HOST_ONLY: null
                healthcheck:
                  interval: 1m30s
                  test:
                    - CMD-SHELL
                    - curl -f http://localhost
                image: nginx:1.27
                networks:
                  default: null
                ports:
                  - protocol: tcp
                    published: "8080"
                    target: 80
                stop_grace_period: 500ms
            networks:
              default:
                name: shop_default
            volumes:
              data:
                driver: local
                name: shop_data

            """)
        // The output is a compose file that loads back to the same model.
        try directory.write("out.yaml", result.stdout)
        let again = try CommandRunner.composeplan(["config", "-f", "out.yaml"], in: directory.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == result.stdout)
    }

    @Test("--format json, -o FILE, and a service selection")
    func jsonAndOutput() throws {
        let directory = try project()
        defer { directory.remove() }
        let result = try CommandRunner.composeplan(["config", "--format", "json", "-o", "model.json", "db"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        let written = try String(contentsOfFile: directory.path + "/model.json", encoding: .utf8)
        #expect(written == """
            {
              "name" : "shop",
              "networks" : {
                "default" : {
                  "name" : "shop_default"
                }
              },
              "services" : {
                "db" : {
                  "environment" : {
                    "POSTGRES_DB" : "shop"
                  },
                  "image" : "postgres:16",
                  "networks" : {
                    "default" : null
                  },
                  "volumes" : [
                    {
                      "source" : "data",
                      "target" : "/var/lib/postgresql/data",
                      "type" : "volume"
                    }
                  ]
                }
              },
              "volumes" : {
                "data" : {
                  "driver" : "local",
                  "name" : "shop_data"
                }
              }
            }

            """)
    }

    @Test("--services, --volumes, --networks, --profiles, --images: one name per line, sorted")
    func lists() throws {
        let directory = try project()
        defer { directory.remove() }
        func lines(_ arguments: [String]) throws -> String {
            let result = try CommandRunner.composeplan(["config"] + arguments, in: directory.path)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        #expect(try lines(["--services"]) == "db\nweb\n")
        #expect(try lines(["--services", "--profile", "tools"]) == "builder\ndb\ndebug\nweb\n")
        #expect(try lines(["--volumes"]) == "data\n")
        #expect(try lines(["--networks"]) == "default\n")
        #expect(try lines(["--profiles"]) == "debug\ntools\n")
        #expect(try lines(["--images", "--profile", "tools"]) == "shop-builder\npostgres:16\nbusybox\nnginx:1.27\n")
    }

    @Test("--hash SERVICE and --hash '*' print `service hash` lines, the hashes `composeplan hash` prints")
    func hashes() throws {
        let directory = try project()
        defer { directory.remove() }
        let hashResult = try CommandRunner.composeplan(["hash"], in: directory.path)
        let hashes = try JSONDecoder().decode([String: [String: String]].self, from: Data(hashResult.stdout.utf8))["services"]!
        let one = try CommandRunner.composeplan(["config", "--hash", "web"], in: directory.path)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "web \(hashes["web"]!)\n")
        let all = try CommandRunner.composeplan(["config", "--hash", "*"], in: directory.path)
        #expect(all.stdout == "db \(hashes["db"]!)\nweb \(hashes["web"]!)\n")
        // Only the hashed services are resolved: db's missing env file does
        // not stop web's hash (compose: "a broken env_file on an unrelated
        // service doesn't prevent hashing the requested ones").
        try FileManager.default.removeItem(atPath: directory.path + "/db.env")
        let narrowed = try CommandRunner.composeplan(["config", "--hash", "web"], in: directory.path)
        #expect(narrowed.status == 0, "\(narrowed.stderr)")
        #expect(narrowed.stdout == one.stdout)
        let broken = try CommandRunner.composeplan(["config", "--hash", "db"], in: directory.path)
        #expect(broken.status == 1)
        #expect(broken.stderr == "error: compose.yaml:17:15: services.db.env_file: env file \(directory.path)/db.env not found\n")
        let unknown = try CommandRunner.composeplan(["config", "--hash", "nope"], in: directory.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: compose.yaml: no such service: nope\n")
    }

    @Test("--no-interpolate prints the merged model as written, with the project name and absolute paths")
    func noInterpolate() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        try directory.write("compose.yaml", "include: [db.yaml]\nservices:\n  web:\n    image: nginx:${TAG:-1.27}\n    x-note: kept\n    volumes: [\"./${DIR}:/data\"]\n")
        try directory.write("db.yaml", "services:\n  db:\n    image: postgres:${PG}\n")
        let result = try CommandRunner.composeplan(["config", "--no-interpolate", "-p", "raw"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            name: raw
            services:
              db:
                image: postgres:${PG}
              web:
                image: nginx:${TAG:-1.27}
                volumes:
                  - \(directory.path)/${DIR}:/data
                x-note: kept

            """)
    }

    @Test("Unset variables are warned about once each, on standard error")
    func warnings() throws {
        let directory = try TemporaryDirectory(prefix: "config")
        defer { directory.remove() }
        try directory.write("compose.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    command: echo ${TAG} ${TIMEZONE}\n")
        let result = try CommandRunner.composeplan(["config", "--services", "-p", "w"], in: directory.path)
        #expect(result.stdout == "web\n")
        #expect(result.stderr == """
            warning: the TAG variable is not set, defaulting to a blank string
            warning: the TIMEZONE variable is not set, defaulting to a blank string

            """)
    }
}
