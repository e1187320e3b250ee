import ComposeModel
import Foundation
import TestSupport
import Testing

/// Loads a project from files in a temporary folder.
func loadProject(_ files: [String: String], options: (inout LoadOptions) -> Void = { _ in },
                 environment: [String: String] = [:]) throws -> Project {
    let directory = try TemporaryDirectory(prefix: "load")
    defer { directory.remove() }
    for (name, contents) in files { try directory.write(name, contents) }
    var load = LoadOptions(environment: environment, currentDirectory: directory.path)
    options(&load)
    return try ProjectLoader().load(load)
}

/// The message of the `ComposeError` thrown by `body`, or `nil`.
func loadError(_ body: () throws -> Project) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as ComposeError {
        return error.description
    } catch {
        return "unexpected \(error)"
    }
}

/// Loads a project from files in a temporary folder and returns it with the
/// folder's path (removed afterwards), for expectations on absolute paths.
func loadProjectWithDirectory(_ files: [String: String], options: (inout LoadOptions) -> Void = { _ in },
                              environment: [String: String] = [:]) throws -> (project: Project, directory: String) {
    let directory = try TemporaryDirectory(prefix: "load")
    defer { directory.remove() }
    for (name, contents) in files { try directory.write(name, contents) }
    var load = LoadOptions(environment: environment, currentDirectory: directory.path)
    options(&load)
    return (try ProjectLoader().load(load), directory.path)
}
