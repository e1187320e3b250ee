import ComposeModel
import Foundation
import Testing

@Suite("Loading compose files")
struct LoaderTests {
    @Test("Default file names and the override file; project name from the folder")
    func defaultFiles() throws {
        let project = try loadProject([
            "My.App/compose.yaml": "services:\n  web:\n    image: nginx\n    ports: ['80:80']\n",
            "My.App/compose.override.yaml": "services:\n  web:\n    image: nginx:1.27\n    ports: ['443:443']\n",
        ]) { $0.projectDirectory = "My.App" }
        #expect(project.name == "myapp")
        #expect(project.services["web"]?.image == "nginx:1.27")
        #expect(project.services["web"]?.ports.map(\.target) == [80, 443])
        #expect(project.configFiles.map { ($0 as NSString).lastPathComponent } == ["compose.yaml", "compose.override.yaml"])
    }

    @Test("docker-compose.yml is found when compose.yaml is absent")
    func legacyName() throws {
        let project = try loadProject(["docker-compose.yml": "services:\n  a: {image: x}\n"]) { $0.projectName = "p" }
        #expect(project.serviceNames == ["a"])
    }

    @Test("No compose file is a clear error")
    func noFile() {
        #expect(loadError { try loadProject(["README": "x"]) }?.contains("no compose file found") == true)
        #expect(loadError { try loadProject([:]) { $0.files = ["missing.yaml"] } } == "missing.yaml: cannot read file: no such file")
    }

    @Test("Several -f files merge with compose's override rules")
    func mergeRules() throws {
        let base = """
            services:
              web:
                image: nginx
                command: ["nginx", "-g", "daemon off;"]
                environment:
                  - A=1
                  - B=2
                labels: {tier: front}
                ports: ["80:80"]
                volumes:
                  - ./html:/usr/share/nginx/html
                  - logs:/var/log
                dns: [1.1.1.1]
                networks: [front]
            networks:
              front: {}
            volumes:
              logs: {}
            """
        let override = """
            services:
              web:
                command: nginx-debug
                environment:
                  B: "3"
                  C: "4"
                labels:
                  - owner=ops
                ports: ["80:80", "8080:80"]
                volumes:
                  - ./other:/usr/share/nginx/html:ro
                dns: [1.1.1.1, 8.8.8.8]
                networks:
                  back: {aliases: [api]}
            networks:
              back: {}
            """
        let project = try loadProject(["a.yaml": base, "b.yaml": override]) {
            $0.files = ["a.yaml", "b.yaml"]
            $0.projectName = "m"
        }
        let web = try #require(project.services["web"])
        #expect(web.command == ["nginx-debug"])
        #expect(web.environment == ["A": "1", "B": "3", "C": "4"])
        #expect(web.labels == ["tier": "front", "owner": "ops"])
        #expect(web.ports.map { "\($0.published ?? ""):\($0.target)" } == ["80:80", "8080:80"])
        #expect(web.volumes.count == 2)
        #expect(web.volumes[0].target == "/usr/share/nginx/html")
        #expect(web.volumes[0].source?.hasSuffix("/other") == true)
        #expect(web.volumes[0].readOnly == true)
        #expect(web.dns == ["1.1.1.1", "8.8.8.8"])
        #expect(Set(web.networks.keys) == ["front", "back"])
        #expect(web.networks["back"]?.aliases == ["api"])
        #expect(Set(project.networks.keys) == ["front", "back"])
    }

    @Test("Project name precedence: -p, COMPOSE_PROJECT_NAME, name:, folder")
    func projectName() throws {
        let files = ["app/compose.yaml": "name: FromFile\nservices:\n  a: {image: x}\n"]
        #expect(try loadProject(files, options: { $0.files = ["app/compose.yaml"]; $0.projectName = "Cli_Name!" }).name == "cli_name")
        #expect(try loadProject(files, options: { $0.files = ["app/compose.yaml"] }, environment: ["COMPOSE_PROJECT_NAME": "env-name"]).name == "env-name")
        #expect(try loadProject(files, options: { $0.files = ["app/compose.yaml"] }).name == "fromfile")
        let unnamed = ["__app/compose.yaml": "services:\n  a: {image: x}\n"]
        #expect(try loadProject(unnamed, options: { $0.files = ["__app/compose.yaml"] }).name == "app")
        #expect(loadError { try loadProject(files, options: { $0.files = ["app/compose.yaml"]; $0.projectName = "___" }) }?
            .contains("has no letter or digit") == true)
    }

    @Test("Interpolation from the process environment over .env; --env-file replaces .env; $$ escapes")
    func environmentSources() throws {
        let yaml = "services:\n  web:\n    image: \"nginx:${TAG}\"\n    command: echo $$HOME ${GREETING:-hi}\n    scale: ${N:-1}\n"
        let files = ["compose.yaml": yaml, ".env": "TAG=1.25\nN=2\n", "prod.env": "TAG=prod\n"]
        let fromDotEnv = try loadProject(files) { $0.projectName = "p" }
        #expect(fromDotEnv.services["web"]?.image == "nginx:1.25")
        #expect(fromDotEnv.services["web"]?.command == ["echo", "$HOME", "hi"])
        #expect(fromDotEnv.services["web"]?.scale == 2)
        #expect(try loadProject(files, options: { $0.projectName = "p" }, environment: ["TAG": "env"]).services["web"]?.image == "nginx:env")
        #expect(try loadProject(files, options: { $0.projectName = "p"; $0.envFiles = ["prod.env"] }).services["web"]?.image == "nginx:prod")
    }

    @Test("Unset variables default to blank with a warning")
    func unsetWarning() throws {
        let project = try loadProject(["compose.yaml": "services:\n  web:\n    image: nginx${MISSING}\n"]) { $0.projectName = "p" }
        #expect(project.services["web"]?.image == "nginx")
        #expect(project.warnings.contains { $0.contains("MISSING") })
    }

    @Test("Profiles: services with profiles run only when enabled, or when targeted")
    func profiles() throws {
        let yaml = """
            services:
              web: {image: nginx}
              debug:
                image: busybox
                profiles: [debug]
              admin:
                image: adminer
                profiles: [tools]
                depends_on: [web]
            """
        let plain = try loadProject(["compose.yaml": yaml]) { $0.projectName = "p" }
        #expect(plain.serviceNames == ["web"])
        #expect(Set(plain.disabledServices.keys) == ["debug", "admin"])
        #expect(try loadProject(["compose.yaml": yaml]) { $0.projectName = "p"; $0.profiles = ["debug"] }.serviceNames == ["debug", "web"])
        #expect(try loadProject(["compose.yaml": yaml], options: { $0.projectName = "p" }, environment: ["COMPOSE_PROFILES": "tools"]).serviceNames == ["admin", "web"])
        #expect(try loadProject(["compose.yaml": yaml]) { $0.projectName = "p"; $0.profiles = ["*"] }.serviceNames == ["admin", "debug", "web"])
        #expect(try loadProject(["compose.yaml": yaml]) { $0.projectName = "p"; $0.selectedServices = ["admin"] }.serviceNames == ["admin", "web"])
    }

    @Test("depends_on short and long forms, and implicit dependencies")
    func dependencies() throws {
        let project = try loadProject(["compose.yaml": """
            services:
              db: {image: postgres}
              cache: {image: redis}
              vpn: {image: vpn}
              data: {image: busybox}
              web:
                image: nginx
                depends_on: [db]
                links: ["cache:redis"]
              app:
                image: app
                network_mode: service:vpn
                ipc: service:vpn
                volumes_from: ["data:ro", "container:external"]
                depends_on:
                  db:
                    condition: service_healthy
                    required: false
                    restart: true
            """]) { $0.projectName = "p" }
        #expect(project.services["web"]?.dependsOn == [
            "db": ServiceDependency(), "cache": ServiceDependency(),
        ])
        let app = try #require(project.services["app"])
        #expect(app.dependsOn["db"] == ServiceDependency(condition: .healthy, required: false, restart: true))
        #expect(app.dependsOn["vpn"] == ServiceDependency())
        #expect(app.dependsOn["data"] == ServiceDependency())
        #expect(app.dependsOn["external"] == nil)
        #expect(app.networks.isEmpty)
        #expect(project.services["web"]?.networks.keys.sorted() == ["default"])
    }

    @Test("Networks and volumes: Docker names, external resources, unused ones dropped, default network only when used")
    func resources() throws {
        let project = try loadProject(["compose.yaml": """
            services:
              web:
                image: nginx
                networks:
                  front:
                    aliases: [www]
                    ipv4_address: 172.30.0.5
                    priority: 10
                  shared: {}
                volumes: [data:/data, ext:/ext]
            networks:
              front:
                driver: bridge
                ipam:
                  config:
                    - subnet: 172.30.0.0/24
              shared:
                external: true
                name: infra_net
              unused: {}
            volumes:
              data:
                name: custom-data
              ext:
                external: true
              unused: {}
            """]) { $0.projectName = "p" }
        #expect(project.networks["front"]?.name == "p_front")
        #expect(project.networks["front"]?.ipam?.config.first?.subnet == "172.30.0.0/24")
        #expect(project.networks["shared"]?.name == "infra_net")
        #expect(project.networks["shared"]?.external == true)
        #expect(project.networks["default"] == nil)
        #expect(project.networks["unused"] == nil)
        #expect(project.volumes["data"]?.name == "custom-data")
        #expect(project.volumes["data"]?.driver == "local")
        #expect(project.volumes["ext"]?.name == "ext")
        #expect(project.volumes["unused"] == nil)
        let attachment = try #require(project.services["web"]?.networks["front"])
        #expect(attachment.aliases == ["www"])
        #expect(attachment.ipv4Address == "172.30.0.5")
        #expect(attachment.priority == 10)
    }

    @Test("x- extensions, anchors and merge keys")
    func anchorsAndExtensions() throws {
        let project = try loadProject(["compose.yaml": """
            x-common: &common
              restart: always
              environment:
                LOG: debug
              x-note: ignored
            services:
              web:
                <<: *common
                image: nginx
                restart: "no"
              worker:
                <<: [*common]
                image: worker
            """]) { $0.projectName = "p" }
        #expect(project.services["web"]?.restart == "no")
        #expect(project.services["web"]?.environment == ["LOG": "debug"])
        #expect(project.services["worker"]?.restart == "always")
    }

    @Test("env_file entries are read in order, environment wins, required: false may be missing")
    func envFiles() throws {
        let project = try loadProject([
            "compose.yaml": """
                services:
                  web:
                    image: nginx
                    env_file:
                      - common.env
                      - path: local.env
                        required: false
                      - path: override.env
                    environment:
                      B: from-compose
                      HOST_VAR:
                """,
            "common.env": "A=1\nB=2\nC=common\n",
            "override.env": "C=override\n",
        ], options: { $0.projectName = "p" }, environment: ["HOST_VAR": "host"])
        #expect(project.services["web"]?.environment == ["A": "1", "B": "from-compose", "C": "override", "HOST_VAR": "host"])
        #expect(project.services["web"]?.envFile.map(\.required) == [true, false, true])
        #expect(loadError { try loadProject(["compose.yaml": "services:\n  web:\n    image: x\n    env_file: nope.env\n"]) { $0.projectName = "p" } }?
            .contains("env file") == true)
    }

    @Test("Short and long syntaxes of ports, volumes, healthcheck, ulimits, extra_hosts")
    func syntaxes() throws {
        let project = try loadProject(["compose.yaml": """
            services:
              web:
                image: nginx
                ports:
                  - 3000
                  - "127.0.0.1:8001-8002:8001-8002/udp"
                  - target: 443
                    published: "8443"
                    protocol: tcp
                    mode: host
                expose: [9000, "9001/udp"]
                volumes:
                  - /anonymous
                  - ./site:/site:ro,z
                  - type: tmpfs
                    target: /cache
                    tmpfs: {size: 64m}
                  - type: volume
                    source: data
                    target: /data
                    volume: {nocopy: true}
                healthcheck:
                  test: curl -f http://localhost
                  interval: 1m30s
                  timeout: 500ms
                  retries: 3
                ulimits:
                  nproc: 65535
                  nofile: {soft: 1024, hard: 2048}
                extra_hosts:
                  db: 10.0.0.5
                stop_grace_period: 1m
                shm_size: 1gb
            volumes:
              data: {}
            """]) { $0.projectName = "p" }
        let web = try #require(project.services["web"])
        #expect(web.ports.count == 4)
        #expect(web.ports[0] == ServicePort(target: 3000))
        #expect(web.ports[1] == ServicePort(target: 8001, published: "8001", hostIP: "127.0.0.1", protocol: "udp"))
        #expect(web.ports[3].mode == "host")
        #expect(web.expose == ["9000", "9001/udp"])
        #expect(web.volumes.map(\.type) == [.volume, .bind, .tmpfs, .volume])
        #expect(web.volumes[0].isAnonymousVolume)
        #expect(web.volumes[1].readOnly == true)
        #expect(web.volumes[1].bind?.selinux == "z")
        #expect(web.volumes[2].tmpfs?.size == ByteCount(bytes: 64 * 1024 * 1024))
        #expect(web.volumes[3].volume?.nocopy == true)
        #expect(web.healthcheck?.test == ["CMD-SHELL", "curl -f http://localhost"])
        #expect(web.healthcheck?.interval == ComposeDuration(seconds: 90))
        #expect(web.healthcheck?.timeout == ComposeDuration(nanoseconds: 500_000_000))
        #expect(web.ulimits["nproc"] == Ulimit(soft: 65535, hard: 65535))
        #expect(web.ulimits["nofile"] == Ulimit(soft: 1024, hard: 2048))
        #expect(web.extraHosts == ["db:10.0.0.5"])
        #expect(web.stopGracePeriod == ComposeDuration(seconds: 60))
        #expect(web.shmSize == ByteCount(bytes: 1 << 30))
    }

    @Test("Numbers, durations and sizes may be quoted with spaces or tabs around them, ASCII or not")
    func spacesAroundValues() throws {
        let project = try loadProject(["compose.yaml": """
            services:
              web:
                image: nginx
                scale: " 3\t"
                stop_grace_period: "\u{3000}1m\u{3000}"
                shm_size: "\u{00a0}64m"
                ulimits:
                  nproc: "12 "
              plain:
                image: nginx
                scale: 2
                stop_grace_period: 1m30s
            """]) { $0.projectName = "p" }
        let web = try #require(project.services["web"])
        #expect(web.scale == 3)
        #expect(web.stopGracePeriod == ComposeDuration(seconds: 60))
        #expect(web.shmSize == ByteCount(bytes: 64 * 1024 * 1024))
        #expect(web.ulimits["nproc"] == Ulimit(soft: 12, hard: 12))
        #expect(project.services["plain"]?.scale == 2)
        #expect(project.services["plain"]?.stopGracePeriod == ComposeDuration(seconds: 90))
        #expect(loadError { try loadProject(["compose.yaml": "services:\n  web:\n    image: nginx\n    scale: \"3\\n\"\n"]) }?
            .contains("services.web.scale: expected an integer") == true)
    }
}

@Suite("extends")
struct ExtendsTests {
    @Test("A service extends another of the same file or of another file, with the override rules, along chains")
    func extendsServices() throws {
        let project = try loadProject([
            "compose.yaml": """
                services:
                  base:
                    image: app:1
                    environment: [A=1, B=2]
                    ports: ["80:80"]
                    command: serve
                  web:
                    extends: base
                    environment:
                      B: "3"
                    ports: ["443:443"]
                  worker:
                    extends:
                      service: common
                      file: common.yaml
                    command: work
                """,
            "common.yaml": """
                services:
                  root:
                    image: worker:2
                    labels: {team: ops}
                  common:
                    extends: root
                    restart: always
                """,
        ]) { $0.projectName = "x" }
        let web = try #require(project.services["web"])
        #expect(web.image == "app:1")
        #expect(web.environment == ["A": "1", "B": "3"])
        #expect(web.ports.map(\.target) == [80, 443])
        #expect(web.command == ["serve"])
        let worker = try #require(project.services["worker"])
        #expect(worker.image == "worker:2")
        #expect(worker.labels == ["team": "ops"])
        #expect(worker.restart == "always")
        #expect(worker.command == ["work"])
        #expect(project.services["root"] == nil)
    }

    @Test("Cycles and missing bases are errors with their location")
    func errors() {
        let cycle = loadError {
            try loadProject(["compose.yaml": "services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n    image: y\n"]) { $0.projectName = "x" }
        }
        #expect(cycle?.hasPrefix("compose.yaml:") == true)
        #expect(cycle?.contains("extends cycle") == true)
        #expect(loadError {
            try loadProject(["compose.yaml": "services:\n  a:\n    extends: nope\n    image: x\n"]) { $0.projectName = "x" }
        } == "compose.yaml:3:14: service \"a\" extends undefined service \"nope\"")
        #expect(loadError {
            try loadProject(["compose.yaml": "services:\n  a:\n    extends: {service: b, file: missing.yaml}\n"]) { $0.projectName = "x" }
        } == "missing.yaml: cannot read file: no such file")
    }
}
