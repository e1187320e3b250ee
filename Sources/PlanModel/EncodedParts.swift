import Foundation

/// A document's bytes as the parts it was written in, in order: a large
/// plan file is assembled from text written on several cores, and joined
/// into one buffer only when a caller asks for `Data` (a file is written
/// from the parts as they come, by `DescriptorPartWriter`).
public struct EncodedParts: Sendable {
    /// The parts, in document order.
    public let parts: [ArraySlice<UInt8>]
    /// The document's length in bytes.
    public let count: Int

    public init(_ parts: [ArraySlice<UInt8>] = []) {
        self.parts = parts
        count = parts.reduce(0) { $0 + $1.count }
    }

    /// The document in one buffer, copied once.
    public var data: Data {
        guard count > 0 else { return Data() }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 1)
        var offset = 0
        for part in parts {
            part.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                (memory + offset).copyMemory(from: base, byteCount: bytes.count)
            }
            offset += part.count
        }
        return Data(bytesNoCopy: memory, count: count, deallocator: .custom { memory, _ in memory.deallocate() })
    }

    /// Writes all of `buffer` to the open file `descriptor`, again where a
    /// write wrote fewer bytes; `false` when a write failed (`errno` says why).
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count <= 0 { return false }
            offset += count
        }
        return true
    }
}
