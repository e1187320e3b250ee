import Foundation

/// A build context as the docker CLI sends it to `POST /build`: the
/// context folder as a tar stream, without what its `.dockerignore`
/// excludes (the `.dockerignore` and the Dockerfile are always kept),
/// folders, files and symbolic links with their permission bits, owned by
/// root, in sorted order, so one folder always gives the same bytes.
public struct BuildContext: Sendable {
    /// The context folder.
    public var directory: String
    /// The Dockerfile's path relative to the context (`Dockerfile` by default).
    public var dockerfile: String

    public init(directory: String, dockerfile: String = "Dockerfile") {
        self.directory = directory
        self.dockerfile = dockerfile
    }

    /// The relative paths the context sends, sorted (folders included).
    public func paths() throws(BuildContextError) -> [String] {
        try entries().map(\.path)
    }

    /// The context as a tar archive.
    public func archive() throws(BuildContextError) -> [UInt8] {
        let entries = try entries()
        do {
            return try TarArchive.archive(entries: entries)
        } catch {
            throw BuildContextError(directory: directory, reason: error.description)
        }
    }

    /// The members of the archive, folders before what they hold.
    func entries() throws(BuildContextError) -> [TarArchive.Entry] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw BuildContextError(directory: directory, reason: "no such folder")
        }
        let ignore: DockerIgnore
        do {
            ignore = try DockerIgnore(contextDirectory: directory).keepingBuildFiles(dockerfile: dockerfile)
        } catch {
            throw BuildContextError(directory: directory, reason: "cannot read .dockerignore: \(error.localizedDescription)")
        }
        var entries: [TarArchive.Entry] = []
        try walk("", ignore: ignore, into: &entries)
        return entries
    }

    private func walk(_ relative: String, ignore: DockerIgnore, into entries: inout [TarArchive.Entry]) throws(BuildContextError) {
        let folder = relative.isEmpty ? directory : directory + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw BuildContextError(directory: directory, reason: "cannot list \(relative.isEmpty ? "." : relative): \(error.localizedDescription)")
        }
        for name in names {
            let path = relative.isEmpty ? name : relative + "/" + name
            let full = directory + "/" + path
            var status = stat()
            guard lstat(full, &status) == 0 else {
                throw BuildContextError(directory: directory, reason: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            let mode = Int(status.st_mode & 0o7777)
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                if ignore.skipsFolder(path) { continue }
                if !ignore.excludes(path) { entries.append(TarArchive.Entry(path: path, kind: .directory, mode: mode)) }
                try walk(path, ignore: ignore, into: &entries)
            case S_IFLNK:
                guard !ignore.excludes(path) else { continue }
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""
                entries.append(TarArchive.Entry(path: path, kind: .symlink(target: target), mode: mode))
            case S_IFREG:
                guard !ignore.excludes(path) else { continue }
                guard let data = FileManager.default.contents(atPath: full) else {
                    throw BuildContextError(directory: directory, reason: "cannot read \(path)")
                }
                entries.append(TarArchive.Entry(path: path, kind: .file([UInt8](data)), mode: mode))
            default:
                // Sockets, devices and pipes are not sent, as with the docker CLI.
                continue
            }
        }
    }
}

/// A build context that cannot be read or archived.
public struct BuildContextError: Error, Hashable, CustomStringConvertible {
    public var directory: String
    public var reason: String
    public var description: String { "build context \(directory): \(reason)" }
}
