import ComposeModel
import Foundation
import Testing

/// `COMPOSE_PROJECT_NAME` during interpolation, and the warnings for unset
/// variables, as docker compose does them.
@Suite("Interpolation: COMPOSE_PROJECT_NAME and unset variables")
struct InterpolationWarningTests {
    @Test("COMPOSE_PROJECT_NAME is the project name during interpolation (compose-go projectName() sets it in the environment)")
    func projectNameVariable() throws {
        let yaml = "services:\n  web:\n    image: app:${COMPOSE_PROJECT_NAME}\n    environment: [COMPOSE_PROJECT_NAME]\n"
        let fromOption = try loadProject(["compose.yaml": yaml]) { $0.projectName = "Demo" }
        #expect(fromOption.services["web"]?.image == "app:demo")
        #expect(fromOption.services["web"]?.environment == ["COMPOSE_PROJECT_NAME": "demo"])
        #expect(fromOption.warnings == [])
        let fromFile = try loadProject(["shop/compose.yaml": "name: ${PREFIX:-my}-Shop\n" + yaml]) { $0.files = ["shop/compose.yaml"] }
        #expect(fromFile.services["web"]?.image == "app:my-shop")
        let fromFolder = try loadProject(["shop/compose.yaml": yaml]) { $0.files = ["shop/compose.yaml"] }
        #expect(fromFolder.services["web"]?.image == "app:shop")
        let fromEnvironment = try loadProject(["compose.yaml": yaml], environment: ["COMPOSE_PROJECT_NAME": "env-name"])
        #expect(fromEnvironment.services["web"]?.image == "app:env-name")
    }

    @Test("One warning per unset variable without a default, in first-use order, from every source (compose warns 'The \"X\" variable is not set. Defaulting to a blank string.')")
    func unsetWarnings() throws {
        let project = try loadProject([
            "compose.yaml": """
                include: [inc.yaml]
                services:
                  web:
                    image: nginx:${TAG}
                    command: echo ${TIMEZONE} $TIMEZONE ${TAG}
                    environment:
                      DEFAULTED: ${WITH_DEFAULT:-x}${WITH_DEFAULT2-y}
                      ALTERNATE: ${UNSET_SWITCH:+${NEVER_EVALUATED}}
                      NESTED: ${SET:-${NOT_NEEDED}}
                    env_file: web.env
                  other:
                    extends: {file: base.yaml, service: base}
                """,
            "override.yaml": "services:\n  web:\n    labels: {zone: \"${TIMEZONE}${ZONE}\"}\n",
            ".env": "FROM_DOTENV=${IN_DOTENV}\n",
            "web.env": "W=${IN_ENV_FILE}\n",
            "base.yaml": "services:\n  base:\n    image: base:${IN_EXTENDED}\n",
            "inc.yaml": "services:\n  inc:\n    image: inc:${IN_INCLUDED}\n",
        ], options: { $0.projectName = "p"; $0.files = ["compose.yaml", "override.yaml"] }, environment: ["SET": "1"])
        #expect(project.warnings == [
            "IN_DOTENV", "TAG", "TIMEZONE", "IN_EXTENDED", "IN_INCLUDED", "ZONE", "IN_ENV_FILE",
        ].map { "the \($0) variable is not set, defaulting to a blank string" })
        #expect(project.services["web"]?.command == ["echo"])
    }
}
