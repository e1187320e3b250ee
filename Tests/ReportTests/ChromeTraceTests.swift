import ComposeModel
import Foundation
import PlanModel
import Report
import TestSupport
import Testing

@Suite("Chrome trace output")
struct ChromeTraceTests {
    let plan = Plan(fixture: """
        [] -> #1 network:default, CreateNetwork, not found
        [1] -> #2 service:web:1, CreateContainer, no existing container
        [] -> #3 service:api:1, CreateContainer, config changed (tmpName) [recreate:api:1]
        [3] -> #4 service:api:1, StopContainer, replaced by #3 [recreate:api:1]
        [2,4] -> #5 service:web:1, StartContainer, service start
        """)

    @Test("The Chrome trace has one complete event per node that ran, in microseconds")
    func chromeTrace() throws {
        let record = ExecutionRecord(fingerprint: "f", project: "p", engine: EngineIdentity(kind: "simulated"), startedAt: Date(),
                                     duration: 1.5, parallelism: 2, outcome: .failed, nodes: [
                                         .init(id: 1, status: .succeeded, start: 0, end: 0.25), .init(id: 2, status: .failed, start: 0.25, end: 1.5, error: "boom"),
                                         .init(id: 3, status: .skipped), .init(id: 4, status: .skipped), .init(id: 5, status: .skipped),
                                     ])
        let object = try JSONSerialization.jsonObject(with: ChromeTrace.data(plan: plan, record: record)) as! [String: Any]
        let events = (object["traceEvents"] as! [[String: Any]]).filter { $0["ph"] as? String == "X" }
        #expect(events.count == 2)
        #expect(events[0]["ts"] as? Int == 0)
        #expect(events[0]["dur"] as? Int == 250_000)
        #expect(events[1]["name"] as? String == "#2 CreateContainer")
        #expect((events[1]["args"] as? [String: String])?["error"] == "boom")
    }
}
