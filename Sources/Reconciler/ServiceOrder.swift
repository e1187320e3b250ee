import ComposeModel
import HeapModule

/// The order services are planned in: repeatedly the alphabetically
/// smallest service whose dependencies have all been visited (Kahn's
/// algorithm with a min-heap, O((V + E) log V)).
enum ServiceOrder {
    static func dependencyOrder(of project: Project) -> [String] {
        var remaining: [String: Int] = [:]
        var dependents: [String: [String]] = [:]
        for (name, service) in project.services {
            let dependencies = service.dependsOn.keys.filter { project.services[$0] != nil && $0 != name }
            remaining[name] = dependencies.count
            for dependency in dependencies { dependents[dependency, default: []].append(name) }
        }
        var ready = Heap(remaining.filter { $0.value == 0 }.map(\.key))
        var order: [String] = []
        order.reserveCapacity(project.services.count)
        while let next = ready.popMin() {
            order.append(next)
            for dependent in dependents[next] ?? [] {
                remaining[dependent]! -= 1
                if remaining[dependent] == 0 { ready.insert(dependent) }
            }
        }
        return order
    }
}
