import Foundation
import PlanModel
@testable import Rendering
import Testing

@Suite("Renderer behaviour")
struct RendererBehaviourTests {
    let renderer = PlanRenderer()

    @Test("the same plan gives byte-identical output", arguments: RenderFormat.allCases)
    func deterministic(format: RenderFormat) async throws {
        let plan = ComposeShapes.plan(ComposeShapes.projects[6], recreating: nil)
        let options = RenderOptions(format: format, projectName: "demo")
        let first = try await renderer.render(plan, options: options)
        let second = try await renderer.render(plan, options: options)
        #expect(first == second)
        let mermaid = try MermaidWriter.flowchart(for: plan)
        #expect(try MermaidWriter.flowchart(for: plan) == mermaid)
    }

    @Test("concurrent renders are serialized and give the same bytes as one at a time")
    func concurrentRenders() async throws {
        let plans = Fixtures.all.prefix(8).map(\.plan)
        var serial: [Data] = []
        for plan in plans { serial.append(try await renderer.render(plan)) }
        let parallel = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (index, plan) in plans.enumerated() {
                group.addTask { (index, try await PlanRenderer().render(plan)) }
            }
            var results = [Data](repeating: Data(), count: plans.count)
            for try await (index, data) in group { results[index] = data }
            return results
        }
        #expect(parallel == serial)
    }

    @Test("Graphviz's own errors become RenderingError, not stderr output")
    func graphvizErrorsAreCaptured() async throws {
        let diagram = try DiagramGraph(plan: PlanFixtures.healthyDependency)
        var outcome: Result<Data, RenderingError>?
        let stderr = try await capturingStandardError {
            do {
                outcome = .success(try await GraphvizRuntime.render(diagram, options: RenderOptions(), graphvizFormat: "nonsense"))
            } catch let error as RenderingError {
                outcome = .failure(error)
            } catch {
                outcome = nil
            }
        }
        guard case .failure(.formatUnavailable(let format, let message)) = outcome else {
            Issue.record("expected formatUnavailable, got \(String(describing: outcome))")
            return
        }
        #expect(format == "nonsense")
        #expect(message.contains("renderer for nonsense is unavailable"))
        #expect(!stderr.contains("nonsense"))
        await #expect(throws: RenderingError.self) { try await parseDOT(Data("digraph { a -> ".utf8)) }
        // The renderer still works afterwards.
        _ = try await renderer.render(PlanFixtures.healthyDependency)
    }

    @Test func formatFromExtension() {
        #expect(RenderFormat(path: "out/plan.SVG") == .svg)
        #expect(RenderFormat(path: "plan.png") == .png)
        #expect(RenderFormat(path: "a.b/plan.gv") == .dot)
        #expect(RenderFormat(path: "plan.pdf") == nil)
        #expect(RenderFormat(path: "plan") == nil)
        #expect(RenderFormat(path: ".svg") == nil)
        #expect(RenderFormat(fileExtension: ".dot") == .dot)
        #expect(CollapseMode(name: "Services") == .services)
    }

    /// Runs `body` with file descriptor 2 sent to a pipe; returns what was written.
    func capturingStandardError(_ body: () async throws -> Void) async throws -> String {
        let pipe = Pipe()
        let saved = dup(2)
        dup2(pipe.fileHandleForWriting.fileDescriptor, 2)
        do {
            try await body()
        } catch {
            dup2(saved, 2)
            close(saved)
            throw error
        }
        dup2(saved, 2)
        close(saved)
        try pipe.fileHandleForWriting.close()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
