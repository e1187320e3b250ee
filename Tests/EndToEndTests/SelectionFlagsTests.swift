import Foundation
import TestSupport
import Testing

/// `plan --scale SERVICE=N` and `--no-deps`, through the built binary.
@Suite("plan --scale and --no-deps")
struct SelectionFlagsTests {
    @Test("--scale web=2 --no-deps web plans two web containers and leaves api alone; a bad --scale is a usage error")
    func scaleWithoutDependencies() throws {
        let directory = try TemporaryDirectory(prefix: "scale")
        defer { directory.remove() }
        try directory.write("compose.yaml", "services:\n  web:\n    image: nginx\n    depends_on: [api]\n  api:\n    image: api\n")
        try directory.write("empty.json", "{}")
        let result = try CommandRunner.composeplan(["plan", "-p", "s", "--observed", "empty.json", "--scale", "web=2", "--no-deps", "web"],
                                                   in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            [] -> #1 network:default, CreateNetwork, not found
            [1] -> #2 service:web:1, CreateContainer, no existing container
            [1] -> #3 service:web:2, CreateContainer, no existing container
            [2] -> #4 service:web:1, StartContainer, service start
            [3] -> #5 service:web:2, StartContainer, service start

            """)
        let bad = try CommandRunner.composeplan(["plan", "-p", "s", "--observed", "empty.json", "--scale", "web"], in: directory.path)
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: --scale expects SERVICE=N with N a whole number, got \"web\"\n"))
        let unknown = try CommandRunner.composeplan(["plan", "-p", "s", "--observed", "empty.json", "--scale", "nope=1"], in: directory.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: compose.yaml: --scale: no such service: nope\n")
    }
}
