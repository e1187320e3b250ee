import ComposeModel
import PlanModel
import Foundation

/// Writes a run in the Chrome Trace Event format (complete events,
/// `"ph": "X"`, microseconds) so Perfetto and chrome://tracing open it. Each
/// node is an event on the "thread" of its resource, so a service's replicas
/// line up.
public enum ChromeTrace {
    public static func data(plan: Plan, record: ExecutionRecord) throws -> Data {
        var threadIDs: [String: Int] = [:]
        var events: [JSONValue] = []
        for node in plan.nodes {
            guard let entry = record.node(node.id), let start = entry.start, let end = entry.end else { continue }
            let lane = node.serviceName.map { "service \($0)" } ?? node.resource.description
            let tid = threadIDs[lane] ?? {
                let next = threadIDs.count + 1
                threadIDs[lane] = next
                return next
            }()
            var args: [String: JSONValue] = ["resource": .string(node.resource.description), "cause": .string(node.cause),
                                             "status": .string(entry.status.rawValue)]
            if let group = node.group { args["group"] = .string(group) }
            if let error = entry.error { args["error"] = .string(error) }
            if let result = entry.result { args["result"] = .string(result) }
            events.append([
                "name": .string("#\(node.id) \(node.type.name)"), "cat": .string(node.type.name), "ph": "X",
                "ts": .int(Int((start * 1_000_000).rounded())), "dur": .int(Int(((end - start) * 1_000_000).rounded())),
                "pid": 1, "tid": .int(tid), "args": .object(args),
            ])
        }
        for (lane, tid) in threadIDs.sorted(by: { $0.value < $1.value }) {
            events.append(["name": "thread_name", "ph": "M", "pid": 1, "tid": .int(tid), "args": ["name": .string(lane)]])
        }
        events.append(["name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": ["name": .string("composeplan \(record.project)")]])
        let document: JSONValue = ["traceEvents": .array(events), "displayTimeUnit": "ms"]
        return try JSONEncoder.prettySorted.encode(document)
    }
}
