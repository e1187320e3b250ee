import ComposeModel
import Foundation

extension Snapshot {
    /// The snapshot in `data` read by `JSONValueParser`, or `nil` when the
    /// parser declines the text or its shape is not a snapshot's; then
    /// `decode(_:)` reads it with `JSONDecoder`, which gives the same value
    /// or the error to show. A snapshot of 20,000 containers takes seconds
    /// through `JSONValue`'s `Decodable` conformance (each value tries the
    /// JSON types in turn, and each failed try throws) and a few tens of
    /// milliseconds here.
    init?(fastReading data: Data) {
        guard let document = try? JSONValueParser.parse(data), case .object(let members) = document else { return nil }
        func objects(_ key: CodingKeys) -> [JSONValue]? {
            switch members[key.rawValue] {
            case nil, .null?: return []
            case .array(let values)?:
                for value in values {
                    guard case .object = value else { return nil }
                }
                return values
            default: return nil
            }
        }
        guard let containers = objects(.containers), let networks = objects(.networks), let volumes = objects(.volumes),
              let inspections = objects(.inspections) else {
            return nil
        }
        // images: absent or null means "unknown"; otherwise objects only.
        var images: [JSONValue]?
        switch members[CodingKeys.images.rawValue] {
        case nil, .null?: images = nil
        case .array(let values)?:
            for value in values {
                guard case .object = value else { return nil }
            }
            images = values
        default: return nil
        }
        // The Swarm arrays: all absent (or null) for a container snapshot.
        var swarm: SwarmObjects?
        let swarmKeys: [CodingKeys] = [.services, .tasks, .secrets, .configs, .nodes]
        if swarmKeys.contains(where: { members[$0.rawValue] != nil && members[$0.rawValue] != .null }) {
            guard let services = objects(.services), let tasks = objects(.tasks), let secrets = objects(.secrets),
                  let configs = objects(.configs), let nodes = objects(.nodes) else { return nil }
            swarm = SwarmObjects(services: services, tasks: tasks, secrets: secrets, configs: configs, nodes: nodes)
        }
        let engine = members[CodingKeys.engine.rawValue]
        self.init(engine: engine == JSONValue.null ? nil : engine, containers: containers, networks: networks, volumes: volumes,
                  images: images, inspections: inspections, swarm: swarm)
    }
}
