import CompressNIO
import Foundation
import NIOCore

/// Text carried gzip-compressed in base64 inside the report page; the
/// page's script inflates it with the browser's `DecompressionStream`.
enum CompressedText {
    /// `text`, gzip-compressed at the best level (written once, read in every browser that opens the page), in base64.
    static func encode(_ text: String) throws -> String {
        try encode(bytes: Array(text.utf8)[...])
    }

    /// `bytes` (UTF-8 text), gzip-compressed at the best level, in base64.
    static func encode(bytes: ArraySlice<UInt8>) throws -> String {
        var input = ByteBuffer(bytes: bytes)
        let output = try input.compress(with: .gzip(configuration: ZlibConfiguration(compressionLevel: .bestCompression)))
        return Data(output.readableBytesView).base64EncodedString()
    }

    /// The text of ``encode(_:)``'s output (for tests).
    static func decode(_ base64: String) throws -> String {
        guard let data = Data(base64Encoded: base64) else { throw CompressNIOError.corruptData }
        var input = ByteBuffer(bytes: data)
        let output = try input.decompress(with: .gzip())
        return String(buffer: output)
    }
}
