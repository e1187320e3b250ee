import DockerModel
import Engine
import Foundation
import PlanModel
import Synchronization

/// Carries out a `PullImage` node: resolves the registry's credentials
/// (once per registry for the run), pulls while reporting bytes done and
/// to do as `progress` events, checks that the pull brought the manifest
/// the plan was reviewed with, and records the image's new ID for the
/// labels of the containers created from it.
struct ImagePull: Sendable {
    let node: PlanNode
    let context: ExecutionContext

    /// Seconds between two progress events of one pull.
    static let progressInterval = 0.25

    func perform() async throws -> OperationResult {
        guard case .image(let reference) = node.resource else {
            throw NodeFailure("node #\(node.id) (PullImage) does not name an image")
        }
        let parsed: ImageReference
        do {
            parsed = try ImageReference(parsing: reference)
        } catch {
            throw NodeFailure("cannot pull image \(reference): \(error)")
        }
        let auth: RegistryAuth?
        do {
            auth = try await context.credentials.auth(for: parsed)
        } catch {
            throw NodeFailure("cannot pull image \(parsed.familiar) from registry \(parsed.registry): \(error)")
        }
        let throttle = Mutex<Double>(-Self.progressInterval)
        let context = self.context
        let id = node.id
        let pulled = try await context.engine.pullImage(reference, auth: auth) { progress in
            let now = context.seconds()
            let due = throttle.withLock { last in
                guard now - last >= Self.progressInterval else { return false }
                last = now
                return true
            }
            guard due, progress.totalBytes > 0 else { return }
            context.emit(ExecutionEvent(kind: .progress, node: id, time: now,
                                        message: "\(ByteText.format(progress.completedBytes)) of \(ByteText.format(progress.totalBytes))",
                                        completedBytes: progress.completedBytes, totalBytes: progress.totalBytes))
        }
        try pulled.verify(planned: node.details.digest)
        await context.images.record(pulled.id, for: reference)
        return OperationResult(value: pulled.id, bytes: pulled.downloadedBytes)
    }
}
