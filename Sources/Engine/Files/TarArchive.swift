/// Writes a POSIX ustar archive of regular files, the body Docker's
/// `PUT /containers/{id}/archive` extracts (paths relative to the
/// extraction folder, parents created as needed).
public enum TarArchive {
    /// The archive holding `files`, each at its path without the leading `/`.
    /// Throws when a path does not fit the ustar name and prefix fields.
    public static func archive(_ files: [ContainerFile]) throws(TarArchiveError) -> [UInt8] {
        var bytes: [UInt8] = []
        for file in files {
            bytes += try header(for: file)
            bytes += file.content
            bytes += [UInt8](repeating: 0, count: (512 - file.content.count % 512) % 512)
        }
        bytes += [UInt8](repeating: 0, count: 1024)
        return bytes
    }

    private static func header(for file: ContainerFile) throws(TarArchiveError) -> [UInt8] {
        let path = Array(file.path.drop(while: { $0 == "/" }).utf8)
        var name = path
        var prefix: [UInt8] = []
        if path.count > 100 {
            // Split at a slash so that the name has at most 100 bytes and the prefix at most 155.
            guard let split = path.indices.last(where: { path[$0] == UInt8(ascii: "/") && $0 <= 155 && path.count - $0 - 1 <= 100 }) else {
                throw TarArchiveError(path: file.path)
            }
            prefix = Array(path[..<split])
            name = Array(path[(split + 1)...])
        }
        guard !name.isEmpty else { throw TarArchiveError(path: file.path) }
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ value: [UInt8], at offset: Int) {
            for (index, byte) in value.enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0)
        put(octal(file.mode & 0o7777, width: 8), at: 100)
        put(octal(file.uid, width: 8), at: 108)
        put(octal(file.gid, width: 8), at: 116)
        put(octal(file.content.count, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)  // mtime: the epoch, so archives are reproducible
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148)  // checksum placeholder
        header[156] = UInt8(ascii: "0")  // regular file
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        put(prefix, at: 345)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7) + [UInt8(ascii: " ")], at: 148)
        return header
    }
}

/// A path too long for a ustar header.
public struct TarArchiveError: Error, Hashable, CustomStringConvertible {
    public var path: String
    public var description: String { "cannot archive \(path): the path is too long for a tar header" }
}
