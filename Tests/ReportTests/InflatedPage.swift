import Foundation
@testable import Report

/// A report page with its compressed parts put back in place, as the
/// page's script does in the browser: the markup a reader's browser shows.
enum InflatedPage {
    static func markup(_ html: String) throws -> String {
        var out = ""
        var rest = html[...]
        let open = "<template class=\"deferred\" data-gz=\""
        while let start = rest.range(of: open) {
            guard let end = rest[start.upperBound...].range(of: "\"></template>") else { break }
            out += rest[..<start.lowerBound]
            out += try CompressedText.decode(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    /// The report data, inflated when it travels compressed.
    static func dataJSON(_ html: String) throws -> [String: Any] {
        guard let start = html.range(of: "<script type=\"application/json\" id=\"report-data\">"),
              let end = html[start.upperBound...].range(of: "</script>") else { return [:] }
        let text = String(html[start.upperBound..<end.lowerBound])
        var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        if let packed = object["gz"] as? String {
            object = try JSONSerialization.jsonObject(with: Data(try CompressedText.decode(packed).utf8)) as? [String: Any] ?? [:]
        }
        return object
    }
}
