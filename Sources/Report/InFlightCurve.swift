/// How many nodes were running at each moment of a run: a step function
/// that changes only when a node starts or ends.
public struct InFlightCurve: Sendable, Hashable {
    /// From `time` until the next step's time, `count` nodes were running.
    public struct Step: Sendable, Hashable {
        public var time: Double
        public var count: Int

        public init(time: Double, count: Int) {
            self.time = time
            self.count = count
        }
    }

    /// The steps in time order, starting at time 0; the last one is at the
    /// end of the last interval (count 0).
    public var steps: [Step]

    /// The curve of `intervals` (start, end), in seconds. An interval that
    /// ends when another starts does not overlap it.
    public init(intervals: [(start: Double, end: Double)]) {
        var events: [(time: Double, delta: Int)] = []
        events.reserveCapacity(intervals.count * 2)
        for interval in intervals {
            events.append((interval.start, 1))
            events.append((max(interval.start, interval.end), -1))
        }
        // Ends before starts at the same instant.
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var steps = [Step(time: 0, count: 0)]
        var count = 0
        var index = 0
        while index < events.count {
            let time = events[index].time
            while index < events.count, events[index].time == time {
                count += events[index].delta
                index += 1
            }
            if steps.last!.time == time {
                steps[steps.count - 1].count = count
            } else if steps.last!.count != count {
                steps.append(Step(time: time, count: count))
            }
        }
        self.steps = steps
    }

    init(steps: [Step]) {
        self.steps = steps
    }

    /// The curve drawn at a resolution of `minimum` seconds: a step that
    /// lasts less (a node ending a hair before the next starts) is dropped
    /// and the level before it continues, so the chart shows no hairline
    /// spikes or dips. The first and last steps stay.
    public func withoutSpikes(shorterThan minimum: Double) -> InFlightCurve {
        guard steps.count > 2, minimum > 0 else { return self }
        var kept = [steps[0]]
        for index in 1..<steps.count {
            let step = steps[index]
            let isLast = index == steps.count - 1
            if !isLast && steps[index + 1].time - step.time < minimum { continue }
            if kept.last!.count == step.count && !isLast { continue }
            kept.append(step)
        }
        return InFlightCurve(steps: kept)
    }

    /// The number of nodes running at `time` (a node ending exactly at
    /// `time` no longer counts; one starting at `time` does).
    public func count(at time: Double) -> Int {
        var low = 0
        var high = steps.count - 1
        guard time >= steps[0].time else { return 0 }
        while low < high {
            let middle = (low + high + 1) / 2
            if steps[middle].time <= time { low = middle } else { high = middle - 1 }
        }
        return steps[low].count
    }

    /// The most nodes running at once.
    public var peak: Int { steps.map(\.count).max() ?? 0 }
}
