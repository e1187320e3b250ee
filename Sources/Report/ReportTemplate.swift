import Foundation

/// The Mustache text of the HTML report: the built-in one (generated at
/// build time from `templates/report.html.mustache` by the
/// `EmbedReportTemplate` plugin) or a file given with `--template`.
public enum ReportTemplate {
    /// The built-in template, identical to `templates/report.html.mustache`.
    public static var embedded: String { EmbeddedReportTemplate.text }

    /// The path of the template in a source checkout, relative to the package root.
    public static let sourcePath = "templates/report.html.mustache"

    /// The text of the template file at `path` (UTF-8).
    public static func load(path: String) throws(ReportError) -> String {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .templateUnreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .templateUnreadable(path: path, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .templateUnreadable(path: path, reason: "permission denied or I/O error")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .templateUnreadable(path: path, reason: "not UTF-8 text")
        }
        return text
    }
}
