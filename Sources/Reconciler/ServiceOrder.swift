import ComposeModel
import HeapModule

/// The order services are planned in: repeatedly the alphabetically
/// smallest service whose dependencies have all been visited (Kahn's
/// algorithm with a min-heap, O((V + E) log V)).
enum ServiceOrder {
    /// `project`'s services in dependency order; `sortedNames` are its
    /// service names in ascending order (`Project.serviceNames`).
    ///
    /// Services are handled by their index in `sortedNames`, whose order is
    /// the names' order: the heap compares integers, and the tables are
    /// arrays, rather than strings and dictionaries.
    static func dependencyOrder(of project: Project, sortedNames: [String]) -> [String] {
        let indexes = Dictionary(uniqueKeysWithValues: sortedNames.enumerated().map { ($1, $0) })
        var remaining = [Int](repeating: 0, count: sortedNames.count)
        var dependents = [[Int]](repeating: [], count: sortedNames.count)
        for (index, name) in sortedNames.enumerated() {
            for dependency in project.services[name]!.dependsOn.keys where dependency != name {
                guard let dependencyIndex = indexes[dependency] else { continue }
                remaining[index] += 1
                dependents[dependencyIndex].append(index)
            }
        }
        var ready = Heap(remaining.indices.filter { remaining[$0] == 0 })
        var order: [String] = []
        order.reserveCapacity(sortedNames.count)
        while let next = ready.popMin() {
            order.append(sortedNames[next])
            for dependent in dependents[next] {
                remaining[dependent] -= 1
                if remaining[dependent] == 0 { ready.insert(dependent) }
            }
        }
        return order
    }
}
