import Aggregation
import Foundation

/// Regulators' browser sessions, in memory: a random id in an HttpOnly cookie maps to the
/// token holder it was opened for, until it expires, is closed, or the service restarts.
/// The token itself never reaches the browser after sign-in.
final class Sessions: @unchecked Sendable {
    private let lifetime: TimeInterval
    private let lock = NSLock()
    private var open: [String: (holder: AccessTokenRecord, expires: Date)] = [:]

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// Opens a session for `holder` and returns its id.
    func open(_ holder: AccessTokenRecord) -> String {
        let id = AccessToken.makeSecret()
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        open = open.filter { $0.value.expires > now }
        open[id] = (holder, now.addingTimeInterval(lifetime))
        return id
    }

    func holder(of id: String) -> AccessTokenRecord? {
        lock.lock()
        defer { lock.unlock() }
        guard let session = open[id], session.expires > Date() else { return nil }
        return session.holder
    }

    func close(_ id: String) {
        lock.lock()
        defer { lock.unlock() }
        open[id] = nil
    }
}

/// Runs synchronous work on another thread and waits for it at most a time limit.
enum Deadline {
    struct Exceeded: Error {}

    /// The timers' own queue: a serial queue, so its timers fire on time even while every
    /// thread of Swift's cooperative pool is busy auditing (a timer task on that pool waited
    /// for the very work it was timing).
    private static let timers = DispatchQueue(label: "venue-audit.deadline")

    /// The work's result, or `Exceeded` when the limit passes first (the work then finishes
    /// in the background and its result is dropped). The timer is cancelled as soon as the work
    /// is done, and nothing keeps the result once it is handed over: a timer that held it kept
    /// every answer of the last 30 seconds in memory under load.
    static func run<T: Sendable>(within limit: Duration, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let once = Once(continuation)
            let timer = DispatchWorkItem { once.resume(.failure(Exceeded())) }
            let (seconds, attoseconds) = limit.components
            timers.asyncAfter(
                deadline: .now() + .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)), execute: timer)
            Task.detached {
                let result = Result { try work() }
                timer.cancel()
                once.resume(result)
            }
        }
    }

    /// Resumes a continuation exactly once, whichever of the two comes first, and then lets go
    /// of it.
    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?

        init(_ c: CheckedContinuation<T, any Error>) { continuation = c }

        func resume(_ result: Result<T, any Error>) {
            lock.lock()
            let c = continuation
            continuation = nil
            lock.unlock()
            c?.resume(with: result)
        }
    }
}
