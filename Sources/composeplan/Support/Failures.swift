import ArgumentParser
import Workflows

/// Runs a command body, turning every failure into one line on standard
/// error and exit code 1 (usage errors keep ArgumentParser's 64).
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch is CancellationError {
        Terminal.error("error: interrupted")
        throw ExitCode(130)
    } catch {
        Terminal.error("error: \(ErrorText.line(for: error))")
        throw ExitCode(1)
    }
}

/// A failure already worded for the user: printed as one line, exit code 1.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
