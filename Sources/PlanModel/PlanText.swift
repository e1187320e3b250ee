import Foundation
import ComposeModel

/// The plan text format (`plan --format text`), both ways:
///
/// ```
/// [<dependency ids, ascending, comma-separated>] -> #<id> <resource>, <OperationType>, <cause>[ [<group>]]
/// ```
///
/// ```
/// [] -> #1 network:default, CreateNetwork, not found
/// [1] -> #2 service:web:1, CreateContainer, no existing container
/// [] -> #3 service:api:1, CreateContainer, config changed (tmpName) [recreate:api:1]
/// [3] -> #4 service:api:1, StopContainer, replaced by #3 [recreate:api:1]
/// ```
///
/// This file is the only place that reads the text back. The parser is for
/// fixtures and for comparing plans: a plan read from text has no operation
/// details, so it can be drawn and reported but not applied.
extension Plan {
    /// One line per node, each ending with a newline; empty for an empty plan.
    public var text: String {
        // Written as UTF-8 bytes and made a string once: appending to a
        // `String` piece by piece costs several times more (tens of
        // thousands of lines for large projects).
        var output: [UInt8] = []
        output.reserveCapacity(nodes.count * 96)
        // By index: the nodes are read in place rather than copied out.
        for index in nodes.indices {
            nodes[index].appendTextLine(to: &output)
            output.append(UInt8(ascii: "\n"))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The text with, under each node that replaces an object, what differs
    /// (`plan --explain`): one line per field, indented by four spaces.
    /// ``init(text:)`` skips these lines.
    public var explainedText: String {
        var output = ""
        for node in nodes {
            output += node.textLine
            output += "\n"
            for line in node.explanationLines {
                output += "    " + line + "\n"
            }
        }
        return output
    }

    /// Reads the plan text format. Blank lines and indented lines (the
    /// explanations of `plan --explain`) are ignored. The node flags
    /// that the text shows only through causes are set from them
    /// (`(tmpName)` creates are replacements, `not running` starts revive).
    public init(text: String) throws(PlanTextError) {
        var nodes: [PlanNode] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || line.first == " " { continue }
            nodes.append(try PlanNode(textLine: trimmed, lineNumber: index + 1))
        }
        self.init(nodes: nodes)
    }
}

extension PlanNode {
    /// What `plan --explain` prints under the node: its field changes, or
    /// why a replacement is not explained.
    public var explanationLines: [String] {
        if let explanation { return explanation.lines }
        if isReplacement && condition == nil && type == .createContainer {
            return ["fields not compared: no inspect answer for this container (--force-recreate, or a snapshot without inspections)"]
        }
        return []
    }

    /// The node's line in the plan text format (without the newline).
    public var textLine: String {
        var line: [UInt8] = []
        appendTextLine(to: &line)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends ``textLine``'s UTF-8 bytes to `output`.
    func appendTextLine(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (position, dependency) in dependsOn.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            Self.appendDecimal(dependency, to: &output)
        }
        output.append(contentsOf: "] -> #".utf8)
        Self.appendDecimal(id, to: &output)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: resource.description.utf8)
        output.append(contentsOf: ", ".utf8)
        output.append(contentsOf: type.name.utf8)
        output.append(contentsOf: ", ".utf8)
        output.append(contentsOf: cause.utf8)
        if let group, !group.isEmpty {
            output.append(contentsOf: " [".utf8)
            output.append(contentsOf: group.utf8)
            output.append(UInt8(ascii: "]"))
        }
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        guard value >= 0 else {
            output.append(contentsOf: String(value).utf8)
            return
        }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Reads one line of the plan text format.
    init(textLine line: String, lineNumber: Int) throws(PlanTextError) {
        func fail(_ reason: String) -> PlanTextError { PlanTextError(line: lineNumber, reason: reason) }
        guard line.hasPrefix("["), let arrow = line.range(of: "] -> #") else {
            throw fail("expected \"[dependencies] -> #id resource, Operation, cause\"")
        }
        let dependencyText = line[line.index(after: line.startIndex)..<arrow.lowerBound]
        var dependencies: [Int] = []
        for field in dependencyText.split(separator: ",", omittingEmptySubsequences: false) where !dependencyText.isEmpty {
            guard let dependency = Int(field), dependency > 0 else { throw fail("\"\(field)\" is not a node id") }
            dependencies.append(dependency)
        }
        let rest = line[arrow.upperBound...]
        guard let space = rest.firstIndex(of: " "), let id = Int(rest[..<space]), id > 0 else {
            throw fail("expected a node id after \"#\"")
        }
        let fields = rest[rest.index(after: space)...].components(separatedBy: ", ")
        guard fields.count >= 3 else { throw fail("expected \"resource, Operation, cause\" after #\(id)") }
        guard let resource = PlanResource(text: fields[0]) else { throw fail("\"\(fields[0])\" is not a plan resource") }
        guard let type = OperationType(rawValue: fields[1]) else { throw fail("\"\(fields[1])\" is not an operation type") }
        var cause = fields.dropFirst(2).joined(separator: ", ")
        var group: String?
        if cause.hasSuffix("]"), let open = cause.range(of: " [", options: .backwards) {
            group = String(cause[open.upperBound..<cause.index(before: cause.endIndex)])
            cause = String(cause[..<open.lowerBound])
        }
        self.init(id: id, type: type, resource: resource, cause: cause, group: group, dependsOn: dependencies,
                  isReplacement: type == .createContainer && (cause.hasSuffix("(tmpName)") || cause == "image rebuilt (if changed)"),
                  revivesContainer: type == .startContainer && cause == "not running")
        switch resource {
        case .container(let service, let number):
            details.service = service
            details.number = number
        case .wait(let service, let condition):
            details.service = service
            details.condition = condition
        case .network(let key), .volume(let key):
            details.key = key
        default:
            break
        }
    }
}

extension PlanResource {
    /// Reads the resource field of the plan text format; `nil` when it is
    /// not one.
    public init?(text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = text[..<colon]
        let rest = String(text[text.index(after: colon)...])
        guard !rest.isEmpty else { return nil }
        switch kind {
        case "network": self = .network(key: rest)
        case "volume": self = .volume(key: rest)
        case "orphan": self = .orphan(name: rest)
        case "image": self = .image(reference: rest)
        case "secret": self = .secret(name: rest)
        case "config": self = .config(name: rest)
        case "wait":
            guard let split = rest.lastIndex(of: ":"),
                  let condition = DependencyCondition(rawValue: String(rest[rest.index(after: split)...])) else { return nil }
            self = .wait(service: String(rest[..<split]), condition: condition)
        case "service":
            if let split = rest.lastIndex(of: ":") {
                guard let number = Int(rest[rest.index(after: split)...]) else { return nil }
                self = .container(service: String(rest[..<split]), number: number)
            } else {
                self = .stackService(name: rest)
            }
        default:
            return nil
        }
    }
}

/// Why a text is not a plan in the text format.
public struct PlanTextError: Error, Equatable, CustomStringConvertible {
    /// The 1-based line of the text.
    public var line: Int
    public var reason: String

    public var description: String { "line \(line): \(reason)" }
}
