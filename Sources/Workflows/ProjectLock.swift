import ComposeModel
import Engine
import Foundation

/// One `apply` or `up` at a time per project and daemon, like terraform's
/// state lock.
///
/// The lock is an object on the daemon, so it excludes composeplan
/// processes on every host that uses the daemon: a created (never started)
/// container named `composeplan-lock.<project>`, made atomic by the
/// daemon's unique container names (a network name is not: the daemon's
/// duplicate check races). Its labels record the holder. The container
/// runs nothing; its image is imported from an empty file system, so no
/// registry is needed.
public struct ProjectLock: Sendable {
    /// The image lock containers are created from (imported on first use).
    public static let image = "composeplan/lock:1"
    /// Labels on the lock container.
    enum Label {
        static let project = "dev.composeplan.lock.project"
        static let host = "dev.composeplan.lock.host"
        static let pid = "dev.composeplan.lock.pid"
        static let user = "dev.composeplan.lock.user"
        static let since = "dev.composeplan.lock.since"
        static let command = "dev.composeplan.lock.command"
    }

    /// Who holds a lock.
    public struct Holder: Hashable, Sendable, CustomStringConvertible {
        public var host: String
        public var pid: Int
        public var user: String
        /// When it was taken (ISO 8601).
        public var since: String
        /// The command line that took it (`composeplan up -y`).
        public var command: String

        /// This process, running `command`.
        public static func current(command: String) -> Holder {
            let info = ProcessInfo.processInfo
            let user = info.environment["USER"] ?? info.environment["LOGNAME"] ?? String(getuid())
            return Holder(host: info.hostName, pid: Int(info.processIdentifier), user: user,
                          since: ISO8601DateFormatter().string(from: Date()), command: command)
        }

        init(host: String, pid: Int, user: String, since: String, command: String) {
            self.host = host
            self.pid = pid
            self.user = user
            self.since = since
            self.command = command
        }

        init(labels: [String: String]) {
            self.init(host: labels[Label.host] ?? "an unknown host", pid: Int(labels[Label.pid] ?? "") ?? 0,
                      user: labels[Label.user] ?? "someone", since: labels[Label.since] ?? "an unknown time",
                      command: labels[Label.command] ?? "composeplan")
        }

        var labels: [String: String] {
            [Label.host: host, Label.pid: String(pid), Label.user: user, Label.since: since, Label.command: command]
        }

        /// `user@host, pid 4242, running "composeplan up -y" since 2026-12-02T13:00:00Z`.
        public var description: String {
            "\(user)@\(host), pid \(pid), running \"\(command)\" since \(since)"
        }

        /// Whether the holder ran on this host and its process is gone.
        var isDeadOnThisHost: Bool {
            guard host == ProcessInfo.processInfo.hostName, pid > 0 else { return false }
            return kill(pid_t(pid), 0) != 0 && errno == ESRCH
        }
    }

    /// The project the lock is for.
    public let project: String
    let engine: any ContainerEngine

    init(project: String, engine: any ContainerEngine) {
        self.project = project
        self.engine = engine
    }

    /// The lock container's name.
    public static func containerName(project: String) -> String { "composeplan-lock.\(project)" }

    var containerName: String { Self.containerName(project: project) }

    /// Takes the lock for `holder`. A lock held by a process of this host
    /// that is gone is taken over. A lock held by a live process is waited
    /// for up to `timeout` (polling every `pollInterval`), then refused.
    func acquire(as holder: Holder, timeout: Duration?, pollInterval: Duration = .milliseconds(250)) async throws(WorkflowError) {
        let deadline = ContinuousClock.now + (timeout ?? .zero)
        var imported = false
        while true {
            do {
                _ = try await engine.createContainer(request(for: holder))
                return
            } catch let error as EngineError where error.status == 404 && !imported {
                // No lock image yet on this daemon: import an empty one.
                imported = true
                do {
                    try await engine.importImage(Self.image, rootFilesystem: [UInt8](repeating: 0, count: 1024))
                } catch {
                    throw .engine(EngineFailure.typed(error))
                }
            } catch let error as EngineError where error.status == 409 {
                // Released between the two calls: try again at once.
                guard let current = try await self.holder() else { continue }
                if current.isDeadOnThisHost {
                    // Its process ended without releasing it (killed).
                    try? await engine.removeContainer(containerName, force: true)
                    continue
                }
                guard ContinuousClock.now < deadline else {
                    throw .projectLocked(project: project, holder: current.description, waited: timeout)
                }
                try? await Task.sleep(for: pollInterval)
            } catch {
                throw .engine(EngineFailure.typed(error))
            }
        }
    }

    /// Gives the lock back; a lock already gone is not an error.
    func release() async {
        try? await engine.removeContainer(containerName, force: true)
    }

    /// Who holds the lock now; `nil` when nobody does.
    func holder() async throws(WorkflowError) -> Holder? {
        do {
            return Holder(labels: try await engine.inspectContainer(containerName).labels)
        } catch let error as EngineError where error.status == 404 {
            return nil
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
    }

    /// Removes the lock whoever holds it (`composeplan unlock`); returns the
    /// holder it removed, `nil` when there was no lock.
    func forceRelease() async throws(WorkflowError) -> Holder? {
        guard let current = try await holder() else { return nil }
        do {
            try await engine.removeContainer(containerName, force: true)
        } catch let error as EngineError where error.status == 404 {
            return nil
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
        return current
    }

    private func request(for holder: Holder) -> ContainerCreateRequest {
        var labels = holder.labels
        labels[Label.project] = project
        return ContainerCreateRequest(name: containerName, body: [
            "Image": .string(Self.image), "Cmd": ["composeplan-lock"],
            "Labels": .object(labels.mapValues(JSONValue.string)),
            "HostConfig": ["NetworkMode": "none"],
        ])
    }
}
