import Dispatch
import Foundation

/// Runs numbered jobs on all cores and hands their parts to a sink in job
/// order, each job's as soon as it and every job before it are done.
///
/// A plan file's nodes are written in chunks on all cores; handing each
/// chunk to the file as soon as the chunks before it are written lets the
/// writing to the file overlap the writing of the chunks after it, instead
/// of following all of them.
final class OrderedPartDelivery: @unchecked Sendable {
    // `@unchecked`: every mutable member below is read and written only
    // with `lock` held, and the sink only by the one thread that holds
    // the delivering role (`delivering`) at a time.
    private let lock = NSLock()
    private let sink: any PartSink
    /// Finished jobs not yet delivered, by job number.
    private var finished: [Result<[ArraySlice<UInt8>], any Error>?]
    private var next = 0
    private var delivering = false
    private var failure: Failure?

    enum Failure {
        /// A job threw (the first in job order).
        case job(any Error)
        /// The sink refused a part.
        case sink
    }

    private init(jobCount: Int, sink: any PartSink) {
        self.sink = sink
        finished = Array(repeating: nil, count: jobCount)
    }

    /// Runs `job` for `0..<count` on all cores and delivers each one's
    /// parts to `sink` in job order. Returns the first failure in job
    /// order, if any; no part of a job after it is delivered.
    static func run(count: Int, into sink: any PartSink,
                    _ job: (Int) throws -> [ArraySlice<UInt8>]) -> Failure? {
        let delivery = OrderedPartDelivery(jobCount: count, sink: sink)
        withoutActuallyEscaping(job) { job in
            let shared = SharedJob(run: job)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                delivery.finish(index, Result { try shared.run(index) })
            }
        }
        return delivery.failure
    }

    private func finish(_ index: Int, _ result: Result<[ArraySlice<UInt8>], any Error>) {
        lock.lock()
        finished[index] = result
        guard !delivering else {
            // The thread delivering now delivers this one too, in its turn.
            lock.unlock()
            return
        }
        delivering = true
        while failure == nil, next < finished.count, let ready = finished[next] {
            finished[next] = nil
            next += 1
            lock.unlock()
            let outcome: Failure?
            switch ready {
            case .success(let parts): outcome = parts.allSatisfy(sink.append) ? nil : .sink
            case .failure(let error): outcome = .job(error)
            }
            lock.lock()
            if let outcome { failure = outcome }
        }
        delivering = false
        lock.unlock()
    }

    /// The job, shared by the iterations, which only call it.
    private struct SharedJob: @unchecked Sendable {
        let run: (Int) throws -> [ArraySlice<UInt8>]
    }
}
