import PlanModel
import Testing
@testable import Report

/// The timeline of a hand-made run of ``PlanFixtures/small()`` with
/// `--parallel 2`: 1 runs 0–1 s; 2 runs 1–3 s and 4 runs 1–2 s; 3 runs
/// 3–3.5 s; 5 runs 3.5–4 s.
@Suite struct TimelineGeometryTests {
    static func record() -> ExecutionRecord {
        ExecutionRecord(fingerprint: PlanFixtures.fingerprint, project: "shop", engine: RunFixtures.engine,
                        startedAt: .init(timeIntervalSince1970: 0), duration: 4, parallelism: 2, outcome: .succeeded,
                        nodes: [
                            .init(id: 1, status: .succeeded, start: 0, end: 1),
                            .init(id: 2, status: .succeeded, start: 1, end: 3),
                            .init(id: 3, status: .succeeded, start: 3, end: 3.5),
                            .init(id: 4, status: .succeeded, start: 1, end: 2),
                            .init(id: 5, status: .succeeded, start: 3.5, end: 4),
                        ])
    }

    let layout = TimelineLayout(plan: PlanFixtures.small().plan, record: record())

    @Test func barsSitOnTheSharedTimeScale() throws {
        #expect(layout.scale == 225) // 900 px for the 4 s axis
        let bar = try #require(layout.bars.first { $0.nodeID == 2 })
        #expect(bar.x == 280 + 225)
        #expect(bar.width == 450)
        #expect(bar.start == 1 && bar.end == 3)
        #expect(layout.x(at: 4) == 280 + 900)
    }

    @Test func rowsFollowStartTimeThenId() {
        #expect(layout.bars.map(\.nodeID) == [1, 2, 4, 3, 5])
        #expect(layout.bars.map(\.row) == [0, 1, 2, 3, 4])
        let m = layout.metrics
        #expect(layout.bars[2].y == m.axisHeight + 2 * m.rowHeight + (m.rowHeight - m.barHeight) / 2)
    }

    @Test func barsKnowWhatTheyUnlocked() {
        #expect(layout.bars.first { $0.nodeID == 1 }?.dependents == [2, 4])
        #expect(layout.bars.first { $0.nodeID == 5 }?.dependents == [])
    }

    @Test func axisTicksAreNiceSteps() {
        #expect(layout.axis.step == 0.5)
        #expect(layout.axis.ticks.map(\.seconds) == stride(from: 0.0, through: 4.0, by: 0.5).map { $0 })
        #expect(layout.axis.ticks[3].label == "1.5 s")
        let small = TimeAxis(end: 0.037)
        #expect(small.step == 0.005)
        #expect(small.end >= 0.037 && small.end < 0.045)
        let long = TimeAxis(end: 95)
        #expect(long.step == 20)
        #expect(long.ticks.map(\.label) == ["0 s", "20 s", "40 s", "60 s", "80 s", "100 s"])
    }

    @Test func inFlightCurveCountsRunningNodes() {
        let curve = layout.curve
        #expect(curve.count(at: 0) == 1)
        #expect(curve.count(at: 0.5) == 1)
        #expect(curve.count(at: 1) == 2)
        #expect(curve.count(at: 1.5) == 2)
        #expect(curve.count(at: 2.5) == 1)
        #expect(curve.count(at: 3) == 1) // 2 ends as 3 starts
        #expect(curve.count(at: 4) == 0)
        #expect(curve.peak == 2)
        #expect(curve.steps == [.init(time: 0, count: 1), .init(time: 1, count: 2), .init(time: 2, count: 1), .init(time: 4, count: 0)])
    }

    @Test func inFlightChartIsScaledToTheBound() {
        #expect(layout.bound == 2)
        #expect(layout.curveMaximum == 2)
        #expect(layout.y(inFlight: 0) == layout.curveTop + layout.metrics.curveHeight)
        #expect(layout.y(inFlight: 2) == layout.curveTop)
        let unbounded = TimelineLayout(plan: PlanFixtures.small().plan, record: {
            var record = Self.record()
            record.parallelism = nil
            return record
        }())
        #expect(unbounded.bound == nil && unbounded.curveMaximum == 2)
    }

    @Test func criticalPathIsTheChainThatEndedTheRun() {
        #expect(layout.criticalPath == [1, 2, 3, 5])
        #expect(layout.bars.filter(\.isCritical).map(\.nodeID).sorted() == [1, 2, 3, 5])
        let ideal = PlanAnalysis.criticalPath(of: PlanFixtures.small().plan) { Self.record().node($0.id)?.duration ?? 0 }
        #expect(ideal.nodes == [1, 2, 3, 5] && ideal.length == 4)
    }

    @Test func wavesAreDepthsInTheGraph() {
        #expect(PlanAnalysis.waves(of: PlanFixtures.small().plan) == [1: 1, 2: 2, 3: 3, 4: 2, 5: 4])
    }

    @Test func nodesThatNeverRanHaveNoBarAndUnfinishedOnesReachTheEnd() {
        var record = Self.record()
        record.nodes[2] = .init(id: 3, status: .cancelled, start: 3, end: nil)
        record.nodes[4] = .init(id: 5, status: .cancelled)
        let layout = TimelineLayout(plan: PlanFixtures.small().plan, record: record)
        #expect(layout.bars.map(\.nodeID) == [1, 2, 4, 3])
        let unfinished = layout.bars.last!
        #expect(unfinished.isUnfinished && unfinished.end == 4)
    }

    @Test func svgHasOneBarPerNodeThatRanAndTheBoundLine() {
        let svg = TimelineSVG.render(layout)
        #expect(svg.components(separatedBy: "<g class=\"bar ").count - 1 == 5)
        #expect(svg.contains("id=\"bar-2\" data-node=\"2\" data-dependents=\"3\""))
        #expect(svg.contains("class=\"bound\""))
        #expect(svg.contains("unlocked: #2, #4"))
        #expect(svg.contains("class=\"bar k-start st-succeeded critical\" id=\"bar-5\""))
    }

    @Test func inFlightCurveOfEmptyAndZeroLengthRuns() {
        #expect(InFlightCurve(intervals: []).steps == [.init(time: 0, count: 0)])
        let instant = InFlightCurve(intervals: [(start: 1, end: 1), (start: 0, end: 2)])
        #expect(instant.count(at: 1) == 1 && instant.peak == 1)
    }

    @Test func inFlightCurveDrawsWithoutHairlineSpikes() {
        // One node ends a hair before the next starts: a dip to 0 lasting 0.1 ms.
        let curve = InFlightCurve(intervals: [(start: 0, end: 1), (start: 1.0001, end: 2), (start: 0.5, end: 1.5)])
        #expect(curve.steps.contains { $0.time == 1 && $0.count == 1 })
        let drawn = curve.withoutSpikes(shorterThan: 0.01)
        #expect(drawn.steps.map(\.count) == [1, 2, 1, 0])
        #expect(drawn.steps.first?.time == 0 && drawn.steps.last?.time == 2)
        // Nothing shorter than the resolution: the curve is unchanged.
        #expect(curve.withoutSpikes(shorterThan: 0.00001) == curve)
    }
}
