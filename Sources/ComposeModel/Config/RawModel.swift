/// A compose tree as JSON, for `config --no-interpolate`: the merged model
/// as written (values not interpolated, so not typed either; short syntaxes
/// kept), with YAML's
/// plain scalars typed the YAML 1.2 way and `x-` extensions kept, as
/// compose prints its raw model.
public enum RawModel {
    /// `model`'s tree with its `name` set and its relative paths made
    /// absolute against the project directory (compose resolves paths here
    /// too), as JSON.
    public static func document(_ model: LoadedModel) -> JSONValue {
        let resolved = PathResolver(directory: model.projectDirectory).resolve(model.root)
        guard case .object(var members) = json(resolved) else { return .null }
        members["name"] = .string(model.name)
        return .object(members)
    }

    static func json(_ node: ConfigNode) -> JSONValue {
        switch node {
        case .mapping(let entries, _):
            var members: [String: JSONValue] = [:]
            for entry in entries { members[entry.key] = json(entry.value) }
            return .object(members)
        case .sequence(let items, _):
            return .array(items.map(json))
        case .scalar:
            // ServiceDecoder.json types a scalar; it cannot fail on one.
            return (try? ServiceDecoder.json(node)) ?? .null
        }
    }
}
