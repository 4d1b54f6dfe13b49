import Foundation
import Synchronization

/// Several threads sending a fixed mix of requests to the API as fast as it answers, each
/// answer judged by a checker, for a fixed time.
enum LoadHammer {
    /// One request of the mix and how to judge its answer (nil: fine, else the problem).
    struct Probe: Sendable {
        var name: String
        var bytes: [UInt8]
        var check: @Sendable (RawHTTP.Response) -> String?
    }

    /// What came back.
    struct Outcome: Sendable {
        var answered = 0
        var problems: [String] = []
    }

    /// Runs `workers` threads over `probes` (each starting at a different one) until `duration`
    /// has passed; returns when every thread has finished its last request.
    static func run(port: Int, probes: [Probe], workers: Int, duration: Double) -> Outcome {
        let outcome = OutcomeBox()
        let deadline = Date().addingTimeInterval(duration)
        let group = DispatchGroup()
        for worker in 0..<workers {
            group.enter()
            Thread {
                var index = worker
                while Date() < deadline {
                    let probe = probes[index % probes.count]
                    index += 1
                    let problem: String?
                    do {
                        if let response = try RawHTTP.exchange(port: port, probe.bytes) {
                            problem = probe.check(response)
                        } else {
                            problem = "closed without answering"
                        }
                    } catch {
                        problem = "\(error)"
                    }
                    outcome.state.withLock { outcome in
                        outcome.answered += 1
                        if let problem { outcome.problems.append("\(probe.name): \(problem)") }
                    }
                }
                group.leave()
            }.start()
        }
        group.wait()
        return outcome.state.withLock { $0 }
    }

    /// The outcome shared by the threads.
    final class OutcomeBox: Sendable {
        let state = Mutex(Outcome())
    }
}
