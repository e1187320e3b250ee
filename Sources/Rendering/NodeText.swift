import Foundation
import PlanModel

/// The words on and behind the diagram's nodes: labels (short) and
/// tooltips (the full details). Only a fixed list of detail fields is ever
/// shown; environment values, labels and commands never are.
enum NodeText {
    /// The longest label line, in characters, before it is cut with `…`.
    static let labelWidth = 56
    /// How many plan nodes a fold's tooltip lists.
    static let tooltipListLimit = 40

    /// The label of one plan node.
    static func label(of node: PlanNode, record: ExecutionRecord.NodeRecord?) -> [String] {
        var lines = ["#\(node.id) \(node.type.name)", clip(node.resource.description), clip(node.cause)]
        if let rollout = rollout(of: node) { lines.append(clip(rollout)) }
        if node.bestEffort { lines.append("(best-effort)") }
        if node.optional { lines.append("(optional)") }
        if let record { lines.append(outcome(record.status, duration: record.duration)) }
        return lines
    }

    /// The tooltip of one plan node: every shown detail, one per line.
    static func tooltip(of node: PlanNode, dependents: [Int], record: ExecutionRecord.NodeRecord?) -> [String] {
        var lines = ["#\(node.id) \(node.type.name) \(node.resource)", "cause: \(node.cause)"]
        if let group = node.group, !group.isEmpty { lines.append("group: \(group)") }
        lines.append("depends on: \(list(node.dependsOn))")
        lines.append("needed by: \(list(dependents))")
        let details = node.details
        if let name = details.name { lines.append("name: \(name)") }
        if let key = details.key { lines.append("key: \(key)") }
        if let container = details.container { lines.append("container: \(container.name) (\(container.id.prefix(12)))") }
        if let creator = details.createdBy { lines.append("container created by: #\(creator)") }
        if let image = details.serviceConfig?.image { lines.append("image: \(image)") }
        if node.type == .buildImage, let build = try? details.serviceConfig?.buildConfig() {
            lines.append("context: \(build.context)")
            lines.append(build.dockerfileInline == nil ? "dockerfile: \(build.dockerfile)" : "dockerfile: inline")
            if let target = build.target { lines.append("target: \(target)") }
        }
        if node.type == .pullImage, let digest = details.digest { lines.append("registry digest: \(digest)") }
        if let inherited = details.inheritVolumesFrom { lines.append("keeps anonymous volumes of: \(inherited.name)") }
        if let driver = details.network?.driver { lines.append("network driver: \(driver)") }
        if let driver = details.volume?.driver { lines.append("volume driver: \(driver)") }
        if let condition = details.condition { lines.append("condition: \(condition.rawValue)") }
        if let timeout = details.timeout { lines.append("timeout: \(seconds(timeout))") }
        if let swarm = details.swarm, let spec = swarm.spec, node.type == .createService || node.type == .updateService {
            if let image = spec["TaskTemplate"]?["ContainerSpec"]?["Image"]?.stringValue { lines.append("image: \(image)") }
            if let version = swarm.version { lines.append("service version: \(version)") }
            let constraints = spec["TaskTemplate"]?["Placement"]?["Constraints"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if !constraints.isEmpty { lines.append("placement: \(constraints.joined(separator: ", "))") }
        }
        if let rollout = rollout(of: node) { lines.append(rollout) }
        switch node.condition {
        case .imageChanged(let build, let unlessImage)?:
            lines.append("conditional: runs only if #\(build) builds an image other than \(unlessImage.prefix(19))")
        case .failed(let other)?:
            lines.append("conditional: runs only if #\(other) fails")
        case nil:
            break
        }
        if let explanation = node.explanation {
            lines.append("changes:")
            lines += explanation.lines.map { "  " + $0 }
        }
        if node.bestEffort { lines.append("best-effort: a failure only warns") }
        if node.optional { lines.append("optional: a failure only warns") }
        if let record { lines.append(contentsOf: recordLines(record)) }
        return lines
    }

    /// The label of a fold of replicas with the same operations.
    /// A Swarm service's tasks and how they roll out: `3 replicas`, and for
    /// an update its waves of `update_config.parallelism`, drawn as one box
    /// per wave (`rolling ▮▮▮ 3 waves of 1, start-first`).
    static func rollout(of node: PlanNode) -> String? {
        guard let swarm = node.details.swarm, [.createService, .updateService].contains(node.type) else { return nil }
        let tasks = swarm.replicas.map { "\($0) replica\($0 == 1 ? "" : "s")" } ?? "global"
        guard node.type == .updateService else { return tasks }
        let parallelism = swarm.updateParallelism ?? 1
        let order = swarm.updateOrder ?? "stop-first"
        guard let replicas = swarm.replicas, parallelism > 0 else {
            return "\(tasks), rolling \(parallelism == 0 ? "all at once" : "\(parallelism) at a time"), \(order)"
        }
        let waves = swarm.updateWaves(tasks: replicas)
        let boxes = String(repeating: "▮", count: min(waves, 12)) + (waves > 12 ? "…" : "")
        return "\(tasks), rolling \(boxes) \(waves) wave\(waves == 1 ? "" : "s") of \(parallelism), \(order)"
    }

    static func replicaFoldLabel(nodes: [PlanNode], unit: PlanPlacement.Unit, replicas: Int,
                                 status: ExecutionRecord.Status?, duration: Double?) -> [String] {
        let steps = nodes.prefix(nodes.count / max(replicas, 1))
        var lines = ["×\(replicas) \(unitWord(unit, plural: replicas != 1))"]
        let names = steps.map(\.type.name)
        var index = 0
        while index < names.count {
            let chunk = names[index..<min(index + 2, names.count)].joined(separator: " → ")
            lines.append(index == 0 ? chunk : "→ " + chunk)
            index += 2
        }
        let causes = orderedUnique(steps.map { causeShape($0.cause) })
        lines.append(clip(causes.joined(separator: "; ")))
        if let status { lines.append(outcome(status, duration: duration, prefix: "max ")) }
        return lines
    }

    /// The label of a whole service (or all orphans) folded into one node.
    static func serviceFoldLabel(nodes: [PlanNode], unit: PlanPlacement.Unit,
                                 status: ExecutionRecord.Status?, duration: Double?) -> [String] {
        var lines = [unitTitle(unit), "\(nodes.count) operations"]
        for (type, count) in counts(nodes) { lines.append("\(count) × \(type.name)") }
        if let status { lines.append(outcome(status, duration: duration, prefix: "max ")) }
        return lines
    }

    /// The tooltip of a fold: what it holds, and its nodes (capped).
    static func foldTooltip(nodes: [PlanNode], title: String) -> [String] {
        var lines = [title]
        for (type, count) in counts(nodes) { lines.append("\(count) × \(type.name)") }
        for node in nodes.prefix(tooltipListLimit) {
            lines.append("#\(node.id) \(node.type.name) \(node.resource): \(node.cause)")
        }
        if nodes.count > tooltipListLimit { lines.append("… and \(nodes.count - tooltipListLimit) more") }
        return lines
    }

    /// The label of a focus summary node.
    static func hiddenLabel(unit: PlanPlacement.Unit, count: Int) -> [String] {
        [unitTitle(unit), "\(count) operation\(count == 1 ? "" : "s") not shown"]
    }

    /// `service web`, `networks`, …
    static func unitTitle(_ unit: PlanPlacement.Unit) -> String {
        unit.title
    }

    static func unitWord(_ unit: PlanPlacement.Unit, plural: Bool) -> String {
        switch unit {
        case .orphans: plural ? "orphans" : "orphan"
        case .service(let name): "\(name) replica\(plural ? "s" : "")"
        default: plural ? "operations" : "operation"
        }
    }

    /// Counts per operation type, in type order.
    static func counts(_ nodes: [PlanNode]) -> [(OperationType, Int)] {
        var counts: [OperationType: Int] = [:]
        for node in nodes { counts[node.type, default: 0] += 1 }
        return OperationType.allCases.compactMap { type in counts[type].map { (type, $0) } }
    }

    static func outcome(_ status: ExecutionRecord.Status, duration: Double?, prefix: String = "") -> String {
        guard let duration else { return status.rawValue }
        return "\(status.rawValue) · \(prefix)\(seconds(duration))"
    }

    static func recordLines(_ record: ExecutionRecord.NodeRecord) -> [String] {
        var lines = ["status: \(record.status.rawValue)"]
        if let start = record.start, let end = record.end {
            lines.append("ran \(seconds(end - start)) (from \(seconds(start)) to \(seconds(end)))")
        }
        if let bytes = record.bytes { lines.append("bytes: \(ByteText.format(bytes))") }
        if let error = record.error { lines.append("error: \(error)") }
        return lines
    }

    /// `1.23 s`, with a fixed format so output is stable.
    static func seconds(_ value: Double) -> String {
        String(format: "%.2f s", value)
    }

    /// `#3, #5` or `nothing`.
    static func list(_ ids: [Int]) -> String {
        guard !ids.isEmpty else { return "nothing" }
        let shown = ids.prefix(tooltipListLimit).map { "#\($0)" }.joined(separator: ", ")
        return ids.count > tooltipListLimit ? shown + ", … (\(ids.count) in all)" : shown
    }

    /// `text`, cut to ``labelWidth`` characters.
    static func clip(_ text: String) -> String {
        text.count > labelWidth ? String(text.prefix(labelWidth - 1)) + "…" : text
    }

    static func orderedUnique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// A cause as a summary line shows it for several nodes: `#<digits>`
    /// blanked to `#`, so "replaced by #12" and "replaced by #17" read as
    /// one line. Display only; nothing is decided on causes.
    static func causeShape(_ cause: String) -> String {
        guard cause.contains("#") else { return cause }
        var result = ""
        var afterHash = false
        for character in cause {
            if afterHash, character.isASCII, character.isNumber { continue }
            afterHash = character == "#"
            result.append(character)
        }
        return result
    }
}
