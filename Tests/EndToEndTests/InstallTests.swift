import Foundation
import TestSupport
import Testing

/// Issue 11, item 1: `scripts/install.sh` installs the binary, its
/// completions and its man page.
@Suite("scripts/install.sh")
struct InstallTests {
    @Test("Installs the binary (here the test build), bash/zsh/fish completions and a man page that man reads")
    func install() throws {
        let prefix = try TemporaryDirectory()
        defer { prefix.remove() }
        let result = try CommandRunner.run("/bin/bash", ["scripts/install.sh", "--prefix", prefix.path, "--binary", CommandRunner.composeplan])
        #expect(result.status == 0, "\(result.stderr)")
        let installed = prefix.path + "/bin/composeplan"
        #expect(try CommandRunner.run(installed, ["--version"]).stdout == "0.1.0\n")
        let bash = try String(contentsOfFile: prefix.path + "/share/bash-completion/completions/composeplan", encoding: .utf8)
        #expect(bash.contains("complete -o filenames -F _composeplan composeplan") || bash.contains("-F _composeplan composeplan"))
        let zsh = try String(contentsOfFile: prefix.path + "/share/zsh/site-functions/_composeplan", encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef composeplan\n"))
        let fish = try String(contentsOfFile: prefix.path + "/share/fish/vendor_completions.d/composeplan.fish", encoding: .utf8)
        #expect(fish.contains("complete -c 'composeplan'") || fish.contains("complete -c composeplan"))
        for word in ["plan", "apply", "up", "show", "render", "report", "observe", "hash"] {
            #expect(bash.contains(word) && zsh.contains(word) && fish.contains(word), "\(word)")
        }
        let page = try String(contentsOfFile: prefix.path + "/share/man/man1/composeplan.1", encoding: .utf8)
        #expect(page.hasPrefix(".TH COMPOSEPLAN 1 \"\" \"composeplan 0.1.0\" \"User Commands\"\n.SH NAME\n"))
        #expect(page.contains("\n.SH COMMAND: PLAN\n") && page.contains("\n.SH COMMAND: HASH\n"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let shown = try CommandRunner.run("/usr/bin/man", ["-l", prefix.path + "/share/man/man1/composeplan.1"],
                                              environment: ["MANPAGER": "cat", "MANWIDTH": "100"])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("composeplan - plan, draw and apply Docker Compose changes"))
            #expect(shown.stdout.contains("--detailed-exitcode"))
            #expect(shown.stderr.isEmpty, "\(shown.stderr)")
        }
    }

    @Test("An unknown option is refused with exit 64")
    func unknownOption() throws {
        let result = try CommandRunner.run("/bin/bash", ["scripts/install.sh", "--prefixx", "/tmp/x"])
        #expect(result.status == 64)
        #expect(result.stderr == "install.sh: unknown option --prefixx (see --help)\n")
    }
}
