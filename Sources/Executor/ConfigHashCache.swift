import ComposeModel
import Foundation

/// Config hashes already computed in a run, by service name: the replicas of
/// a service are created from the same configuration, and hashing it (a
/// canonical JSON encoding and a SHA-256) is the largest part of a create's
/// own cost. An entry is reused only for an equal configuration.
final class ConfigHashCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (service: ServiceConfig, hash: String)] = [:]

    /// `ConfigHasher.hash(service:)` of an already-resolved service.
    func hash(of service: ServiceConfig) -> String {
        lock.lock()
        let cached = entries[service.name]
        lock.unlock()
        if let cached, cached.service == service { return cached.hash }
        let hash = ConfigHasher.hash(service: service)
        lock.lock()
        entries[service.name] = (service, hash)
        lock.unlock()
        return hash
    }
}
