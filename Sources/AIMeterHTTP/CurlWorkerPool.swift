import CCurl
import Foundation

/// A bounded set of threads, each owning one reusable libcurl easy handle.
///
/// libcurl's easy interface blocks the calling thread for the whole transfer, so transfers run
/// here instead of on Swift's cooperative pool. Threads are started on demand up to
/// `maxThreads` and then kept: each keeps its handle's connection and DNS caches warm.
final class CurlWorkerPool: @unchecked Sendable {
    // @unchecked: every mutable field is read and written only while holding `condition`.
    typealias Job = @Sendable (UnsafeMutableRawPointer?) -> Void

    private let condition = NSCondition()
    private let maxThreads: Int
    private var queue: [Job] = []
    private var threadCount = 0
    private var idleCount = 0
    private var isShutDown = false

    /// Creates a pool that never runs more than `maxThreads` transfers at once.
    init(maxThreads: Int) {
        self.maxThreads = Swift.max(1, maxThreads)
    }

    /// Queues `job`; it runs on a worker thread with that thread's easy handle (nil when
    /// libcurl could not create one, which the job reports as a transport error).
    func submit(_ job: @escaping Job) {
        condition.lock()
        queue.append(job)
        // More waiting jobs than idle workers: add a worker, up to the bound.
        let shouldSpawn = queue.count > idleCount && threadCount < maxThreads && !isShutDown
        if shouldSpawn { threadCount += 1 }
        condition.signal()
        condition.unlock()
        if shouldSpawn { spawnWorker() }
    }

    /// Lets the workers finish the queued jobs and exit.
    func shutdown() {
        condition.lock()
        isShutDown = true
        condition.broadcast()
        condition.unlock()
    }

    private func spawnWorker() {
        let thread = Thread { [self] in self.workerLoop() }
        thread.name = "aimeter-curl"
        thread.start()
    }

    private func workerLoop() {
        CurlGlobal.ensureInitialized()
        let handle = curl_easy_init()
        defer { if let handle { curl_easy_cleanup(handle) } }
        while let job = nextJob() {
            if let handle { curl_easy_reset(handle) }
            job(handle)
        }
    }

    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty {
            if isShutDown {
                threadCount -= 1
                return nil
            }
            idleCount += 1
            condition.wait()
            idleCount -= 1
        }
        return queue.removeFirst()
    }
}

/// `curl_global_init`, exactly once per process.
enum CurlGlobal {
    // A global `let` is initialized lazily and thread-safely by the runtime (swift_once).
    private static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Runs `curl_global_init` if no one has yet; returns whether it succeeded.
    @discardableResult
    static func ensureInitialized() -> Bool {
        initResult == CURLE_OK
    }
}
