import Foundation
import TestSupport
import Testing

/// Issue 11, items 4 and acceptance: the README's option lists match
/// `--help`, and every shell block that needs no daemon runs as written.
@Suite("The README, checked against the built binary")
struct ReadmeTests {
    static let commands = ["plan", "apply", "up", "show", "render", "report", "observe", "hash", "config"]

    static var readme: String {
        get throws { try String(contentsOfFile: CommandRunner.repositoryRoot + "/README.md", encoding: .utf8) }
    }

    /// The README line for `command`: `- \`composeplan plan\`: \`-f/--file\`, …, \`--format text|json\`, …`,
    /// derived from `composeplan command --help`.
    static func optionLine(_ command: String) throws -> String {
        let help = try CommandRunner.composeplan([command, "--help"]).stdout
        var entries: [String] = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "OPTIONS:" { inOptions = true; continue }
            guard inOptions else { continue }
            if line.hasPrefix("  -") {
                entries.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("   "), !entries.isEmpty {
                entries[entries.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if !line.isEmpty {
                inOptions = false
            }
        }
        var options: [String] = []
        for entry in entries {
            let flags = entry.split(separator: " ").prefix { $0.hasPrefix("-") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
            guard !flags.contains("--help"), !flags.contains("--version") else { continue }
            var text = flags.joined(separator: "/")
            if let values = entry.firstMatch(of: /\(values: ([^;)]*)/) {
                text += " " + values.1.split(separator: ", ").joined(separator: "|")
            }
            options.append("`\(text)`")
        }
        return "- `composeplan \(command)`: " + options.joined(separator: ", ")
    }

    @Test("The README lists every option of every command, as --help has them", arguments: commands)
    func optionLists(command: String) throws {
        let expected = try Self.optionLine(command)
        let lines = try Self.readme.split(separator: "\n").map(String.init)
        let listed = lines.first { $0.hasPrefix("- `composeplan \(command)`: ") }
        #expect(listed == expected, "README line for \(command) should be:\n\(expected)")
    }

    @Test("The README's command table names every command; its option mentions exist in --help")
    func commandTable() throws {
        let readme = try Self.readme
        for command in Self.commands {
            let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `composeplan \(command)") }, "\(command)")
            let help = try CommandRunner.composeplan([command, "--help"]).stdout
            for match in row.matches(of: /`(--[a-z-]+)/) {
                #expect(help.contains(String(match.1)), "\(command): \(match.1) is not in --help")
            }
        }
        let planHelp = try CommandRunner.composeplan(["plan", "--help"]).stdout
        let usage = try #require(readme.components(separatedBy: "## Usage").last?.components(separatedBy: "### Options by command").first)
        for match in usage.matches(of: /`(-[a-zA-Z]\/)?(--[a-z-]+)/) where !["--detailed-exitcode"].contains(String(match.2)) {
            let upHelp = try CommandRunner.composeplan(["up", "--help"]).stdout
            #expect(planHelp.contains(String(match.2)) || upHelp.contains(String(match.2)), "\(match.2)")
        }
    }

    /// The README's ```sh blocks, and whether a `<!-- README test: not run … -->` comment precedes each.
    static func shellBlocks(_ text: String) -> [(code: String, run: Bool)] {
        var blocks: [(String, Bool)] = []
        var current: [String]?
        var previous = ""
        var skip = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var lines = current {
                if line == "```" {
                    blocks.append((lines.joined(separator: "\n"), !skip))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
                continue
            }
            if line == "```sh" {
                current = []
                skip = previous.hasPrefix("<!-- README test: not run")
            }
            if !line.isEmpty { previous = line }
        }
        return blocks
    }

    @Test("Every README shell block that needs no daemon runs as written, with composeplan on PATH")
    func shellBlocksRun() throws {
        let blocks = Self.shellBlocks(try Self.readme)
        #expect(blocks.filter(\.run).count >= 2)
        #expect(blocks.filter { !$0.run }.count == 4)
        let bin = try TemporaryDirectory()
        defer { bin.remove() }
        try FileManager.default.createSymbolicLink(atPath: bin.path + "/composeplan", withDestinationPath: CommandRunner.composeplan)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        for block in blocks where block.run {
            let result = try CommandRunner.run("/bin/bash", ["-euo", "pipefail", "-c", block.code], environment: ["PATH": path])
            #expect(result.status == 0, "\(block.code)\n\(result.stderr)")
            #expect(!result.stderr.contains("error:"), "\(block.code)\n\(result.stderr)")
        }
    }
}
