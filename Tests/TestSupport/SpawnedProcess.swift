import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its output drained as it
/// comes. The tests start thousands of processes; Foundation's
/// `Process.run()` on Linux (Swift 6.3.1) now and then reads past a buffer
/// while listing `/proc/self/fd` and crashes the whole test process
/// (swift-corelibs-foundation pull request 5472), so the tests do not use it.
final class SpawnedProcess: @unchecked Sendable {
    let pid: pid_t
    private let output = LockedData()
    private let errors = LockedData()
    private let drained = DispatchGroup()
    private let lock = NSLock()
    private var exitStatus: Int32?

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later),
    /// which the Glibc module does not declare.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Starts `executable` with `arguments` in `directory`, with exactly
    /// `environment`; `input` is written to its standard input, which is
    /// then closed.
    init(_ executable: String, _ arguments: [String], directory: String, environment: [String: String],
         input: String? = nil) throws {
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw SpawnError(description: "pipe failed: errno \(errno)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for descriptor in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        guard let addChdir = Self.addChdir else { throw SpawnError(description: "posix_spawn_file_actions_addchdir_np is missing") }
        _ = addChdir(&actions, directory)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling (the test process ignores SIGPIPE).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            [inPipe[1], outPipe[0], errPipe[0]].forEach { close($0) }
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        for (descriptor, sink) in [(outPipe[0], output), (errPipe[0], errors)] {
            drained.enter()
            DispatchQueue.global().async { [drained] in
                let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
                sink.set(handle.readDataToEndOfFile())
                drained.leave()
            }
        }
        let stdin = FileHandle(fileDescriptor: inPipe[1], closeOnDealloc: true)
        if let input { try? stdin.write(contentsOf: Data(input.utf8)) }
        try? stdin.close()
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Whether the child has not been waited for yet.
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return exitStatus == nil
    }

    /// Waits for the child's end; its exit code, or 128 + the signal that ended it.
    func wait() -> CommandRunner.Result {
        drained.wait()
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        let code = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        lock.lock()
        exitStatus = code
        lock.unlock()
        return CommandRunner.Result(status: code, stdout: String(decoding: output.get(), as: UTF8.self),
                                    stderr: String(decoding: errors.get(), as: UTF8.self))
    }
}
