import Foundation

/// Where a document written in parts goes, part after part in document
/// order: collected in memory (``CollectedParts``) or written to a file
/// as it comes (``DescriptorPartWriter``).
protocol PartSink: AnyObject {
    /// Takes the next part; `false` when it could not be taken (a failed write).
    func append(_ part: ArraySlice<UInt8>) -> Bool
}

/// The parts kept in memory, for ``EncodedParts``.
final class CollectedParts: PartSink {
    private(set) var parts: [ArraySlice<UInt8>] = []

    func append(_ part: ArraySlice<UInt8>) -> Bool {
        parts.append(part)
        return true
    }
}

/// Writes parts to an open file descriptor as they come. Large parts are
/// written as they are; runs of small ones (a plan file's service
/// configurations and the keys between them) are gathered into a buffer
/// first, so a file takes a few hundred system calls, not one per part.
final class DescriptorPartWriter: PartSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Whether a write failed (`errno` says why); nothing is written after.
    private var failed = false

    /// The size of the buffer that gathers small parts.
    static let bufferSize = 1 << 20
    /// Parts this large or larger are written as they are.
    static let directWriteSize = bufferSize / 4

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.bufferSize)
    }

    func append(_ part: ArraySlice<UInt8>) -> Bool {
        guard !failed else { return false }
        if part.count >= Self.directWriteSize {
            guard flush(), write(part) else { return false }
        } else {
            if buffer.count + part.count > Self.bufferSize, !flush() { return false }
            buffer.append(contentsOf: part)
        }
        return true
    }

    /// Writes what the buffer holds; `false` when a write failed.
    func flush() -> Bool {
        guard !failed else { return false }
        defer { buffer.removeAll(keepingCapacity: true) }
        return write(buffer[...])
    }

    private func write(_ bytes: ArraySlice<UInt8>) -> Bool {
        let written = bytes.withUnsafeBytes { EncodedParts.writeAll($0, to: descriptor) }
        if !written { failed = true }
        return written
    }
}
