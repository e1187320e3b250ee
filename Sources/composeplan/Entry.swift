import ArgumentParser
import Foundation

/// The process entry point: a mistyped command gets "did you mean", then
/// swift-argument-parser runs ``Composeplan``.
@main
enum Entry {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let message = CommandSuggestion.unknownCommand(word) {
            Terminal.error("error: \(message)")
            exit(64)
        }
        await Composeplan.main()
    }
}
