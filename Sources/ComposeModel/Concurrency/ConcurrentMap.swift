import Dispatch

extension Array {
    /// `map(transform)` with the elements spread over all cores in chunks
    /// of `chunkSize`; the results keep the elements' order. For pure,
    /// CPU-bound transforms over many elements (config hashes, service
    /// configurations encoded for a plan file): `transform` runs
    /// concurrently with itself, so it must not touch shared mutable state.
    /// Arrays of at most one chunk are mapped on the calling thread.
    package func concurrentMap<Transformed>(chunkSize: Int = 64, _ transform: (Element) -> Transformed) -> [Transformed] {
        precondition(chunkSize > 0)
        let count = self.count
        guard count > chunkSize else { return map(transform) }
        let chunkCount = (count + chunkSize - 1) / chunkSize
        return [Transformed](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            withoutActuallyEscaping(transform) { transform in
                let shared = ConcurrentMapState(elements: self, transform: transform, results: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    for index in chunk * chunkSize..<Swift.min(count, (chunk + 1) * chunkSize) {
                        (shared.results + index).initialize(to: shared.transform(shared.elements[index]))
                    }
                }
            }
            initializedCount = count
        }
    }
}

/// What the iterations of one `concurrentMap` share: the elements and the
/// transform, only read, and the result slots, each initialized by exactly
/// one iteration. That discipline, not the type system, makes sharing them
/// safe, hence `@unchecked`.
private struct ConcurrentMapState<Element, Transformed>: @unchecked Sendable {
    let elements: [Element]
    let transform: (Element) -> Transformed
    let results: UnsafeMutablePointer<Transformed>
}
