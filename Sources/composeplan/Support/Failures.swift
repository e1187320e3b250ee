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
    } catch let error as CLIFailure {
        Terminal.error("error: \(error.description)")
        throw ExitCode(1)
    } catch let error as WorkflowError {
        Terminal.error("error: \(error.message)")
        throw ExitCode(1)
    } catch is CancellationError {
        Terminal.error("error: interrupted")
        throw ExitCode(130)
    } catch {
        Terminal.error("error: \(String(describing: error).split(separator: "\n").first ?? "")")
        throw ExitCode(1)
    }
}
