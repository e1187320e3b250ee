import ComposeModel

/// The config hash each service's containers must carry to be up to date:
/// the hash of the service with its `service:X` references resolved to the
/// lowest-numbered container of X as observed when planning starts.
///
/// It depends only on the project and that observed state, never on
/// decisions made while planning, so all hashes are computed before the
/// reconciliation steps, spread over all cores (a hash costs some 20 µs, a
/// tenth of a second per 5,000 services on one core). The reconciler stays
/// a pure function of its inputs.
package enum ExpectedHashes {
    /// The expected hash of every service of `project`, by name.
    /// `known`: hashes computed ahead (``ServiceHashes``), used for the
    /// configurations they were computed from.
    package static func compute(project: Project, observed: ObservedState, known: ServiceHashes = .none) -> [String: String] {
        let names = project.serviceNames
        let hashes = names.concurrentMap(chunkSize: 32) { name in
            let service = project.services[name]!
            if let hash = known.hash(of: service) { return hash }
            return ConfigHasher.hash(service: ConfigHasher.resolvingReferences(in: service) { parent in
                observed.lowestNumberedContainerID(of: parent)
            })
        }
        return Dictionary(uniqueKeysWithValues: zip(names, hashes))
    }
}
