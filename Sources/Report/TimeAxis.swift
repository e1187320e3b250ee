/// The ticks of a time axis: a "nice" step (1, 2 or 5 times a power of
/// ten) giving about `targetCount` intervals from 0 to the end.
public struct TimeAxis: Sendable, Hashable {
    /// One tick: its time and its label.
    public struct Tick: Sendable, Hashable {
        public var seconds: Double
        public var label: String
    }

    /// Seconds between ticks.
    public var step: Double
    /// The ticks from 0 up to and including the first one at or after `end`.
    public var ticks: [Tick]

    public init(end: Double, targetCount: Int = 8) {
        let span = end > 0 ? end : 1
        let raw = span / Double(max(targetCount, 1))
        var magnitude = 1.0
        while magnitude > raw { magnitude /= 10 }
        while magnitude * 10 <= raw { magnitude *= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var ticks: [Tick] = []
        var index = 0
        while true {
            let seconds = Double(index) * step
            ticks.append(Tick(seconds: seconds, label: DurationText.tick(seconds)))
            if seconds >= span - step * 1e-9 { break }
            index += 1
        }
        self.step = step
        self.ticks = ticks
    }

    /// The time the axis reaches (its last tick).
    public var end: Double { ticks.last?.seconds ?? 0 }
}
