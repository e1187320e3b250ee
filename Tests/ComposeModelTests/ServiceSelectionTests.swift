import ComposeModel
import Foundation
import Testing

/// env_files are read only for the services a command works on, as docker
/// compose resolves them after the service selection and profiles (compose
/// e2e: `up serviceA` succeeds while serviceB names a missing env file;
/// `up serviceB` fails with "env file /doesnotexist/.env not found").
@Suite("env_file per selected service")
struct ServiceSelectionTests {
    let files = [
        "compose.yaml": """
            services:
              serviceA:
                image: alpine
                depends_on: [base]
              serviceB:
                image: alpine
                env_file: /doesnotexist/.env
              base:
                image: alpine
                env_file: base.env
              debug:
                image: alpine
                profiles: [debug]
                env_file: /doesnotexist/debug.env
            """,
        "base.env": "FROM_BASE=${UNSET_IN_BASE}\n",
    ]

    @Test("Selecting serviceA reads the env files of serviceA and its dependencies only")
    func selected() throws {
        let project = try loadProject(files) { $0.projectName = "p"; $0.selectedServices = ["serviceA"] }
        #expect(project.serviceNames == ["base", "serviceA"])
        #expect(project.services["base"]?.environment == ["FROM_BASE": ""])
        #expect(project.warnings == ["the UNSET_IN_BASE variable is not set, defaulting to a blank string"])
    }

    @Test("Selecting serviceB fails on its missing env file, naming it")
    func missing() {
        #expect(loadError { try loadProject(files) { $0.projectName = "p"; $0.selectedServices = ["serviceB"] } }
                == "compose.yaml:7:15: services.serviceB.env_file: env file /doesnotexist/.env not found")
        #expect(loadError { try loadProject(files) { $0.projectName = "p" } }
                == "compose.yaml:7:15: services.serviceB.env_file: env file /doesnotexist/.env not found")
    }

    @Test("A service disabled by its profile does not read its env file")
    func profiles() throws {
        let project = try loadProject(files) { $0.projectName = "p"; $0.selectedServices = ["serviceA"]; $0.profiles = [] }
        #expect(project.disabledServices["debug"]?.environment == [:])
        #expect(loadError { try loadProject(files) { $0.projectName = "p"; $0.selectedServices = ["debug"] } }?
            .hasSuffix("env file /doesnotexist/debug.env not found") == true)
    }
}
