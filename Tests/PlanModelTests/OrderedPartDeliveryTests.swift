import Foundation
@testable import PlanModel
import Testing

@Suite("Jobs run on all cores, their parts delivered in job order")
struct OrderedPartDeliveryTests {
    /// A sink that records the parts and can refuse one.
    final class Recorder: PartSink {
        var parts: [[UInt8]] = []
        var refusing: [UInt8]?
        func append(_ part: ArraySlice<UInt8>) -> Bool {
            if Array(part) == refusing { return false }
            parts.append(Array(part))
            return true
        }
    }

    static func part(_ job: Int, _ index: Int) -> ArraySlice<UInt8> {
        Array("\(job).\(index)".utf8)[...]
    }

    /// Jobs that take longer the earlier they come, so they finish out of order.
    static func job(_ number: Int, count: Int) -> [ArraySlice<UInt8>] {
        usleep(UInt32((count - number) * 200))
        return (0..<number % 3).map { part(number, $0) }
    }

    @Test("Parts arrive in job order, each job's in its order, whatever order the jobs finish in")
    func order() {
        let recorder = Recorder()
        let failure = OrderedPartDelivery.run(count: 60, into: recorder) { Self.job($0, count: 60) }
        #expect(failure == nil)
        let expected = (0..<60).flatMap { number in (0..<number % 3).map { Array(Self.part(number, $0)) } }
        #expect(recorder.parts == expected)
        #expect(recorder.parts.count == 60)
    }

    struct Failed: Error, Equatable { let job: Int }

    @Test("A job that throws: everything before it is delivered, nothing after, and the first failure in job order is returned")
    func failingJob() {
        let recorder = Recorder()
        let failure = OrderedPartDelivery.run(count: 40, into: recorder) { number in
            if number == 17 || number == 30 { throw Failed(job: number) }
            return Self.job(number, count: 40)
        }
        guard case .job(let error)? = failure else {
            Issue.record("expected a job failure, got \(String(describing: failure))")
            return
        }
        #expect(error as? Failed == Failed(job: 17))
        #expect(recorder.parts == (0..<17).flatMap { number in (0..<number % 3).map { Array(Self.part(number, $0)) } })
    }

    @Test("A part the sink refuses stops the delivery there")
    func refusingSink() {
        let recorder = Recorder()
        recorder.refusing = Array(Self.part(11, 1))
        let failure = OrderedPartDelivery.run(count: 40, into: recorder) { Self.job($0, count: 40) }
        guard case .sink? = failure else {
            Issue.record("expected a sink failure, got \(String(describing: failure))")
            return
        }
        #expect(recorder.parts == (0..<11).flatMap { number in (0..<number % 3).map { Array(Self.part(number, $0)) } }
            + [Array(Self.part(11, 0))])
    }
}
