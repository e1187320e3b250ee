/// Applies `Interpolator` to every scalar value of a compose file (keys are
/// left alone, as docker compose does), turning failures into located errors
/// and recording the variables used while unset.
struct TreeInterpolation {
    let interpolator: Interpolator
    /// Where variables used while unset are recorded.
    let unset: UnsetVariables

    init(interpolator: Interpolator, unset: UnsetVariables) {
        self.interpolator = interpolator
        self.unset = unset
    }

    func apply(_ node: ConfigNode) throws -> ConfigNode {
        switch node {
        case .scalar(let text, let plain, let location):
            do {
                let result = try interpolator.interpolate(text)
                unset.record(result.unsetVariables)
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
