import ComposeModel
import Testing

@Suite("Bad compose input")
struct LoaderErrorTests {
    func error(_ yaml: String, environment: [String: String] = [:]) -> String? {
        loadError { try loadProject(["compose.yaml": yaml], options: { $0.projectName = "p" }, environment: environment) }
    }

    @Test("YAML syntax errors name the file, line and column")
    func syntax() {
        let message = error("services:\n  web:\n    image: nginx\n   ports: [80\n")
        #expect(message?.hasPrefix("compose.yaml:4:") == true)
        #expect(message?.contains("YAML syntax error") == true)
    }

    @Test("Duplicate keys are syntax errors")
    func duplicateKeys() {
        #expect(error("services:\n  web:\n    image: a\n    image: b\n")?.contains("duplicate") == true)
    }

    @Test("Type errors name the field and its location")
    func types() {
        #expect(error("services:\n  web:\n    image: nginx\n    ports: 80\n") == "compose.yaml:4:12: services.web.ports: expected a sequence, found a scalar")
        #expect(error("services:\n  web:\n    image: nginx\n    scale: many\n") == "compose.yaml:4:12: services.web.scale: expected an integer, found \"many\"")
        #expect(error("services:\n  web:\n    image: nginx\n    privileged: sometimes\n") == "compose.yaml:4:17: services.web.privileged: expected a boolean, found \"sometimes\"")
        #expect(error("services:\n  web:\n    image: nginx\n    stop_grace_period: soon\n")?.hasPrefix("compose.yaml:4:24: services.web.stop_grace_period: invalid duration") == true)
        #expect(error("services:\n  web:\n    image: nginx\n    ports: [\"99999:80\"]\n")?.hasPrefix("compose.yaml:4:13: services.web.ports[0]: invalid port") == true)
        #expect(error("services:\n  web:\n    image: nginx\n    volumes: [\"relative\"]\n")?.contains("invalid volume") == true)
    }

    @Test("Unknown keys in a service, a network, a volume or the top level are named with their location")
    func unknownKeys() {
        #expect(error("services:\n  web:\n    image: nginx\n    prots: [80]\n") == "compose.yaml:4:5: unknown key \"prots\" in service \"web\"")
        #expect(error("services:\n  web: {image: nginx}\nnetworks:\n  front:\n    drvier: bridge\n") == "compose.yaml:5:5: unknown key \"drvier\" in network \"front\"")
        #expect(error("services:\n  web: {image: nginx}\nvolumes:\n  data:\n    size: 1g\n") == "compose.yaml:5:5: unknown key \"size\" in volume \"data\"")
        #expect(error("servces:\n  web: {image: nginx}\n") == "compose.yaml:1:1: unknown key \"servces\" in the top level")
        #expect(error("services:\n  web:\n    image: nginx\n    x-anything: [1]\n") == nil)
    }

    @Test("Unknown keys deeper in a service are named with their field's path")
    func unknownNestedKeys() {
        #expect(error("services:\n  web:\n    image: nginx\n    healthcheck:\n      tset: [CMD, \"true\"]\n")
            == "compose.yaml:5:7: unknown key \"tset\" in services.web.healthcheck")
        #expect(error("services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        publish: 8080\n")
            == "compose.yaml:6:9: unknown key \"publish\" in services.web.ports[0]")
        #expect(error("services:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits:\n          cpu: 1\n")
            == "compose.yaml:7:11: unknown key \"cpu\" in services.web.deploy.resources.limits")
        #expect(error("services:\n  db: {image: pg}\n  web:\n    image: nginx\n    depends_on:\n      db:\n        require: true\n")
            == "compose.yaml:7:9: unknown key \"require\" in services.web.depends_on.db")
        #expect(error("services:\n  web:\n    image: nginx\n    volumes:\n      - type: volume\n        source: data\n        target: /d\n        volume: {nocpy: true}\nvolumes:\n  data: {}\n")?
            .hasSuffix("unknown key \"nocpy\" in services.web.volumes[0].volume") == true)
        #expect(error("services:\n  web:\n    image: nginx\n    environment:\n      A: [1]\n")
            == "compose.yaml:5:10: services.web.environment.A: expected a string, found a sequence")
    }

    @Test("References to unknown services")
    func unknownServices() {
        #expect(error("services:\n  web:\n    image: nginx\n    depends_on: [db]\n") == "compose.yaml:4:18: service \"web\" depends on undefined service \"db\"")
        #expect(error("services:\n  web:\n    image: nginx\n    links: [cache]\n")?.contains("depends on undefined service \"cache\"") == true)
        #expect(error("services:\n  web:\n    image: nginx\n    volumes_from: [data]\n")?.contains("depends on undefined service \"data\"") == true)
        #expect(error("services:\n  web:\n    image: nginx\n    network_mode: service:vpn\n")?.contains("depends on undefined service \"vpn\"") == true)
        #expect(error("services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_started\n        required: false\n") == nil)
    }

    @Test("Undeclared networks and volumes")
    func undeclaredResources() {
        #expect(error("services:\n  web:\n    image: nginx\n    networks: [back]\n") == "compose.yaml:4:16: service \"web\" uses undefined network \"back\"")
        #expect(error("services:\n  web:\n    image: nginx\n    volumes: [\"data:/data\"]\n")?
            .hasPrefix("compose.yaml:4:15: service \"web\" uses undefined volume \"data\"") == true)
    }

    @Test("Dependency cycles are named")
    func cycles() {
        let message = error("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n")
        #expect(message?.contains("dependency cycle: a -> b -> c -> a") == true)
    }

    @Test("container_name with a scale above 1")
    func containerNameScale() {
        #expect(error("services:\n  web:\n    image: nginx\n    container_name: web\n    scale: 2\n")?
            .hasPrefix("compose.yaml:4:5: service \"web\" sets container_name \"web\" but is scaled to 2") == true)
    }

    @Test("A missing required variable names the variable and its message")
    func requiredVariable() {
        #expect(error("services:\n  web:\n    image: nginx:${TAG:?set TAG to the release}\n") ==
                "compose.yaml:3:12: required variable TAG is missing a value: set TAG to the release")
        #expect(error("services:\n  web:\n    image: nginx:${TAG:?set TAG}\n", environment: ["TAG": "1"]) == nil)
    }

    @Test("Other invalid combinations")
    func others() {
        #expect(error("services:\n  web:\n    command: run\n")?.contains("neither an image nor a build context") == true)
        #expect(error("include:\n  - other.yaml\nservices:\n  web: {image: x}\n") == "other.yaml: cannot read file: no such file")
        #expect(error("services:\n  web:\n    image: x\n    network_mode: host\n    networks: [default]\n")?.contains("both network_mode and networks") == true)
        #expect(error("services:\n  web:\n    image: x\n    scale: 2\n    deploy: {replicas: 3}\n")?.contains("disagree") == true)
        #expect(error("services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_ready}\n  db: {image: y}\n")?.contains("unknown condition") == true)
        #expect(error("services:\n  web:\n    image: x\n    restart: sometimes\n")?.contains("invalid restart policy") == true)
        #expect(error("- just\n- a list\n")?.contains("must be a mapping") == true)
    }

    @Test("Selecting an unknown service")
    func unknownSelection() {
        #expect(loadError { try loadProject(["compose.yaml": "services:\n  web: {image: x}\n"]) { $0.projectName = "p"; $0.selectedServices = ["api"] } }
            == "compose.yaml: no such service: api")
    }
}
