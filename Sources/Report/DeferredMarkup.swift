/// The large parts of a report page travel compressed. The template marks
/// the parts that grow with the plan (the changes, the table's rows, the
/// waves, the timeline, the nodes that did not run) between
/// `<!--deferred-->` and `<!--/deferred-->`; a part larger than
/// ``threshold`` becomes a `<template class="deferred">` holding it gzip-
/// compressed, which the page's script inflates and puts back in place
/// after the first paint. A 3,000-node report thus stays under 2 MB and
/// paints at once; a small report is left as plain markup.
enum DeferredMarkup {
    static let start = "<!--deferred-->"
    static let end = "<!--/deferred-->"
    /// Parts up to this many bytes stay plain.
    static let threshold = 256 * 1024

    /// `html` with its large marked parts compressed and every marker removed.
    static func apply(to html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count / 2)
        var rest = html[...]
        while let open = rest.range(of: start) {
            guard let close = rest[open.upperBound...].range(of: end) else { break }
            out += rest[..<open.lowerBound]
            let part = rest[open.upperBound..<close.lowerBound]
            if part.utf8.count > threshold, let packed = try? CompressedText.encode(String(part)) {
                out += "<template class=\"deferred\" data-gz=\"\(packed)\"></template>"
            } else {
                out += part
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}
