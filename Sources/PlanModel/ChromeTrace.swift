import Foundation

/// Writes a run in the Chrome Trace Event format (complete events,
/// `"ph": "X"`, microseconds) so Perfetto and chrome://tracing open it. Each
/// node is an event on the "thread" of its resource, so a service's replicas
/// line up.
public enum ChromeTrace {
    public static func data(plan: Plan, record: ExecutionRecord) throws -> Data {
        var threadIDs: [String: Int] = [:]
        var events: [[String: JSONValueConvertible]] = []
        for node in plan.nodes {
            guard let entry = record.node(node.id), let start = entry.start, let end = entry.end else { continue }
            let lane = node.serviceName.map { "service \($0)" } ?? node.resource
            let tid = threadIDs[lane] ?? {
                let next = threadIDs.count + 1
                threadIDs[lane] = next
                return next
            }()
            var args: [String: String] = ["resource": node.resource, "cause": node.cause, "status": entry.status.rawValue]
            if let group = node.group { args["group"] = group }
            if let error = entry.error { args["error"] = error }
            if let result = entry.result { args["result"] = result }
            events.append([
                "name": "#\(node.id) \(node.type.name)", "cat": node.type.name, "ph": "X",
                "ts": Int((start * 1_000_000).rounded()), "dur": Int(((end - start) * 1_000_000).rounded()),
                "pid": 1, "tid": tid, "args": args,
            ])
        }
        for (lane, tid) in threadIDs.sorted(by: { $0.value < $1.value }) {
            events.append(["name": "thread_name", "ph": "M", "pid": 1, "tid": tid, "args": ["name": lane]])
        }
        events.append(["name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": ["name": "composeplan \(record.project)"]])
        let document: [String: Any] = ["traceEvents": events.map { $0.mapValues(\.jsonObject) }, "displayTimeUnit": "ms"]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }
}

/// Values that `ChromeTrace` can put in its JSON.
public protocol JSONValueConvertible {
    var jsonObject: Any { get }
}

extension String: JSONValueConvertible { public var jsonObject: Any { self } }
extension Int: JSONValueConvertible { public var jsonObject: Any { self } }
extension Dictionary: JSONValueConvertible where Key == String, Value == String { public var jsonObject: Any { self } }
