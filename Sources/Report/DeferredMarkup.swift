/// The large parts of a report page travel compressed. The template marks
/// the parts that grow with the plan (the changes, the table's rows, the
/// waves, the timeline, the diagram, the nodes that did not run) between
/// `<!--deferred-->` and `<!--/deferred-->`; a part larger than
/// ``threshold`` becomes a `<template class="deferred">` holding it gzip-
/// compressed, which the page's script inflates and puts back in place
/// after the first paint. A 3,000-node report thus stays under 2 MB and
/// paints at once; a small report is left as plain markup.
enum DeferredMarkup {
    static let start = Array("<!--deferred-->".utf8)
    static let end = Array("<!--/deferred-->".utf8)
    /// Parts up to this many bytes stay plain.
    static let threshold = 256 * 1024

    /// `html` with its large marked parts compressed and every marker
    /// removed. Works on the UTF-8 bytes: a page of 10,000 services is
    /// some 45 MB.
    static func apply(to html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var position = 0
        while let open = find(start, in: bytes, from: position),
              let close = find(end, in: bytes, from: open + start.count) {
            out.append(contentsOf: bytes[position..<open])
            let part = bytes[(open + start.count)..<close]
            if part.count > threshold, let packed = try? CompressedText.encode(bytes: part) {
                out.append(contentsOf: "<template class=\"deferred\" data-gz=\"".utf8)
                out.append(contentsOf: packed.utf8)
                out.append(contentsOf: "\"></template>".utf8)
            } else {
                out.append(contentsOf: part)
            }
            position = close + end.count
        }
        out.append(contentsOf: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The offset of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        haystack.withUnsafeBufferPointer { bytes in
            var index = from
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == needle[0] {
                    var matched = 1
                    while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
