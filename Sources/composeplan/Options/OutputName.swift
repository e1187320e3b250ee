import ArgumentParser
import Rendering

/// Checks that a file named for one diagram format does not get another.
enum OutputName {
    /// Throws when `path`'s extension names a render format other than `format`.
    static func check(_ path: String, option: String, writes format: RenderFormat) throws {
        if let named = RenderFormat(path: path), named != format {
            throw ValidationError("\(option) \(path): the file name says \(named.rawValue.uppercased()) but \(option) writes \(format.rawValue.uppercased()); name it .\(format.fileExtension)")
        }
    }

    /// Throws when a plan file (JSON) is given a diagram's extension.
    static func checkPlanFile(_ path: String, option: String) throws {
        if let named = RenderFormat(path: path) {
            throw ValidationError("\(option) \(path): \(option) writes the plan file (JSON), not \(named.rawValue.uppercased()); draw with --\(named == .dot ? "format dot" : named.rawValue) instead")
        }
    }
}
