/// Applies `Interpolator` to every scalar value of a compose file (keys are
/// left alone, as docker compose does), turning failures into located errors.
struct TreeInterpolation {
    let interpolator: Interpolator
    /// Variables used while unset, in first-use order.
    private(set) var unsetVariables: [String] = []

    init(interpolator: Interpolator) {
        self.interpolator = interpolator
    }

    mutating func apply(_ node: ConfigNode) throws -> ConfigNode {
        switch node {
        case .scalar(let text, let plain, let location):
            do {
                let result = try interpolator.interpolate(text)
                for name in result.unsetVariables where !unsetVariables.contains(name) { unsetVariables.append(name) }
                return .scalar(result.text, plain: plain, location)
            } catch .missingRequired(let variable, let message) {
                let reason = message.isEmpty ? "is not set" : message
                throw ComposeError.invalid(location, "required variable \(variable) is missing a value: \(reason)")
            } catch .malformed(let reason) {
                throw ComposeError.invalid(location, "invalid interpolation in \"\(text)\": \(reason)")
            }
        case .sequence(let items, let location):
            return .sequence(try items.map { try apply($0) }, location)
        case .mapping(let entries, let location):
            var result = entries
            for index in result.indices {
                result[index].value = try apply(result[index].value)
            }
            return .mapping(result, location)
        }
    }
}
