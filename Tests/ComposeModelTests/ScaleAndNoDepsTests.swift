import ComposeModel
import Foundation
import Testing

/// `up --scale SERVICE=N` and `up --no-deps`, applied while loading as
/// compose applies them to the project (`--scale` sets the service's scale
/// and deploy.replicas; `--no-deps` selects the named services without
/// their dependencies).
@Suite("--scale and --no-deps")
struct ScaleAndNoDepsTests {
    let yaml = """
        services:
          web:
            image: nginx
            depends_on: [api]
          api:
            image: api
            deploy: {replicas: 2}
            depends_on: [db]
            env_file: missing.env
          db:
            image: postgres
            container_name: the-db
        """

    @Test("--scale overrides scale and deploy.replicas")
    func scale() throws {
        let project = try loadProject(["compose.yaml": yaml, "missing.env": ""]) { $0.projectName = "p"; $0.scales = ["web": 3, "api": 0] }
        #expect(project.services["web"]?.desiredScale == 3)
        #expect(project.services["api"]?.desiredScale == 0)
        #expect(project.services["api"]?.deploy?.replicas == 0)
    }

    @Test("--scale of an unknown service, or above 1 with container_name, is an error")
    func scaleErrors() {
        #expect(loadError { try loadProject(["compose.yaml": yaml, "missing.env": ""]) { $0.projectName = "p"; $0.scales = ["nope": 2] } }
                == "compose.yaml: --scale: no such service: nope")
        #expect(loadError { try loadProject(["compose.yaml": yaml, "missing.env": ""]) { $0.projectName = "p"; $0.scales = ["db": 2] } }
                == "compose.yaml:12:5: service \"db\" sets container_name \"the-db\" but is scaled to 2; a fixed name allows one container")
    }

    @Test("--no-deps selects the named services only: their dependencies are neither loaded as active nor their env files read")
    func noDeps() throws {
        let project = try loadProject(["compose.yaml": yaml]) { $0.projectName = "p"; $0.selectedServices = ["web"]; $0.selectsDependencies = false }
        #expect(project.serviceNames == ["web"])
        #expect(Set(project.disabledServices.keys) == ["api", "db"])
        let withDependencies = loadError { try loadProject(["compose.yaml": yaml]) { $0.projectName = "p"; $0.selectedServices = ["web"] } }
        #expect(withDependencies?.hasPrefix("compose.yaml:9:15: services.api.env_file: env file /") == true)
        #expect(withDependencies?.hasSuffix("/missing.env not found") == true)
    }
}
