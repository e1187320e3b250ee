/// Writes POSIX ustar archives: the body Docker's `PUT
/// /containers/{id}/archive` extracts (paths relative to the extraction
/// folder, parents created as needed), and the build context `POST /build`
/// reads. Modification times are the epoch, so the same content always
/// gives the same bytes.
public enum TarArchive {
    /// One member of an archive.
    public struct Entry: Hashable, Sendable {
        /// What the member is.
        public enum Kind: Hashable, Sendable {
            case file([UInt8])
            case directory
            case symlink(target: String)
        }

        /// The path inside the archive (a leading `/` is dropped).
        public var path: String
        public var kind: Kind
        /// Permission bits.
        public var mode: Int
        public var uid: Int
        public var gid: Int

        public init(path: String, kind: Kind, mode: Int, uid: Int = 0, gid: Int = 0) {
            self.path = path
            self.kind = kind
            self.mode = mode
            self.uid = uid
            self.gid = gid
        }
    }

    /// The archive holding `files`, each at its path without the leading `/`.
    /// Throws when a path does not fit the ustar name and prefix fields.
    public static func archive(_ files: [ContainerFile]) throws(TarArchiveError) -> [UInt8] {
        try archive(entries: files.map { Entry(path: $0.path, kind: .file($0.content), mode: $0.mode, uid: $0.uid, gid: $0.gid) })
    }

    /// The archive holding `entries`, in order.
    public static func archive(entries: [Entry]) throws(TarArchiveError) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += try header(for: entry)
            if case .file(let content) = entry.kind {
                bytes += content
                bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
            }
        }
        bytes += [UInt8](repeating: 0, count: 1024)
        return bytes
    }

    private static func header(for entry: Entry) throws(TarArchiveError) -> [UInt8] {
        var path = Array(entry.path.drop(while: { $0 == "/" }).utf8)
        if entry.kind == .directory, path.last != UInt8(ascii: "/") { path.append(UInt8(ascii: "/")) }
        var name = path
        var prefix: [UInt8] = []
        if path.count > 100 {
            // Split at a slash so that the name has at most 100 bytes and the prefix at most 155.
            let searchEnd = entry.kind == .directory ? path.count - 1 : path.count
            guard let split = path[..<searchEnd].indices.last(where: {
                path[$0] == UInt8(ascii: "/") && $0 <= 155 && path.count - $0 - 1 <= 100
            }) else {
                throw TarArchiveError(path: entry.path)
            }
            prefix = Array(path[..<split])
            name = Array(path[(split + 1)...])
        }
        guard !name.isEmpty else { throw TarArchiveError(path: entry.path) }
        var size = 0
        var type = UInt8(ascii: "0")
        var link: [UInt8] = []
        switch entry.kind {
        case .file(let content): size = content.count
        case .directory: type = UInt8(ascii: "5")
        case .symlink(let target):
            type = UInt8(ascii: "2")
            link = Array(target.utf8)
            guard link.count <= 100 else { throw TarArchiveError(path: entry.path) }
        }
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ value: [UInt8], at offset: Int) {
            for (index, byte) in value.enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(name, at: 0)
        put(octal(entry.mode & 0o7777, width: 8), at: 100)
        put(octal(entry.uid, width: 8), at: 108)
        put(octal(entry.gid, width: 8), at: 116)
        put(octal(size, width: 12), at: 124)
        put(octal(0, width: 12), at: 136)  // mtime: the epoch, so archives are reproducible
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148)  // checksum placeholder
        header[156] = type
        put(link, at: 157)
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        put(prefix, at: 345)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7) + [UInt8(ascii: " ")], at: 148)
        return header
    }
}

/// A path (or symlink target) too long for a ustar header.
public struct TarArchiveError: Error, Hashable, CustomStringConvertible {
    public var path: String
    public var description: String { "cannot archive \(path): the path is too long for a tar header" }
}
