import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Debian `chromium` driven over the Chrome DevTools Protocol on a
/// pipe (`--remote-debugging-pipe`: commands on the child's descriptor 3,
/// answers and events on its descriptor 4, each message a JSON object
/// ended by a NUL byte). The browser tests use it to click, type and press
/// keys in a report as a reader would, then read the DOM; the benchmark
/// uses it to time a report's first paint.
///
/// ```swift
/// let browser = try HeadlessBrowser.launch(executable: "/usr/bin/chromium")
/// defer { browser.close() }
/// try browser.open(URL(fileURLWithPath: "/tmp/report.html"))
/// try browser.click("#zoom-fit")
/// let title = try browser.evaluate("document.title") as? String
/// ```
public final class HeadlessBrowser: @unchecked Sendable {
    /// A problem talking to the browser, or a page that did not do what was asked.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// A JavaScript exception the page threw, or an error it logged.
    public struct PageError: Sendable, CustomStringConvertible {
        public var description: String
    }

    private let pid: pid_t
    private let toBrowser: FileHandle
    private let profile: URL
    private let condition = NSCondition()
    private var answers: [Int: [String: Any]] = [:]
    private var events: [[String: Any]] = []
    private var closed = false
    private var terminated = false
    private var nextID = 0
    private var session: String = ""
    /// How long one command may take before ``Failure``.
    public var timeout: Double = 60

    /// The installed chromium (`CHROMIUM` overrides the path), or `nil`.
    public static func locateChromium() -> String? {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts chromium in a private profile with a page of `width` × `height`
    /// CSS pixels, attached and ready for ``open(_:)``.
    public static func launch(executable: String, width: Int = 1400, height: Int = 1000) throws -> HeadlessBrowser {
        let browser = try HeadlessBrowser(executable: executable)
        do {
            try browser.attach(width: width, height: height)
        } catch {
            browser.close()
            throw error
        }
        return browser
    }

    private init(executable: String) throws {
        // A browser that dies makes writes to its pipe fail with EPIPE, reported as an error, instead of killing the tests.
        signal(SIGPIPE, SIG_IGN)
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("headless-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var commands: [Int32] = [0, 0], replies: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&replies) == 0 else { throw Failure(description: "pipe failed: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let devNull = Glibc.open("/dev/null", O_RDWR)
        defer { Glibc.close(devNull) }
        posix_spawn_file_actions_adddup2(&actions, devNull, 0)
        posix_spawn_file_actions_adddup2(&actions, devNull, 1)
        posix_spawn_file_actions_adddup2(&actions, devNull, 2)
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, replies[1], 4)
        for descriptor in commands + replies { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let arguments = [
            executable, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-sync", "--mute-audio", "--hide-scrollbars", "--user-data-dir=\(profile.path)", "about:blank",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile.path
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        Glibc.close(commands[0])
        Glibc.close(replies[1])
        guard status == 0 else {
            Glibc.close(commands[1])
            Glibc.close(replies[0])
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        toBrowser = FileHandle(fileDescriptor: commands[1], closeOnDealloc: true)
        let incoming = replies[0]
        let reader = Thread { [weak self] in
            Self.read(descriptor: incoming) { message in self?.receive(message) }
            self?.markClosed()
        }
        reader.start()
    }

    deinit { close() }

    /// Ends the browser and removes its profile.
    public func close() {
        condition.lock()
        let alreadyTerminated = terminated
        terminated = true
        condition.unlock()
        if alreadyTerminated { return }
        try? toBrowser.close()
        kill(pid, SIGKILL)
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: Pages

    /// Loads `url` and waits for its load event (and, when given, for
    /// `readyWhen` to be true in the page); clears the errors and requests
    /// of the page before.
    public func open(_ url: URL, readyWhen: String? = "document.body && document.body.getAttribute('data-report-ready') === 'true'") throws {
        condition.lock()
        events.removeAll()
        condition.unlock()
        _ = try command("Page.navigate", ["url": url.absoluteString])
        try waitForEvent("Page.loadEventFired")
        if let readyWhen { try waitUntil(readyWhen) }
    }

    /// The value of `expression` (JSON-compatible: strings, numbers,
    /// booleans, arrays, objects, `nil` for `null`/`undefined`). A promise is awaited.
    @discardableResult
    public func evaluate(_ expression: String) throws -> Any? {
        let answer = try command("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = answer["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "`\(expression.prefix(120))` threw: \(Self.text(of: exception))")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (a JavaScript expression) until it is true.
    public func waitUntil(_ condition: String, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try evaluate("!!(\(condition))") as? Bool == true { return }
            usleep(20_000)
        }
        throw Failure(description: "`\(condition)` was still false after \(seconds) s")
    }

    // MARK: Input

    /// Scrolls the first element matching `selector` into view and clicks its centre.
    public func click(_ selector: String) throws {
        let quoted = Self.javaScriptString(selector)
        guard let box = try evaluate("""
            (function () { var el = document.querySelector(\(quoted)); if (!el) { return null; }
              el.scrollIntoView({ block: "center", inline: "center" }); var r = el.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2]; })()
            """) as? [Double], box.count == 2 else {
            throw Failure(description: "nothing matches \(selector)")
        }
        try click(x: box[0], y: box[1])
    }

    /// Clicks the viewport point (`x`, `y`), in CSS pixels.
    public func click(x: Double, y: Double) throws {
        _ = try command("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y])
        for type in ["mousePressed", "mouseReleased"] {
            _ = try command("Input.dispatchMouseEvent", ["type": type, "x": x, "y": y, "button": "left", "clickCount": 1])
        }
    }

    /// Presses and releases `key` (a DOM key name: `ArrowRight`, `Enter`,
    /// `Escape`, `/`, a letter) on the focused element.
    public func press(_ key: String) throws {
        let codes: [String: (code: String, keyCode: Int)] = [
            "ArrowLeft": ("ArrowLeft", 37), "ArrowUp": ("ArrowUp", 38), "ArrowRight": ("ArrowRight", 39),
            "ArrowDown": ("ArrowDown", 40), "Enter": ("Enter", 13), "Escape": ("Escape", 27), "Tab": ("Tab", 9),
            "Home": ("Home", 36), "End": ("End", 35), "/": ("Slash", 191),
        ]
        var parameters: [String: Any] = ["key": key]
        if let known = codes[key] {
            parameters["code"] = known.code
            parameters["windowsVirtualKeyCode"] = known.keyCode
        } else if let scalar = key.uppercased().unicodeScalars.first, key.count == 1 {
            parameters["code"] = "Key\(key.uppercased())"
            parameters["windowsVirtualKeyCode"] = Int(scalar.value)
        }
        let text = key == "Enter" ? "\r" : (key.count == 1 ? key : nil)
        var down = parameters
        down["type"] = text == nil ? "rawKeyDown" : "keyDown"
        if let text { down["text"] = text }
        _ = try command("Input.dispatchKeyEvent", down)
        var up = parameters
        up["type"] = "keyUp"
        _ = try command("Input.dispatchKeyEvent", up)
    }

    /// Types `text` into the focused element, as an input method would.
    public func type(_ text: String) throws {
        _ = try command("Input.insertText", ["text": text])
    }

    // MARK: What the page did

    /// The exceptions the page threw and the errors it logged since ``open(_:)``.
    public var pageErrors: [PageError] {
        condition.lock()
        defer { condition.unlock() }
        return events.compactMap { event -> PageError? in
            let parameters = event["params"] as? [String: Any] ?? [:]
            switch event["method"] as? String {
            case "Runtime.exceptionThrown":
                return PageError(description: Self.text(of: parameters["exceptionDetails"] as? [String: Any] ?? [:]))
            case "Runtime.consoleAPICalled" where parameters["type"] as? String == "error":
                let arguments = parameters["args"] as? [[String: Any]] ?? []
                return PageError(description: "console.error: " + arguments.map { "\($0["value"] ?? $0["description"] ?? "")" }.joined(separator: " "))
            case "Log.entryAdded":
                let entry = parameters["entry"] as? [String: Any] ?? [:]
                guard entry["level"] as? String == "error" else { return nil }
                return PageError(description: "\(entry["source"] ?? "log"): \(entry["text"] ?? "")")
            default:
                return nil
            }
        }
    }

    /// Every URL the page asked for since ``open(_:)`` (the page itself included).
    public var requestedURLs: [String] {
        condition.lock()
        defer { condition.unlock() }
        return events.compactMap { event in
            guard event["method"] as? String == "Network.requestWillBeSent" else { return nil }
            return ((event["params"] as? [String: Any])?["request"] as? [String: Any])?["url"] as? String
        }
    }

    /// A PNG of the page: of the element matching `selector` when given, else of the viewport.
    public func screenshot(of selector: String? = nil) throws -> Data {
        var parameters: [String: Any] = ["format": "png"]
        if let selector {
            // In view first: the clip is taken from what the page shows (a fixed side panel included).
            guard let box = try evaluate("""
                (function () { var el = document.querySelector(\(Self.javaScriptString(selector))); if (!el) { return null; }
                  el.scrollIntoView({ block: "start" }); var r = el.getBoundingClientRect();
                  return [r.left + window.scrollX, r.top + window.scrollY, r.width, Math.min(r.height, window.innerHeight - r.top)]; })()
                """) as? [Double], box.count == 4 else {
                throw Failure(description: "nothing matches \(selector)")
            }
            parameters["clip"] = ["x": box[0], "y": box[1], "width": box[2], "height": box[3], "scale": 1]
        }
        let answer = try command("Page.captureScreenshot", parameters)
        guard let base64 = answer["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw Failure(description: "the screenshot came back without data")
        }
        return png
    }

    // MARK: Protocol

    private func attach(width: Int, height: Int) throws {
        let target = try command("Target.createTarget", ["url": "about:blank"], inSession: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target: \(target)") }
        let attached = try command("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
        guard let sessionID = attached["sessionId"] as? String else { throw Failure(description: "not attached: \(attached)") }
        condition.lock()
        session = sessionID
        condition.unlock()
        for domain in ["Page", "Runtime", "Network", "Log"] { _ = try command("\(domain).enable", [:]) }
        _ = try command("Emulation.setDeviceMetricsOverride",
                        ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
    }

    /// Sends one command and waits for its answer's `result`.
    public func command(_ method: String, _ parameters: [String: Any], inSession: Bool = true) throws -> [String: Any] {
        condition.lock()
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if inSession { message["sessionId"] = session }
        let isClosed = closed
        condition.unlock()
        guard !isClosed else { throw Failure(description: "the browser has gone (\(method))") }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        do {
            try toBrowser.write(contentsOf: data)
        } catch {
            throw Failure(description: "cannot send \(method): \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while answers[id] == nil {
            if closed { throw Failure(description: "the browser closed the pipe during \(method)") }
            if !condition.wait(until: deadline) { throw Failure(description: "\(method) had no answer within \(timeout) s") }
        }
        let answer = answers.removeValue(forKey: id)!
        if let error = answer["error"] as? [String: Any] {
            throw Failure(description: "\(method): \(error["message"] ?? error)")
        }
        return answer["result"] as? [String: Any] ?? [:]
    }

    private func waitForEvent(_ method: String) throws {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !events.contains(where: { $0["method"] as? String == method }) {
            if closed { throw Failure(description: "the browser closed the pipe before \(method)") }
            if !condition.wait(until: deadline) { throw Failure(description: "no \(method) within \(timeout) s") }
        }
    }

    private func receive(_ message: [String: Any]) {
        condition.lock()
        if let id = message["id"] as? Int {
            answers[id] = message
        } else {
            events.append(message)
        }
        condition.broadcast()
        condition.unlock()
    }

    private func markClosed() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Reads NUL-ended JSON messages from `descriptor` until it closes.
    private static func read(descriptor: Int32, deliver: ([String: Any]) -> Void) {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let end = pending.firstIndex(of: 0) {
                let body = pending[pending.startIndex..<end]
                if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] { deliver(object) }
                pending.removeSubrange(pending.startIndex...end)
            }
        }
        Glibc.close(descriptor)
    }

    private static func text(of exception: [String: Any]) -> String {
        let detail = (exception["exception"] as? [String: Any])?["description"] as? String
        let line = exception["lineNumber"].map { " (line \($0))" } ?? ""
        return (detail ?? exception["text"] as? String ?? "\(exception)") + line
    }

    /// `text` as a JavaScript string literal.
    public static func javaScriptString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
