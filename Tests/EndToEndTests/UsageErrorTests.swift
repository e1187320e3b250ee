import Foundation
import TestSupport
import Testing

/// Issue 11, item 5: consistent flags, and errors that name what they are
/// about and say what to do next.
@Suite("Consistent flags and errors, through the built binary")
struct UsageErrorTests {
    static let fresh = ["-f", "examples/fresh/compose.yaml", "--observed", "examples/fresh/snapshot.json"]

    @Test("--focus on a service no operation acts on is an error listing the services, with or without a diagram")
    func unknownFocus() throws {
        let expected = "error: --focus: cannot focus on 'nosuch': no operation of the plan acts on it (services in the plan: api, cache, db, proxy, worker)\n"
        for extra in [[], ["--svg", "/tmp/unused-\(UUID().uuidString).svg"], ["--format", "markdown"]] {
            let result = try CommandRunner.composeplan(["plan"] + Self.fresh + ["--focus", "nosuch"] + extra)
            #expect(result.status == 1, "\(extra)")
            #expect(result.stdout == "", "\(extra)")
            #expect(result.stderr == expected, "\(extra)")
        }
    }

    @Test("A file name whose extension contradicts the format is refused before anything runs (exit 64)")
    func contradictingExtensions() throws {
        let cases: [([String], String)] = [
            (["plan"] + Self.fresh + ["--png", "p.svg"],
             "Error: --png p.svg: the file name says SVG but --png writes PNG; name it .png"),
            (["plan"] + Self.fresh + ["--svg", "p.png"],
             "Error: --svg p.png: the file name says PNG but --svg writes SVG; name it .svg"),
            (["plan"] + Self.fresh + ["-o", "plan.svg"],
             "Error: -o plan.svg: -o writes the plan file (JSON), not SVG; draw with --svg instead"),
            (["render", "plan.json", "-o", "d.svg", "--format", "png"],
             "Error: -o d.svg: the file name says SVG but -o writes PNG; name it .png"),
        ]
        for (arguments, expected) in cases {
            let result = try CommandRunner.composeplan(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").first.map(String.init) == expected, "\(arguments)")
        }
    }

    @Test("--observed without --dry-run is bad usage for apply and up")
    func observedNeedsDryRun() throws {
        let result = try CommandRunner.composeplan(["up"] + Self.fresh)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --observed needs --dry-run with up: a snapshot cannot be changed (plan from it with `composeplan plan --observed`)\n"))
    }

    @Test("An unreachable daemon: the address, the reason in words, and how to work without a daemon")
    func unreachableDaemon() throws {
        let result = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "-H", "unix:///nonexistent/docker.sock"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: cannot connect to the Docker daemon at unix:///nonexistent/docker.sock: no such socket; is the daemon running? \
            Without a daemon, plan from a saved snapshot with --observed SNAPSHOT.json (and add --dry-run to run the plan on the simulated engine)

            """)
    }

    @Test("Writing into a missing folder names the file and the folder")
    func missingFolder() throws {
        let result = try CommandRunner.composeplan(["plan"] + Self.fresh + ["-o", "/nonexistent/dir/plan.json"])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("error: /nonexistent/dir/plan.json: cannot write: the folder /nonexistent/dir does not exist (create it first)\n"))
        let relative = try CommandRunner.composeplan(["plan"] + Self.fresh + ["--svg", "no-such-folder/plan.svg"])
        #expect(relative.stderr.hasSuffix("error: no-such-folder/plan.svg: cannot write: the folder no-such-folder does not exist (create it first)\n"))
    }

    @Test("A mistyped command: did you mean")
    func didYouMean() throws {
        let cases: [(String, String)] = [
            ("paln", "error: unknown command 'paln'; did you mean 'plan'? (commands: plan, apply, up, show, render, report, observe, hash, config, unlock; see composeplan --help)"),
            ("aply", "error: unknown command 'aply'; did you mean 'apply'? (commands: plan, apply, up, show, render, report, observe, hash, config, unlock; see composeplan --help)"),
            ("deploy", "error: unknown command 'deploy' (commands: plan, apply, up, show, render, report, observe, hash, config, unlock; see composeplan --help)"),
        ]
        for (word, expected) in cases {
            let result = try CommandRunner.composeplan([word, "-f", "x.yaml"])
            #expect(result.status == 64, "\(word)")
            #expect(result.stderr == expected + "\n", "\(word)")
        }
    }

    @Test("A snapshot that is not one names the file and how to make one")
    func badSnapshot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("state.json", "[1, 2")
        let result = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed", path])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(path): not a valid snapshot: invalid JSON (write one with `composeplan observe -o \(path)`)\n")
    }
}
