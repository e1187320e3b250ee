import ArgumentParser
import Foundation
import Workflows

/// `composeplan unlock`: removes a project lock whose holder is gone
/// (terraform's force-unlock).
struct UnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Release the project's lock left by a composeplan process that is gone (like terraform force-unlock).",
        discussion: "apply and up hold a lock on the daemon for the whole run. A lock whose holder died on this host is taken over by the next run; one left by a process on another host that uses the same daemon is removed here. Make sure its holder is really gone: two runs at once can leave duplicate networks."
    )

    @OptionGroup var compose: ComposeOptions

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        try await reportingFailures {
            let project = try ProjectSource.name(compose.loadOptions())
            let mode = EngineMode.daemon(DaemonAddress(host: daemon.host, tls: daemon.tlsOptions, context: daemon.context))
            let removed = try await EngineSession.open(mode, project: project) { session in
                try await session.forceUnlock(project)
            }
            if let removed {
                Terminal.error("warning: removed the lock of project \(project) held by \(removed)")
            } else {
                Terminal.error("project \(project) is not locked")
            }
        }
    }
}
