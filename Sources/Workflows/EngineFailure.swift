import Engine

/// Keeps engine failures typed: every engine call of the workflows goes
/// through ``typed(_:)``, so the CLI receives an `EngineError`.
enum EngineFailure {
    /// `error` as an `EngineError` (engines throw only those; anything else
    /// is wrapped, keeping its text).
    static func typed(_ error: any Error) -> EngineError {
        if let error = error as? EngineError { return error }
        return EngineError(kind: .invalidResponse, message: "\(error)")
    }
}
