import Dispatch
import Foundation

/// Transforms a stream of items on worker threads and hands the results back in input order,
/// with a bounded number of items between being produced and being emitted.
///
/// The calling thread does the ordered work: it calls `produce` for the next item and `emit`
/// for the next result, in input order, so neither needs to be thread-safe (printing, writing
/// report files and counting stay sequential). Only `transform`, which must not touch shared
/// mutable state, runs on the workers. The batch commands use it as: produce = read a file's
/// bytes, transform = parse, check, audit and render, emit = print and write.
///
/// Memory stays bounded: an item counts as in flight from the moment `produce` returns it until
/// its result has been emitted, and no more than `window` items are ever in flight. A result is
/// emitted as soon as it and every earlier result are ready, so output streams while later
/// items are still being produced.
///
/// The workers are plain threads rather than tasks: `transform` is synchronous, CPU-bound
/// code that would otherwise occupy the cooperative pool's few threads while it blocks.
struct OrderedParallelMap<Item: Sendable, Output: Sendable> {
    /// How many worker threads run `transform`; 1 runs everything on the calling thread.
    let jobs: Int
    /// The most items in flight (produced but not yet emitted) at any time.
    let window: Int

    /// `window` defaults to four items per worker: enough that a slow item does not leave the
    /// other workers idle for long, small enough that memory does not follow the batch size.
    init(jobs: Int, window: Int? = nil) {
        precondition(jobs >= 1, "jobs must be at least 1")
        self.jobs = jobs
        self.window = max(1, window ?? 4 * jobs)
    }

    /// Calls `produce` until it returns nil, `transform` on each item (on a worker), and
    /// `emit` on each result in the order the items were produced. Returns once every result
    /// has been emitted and every worker has finished.
    func run(
        produce: () -> Item?,
        transform: @escaping @Sendable (Item) -> Output,
        emit: (Output) -> Void
    ) {
        guard jobs > 1 else {
            while let item = produce() { emit(transform(item)) }
            return
        }
        let channel = Channel<Item, Output>()
        for n in 0..<jobs {
            let thread = Thread { [channel] in
                while let next = channel.nextItem() {
                    channel.deliver(transform(next.item), at: next.index)
                }
                channel.exited.signal()
            }
            thread.name = "venue-audit worker \(n + 1)"
            // As much stack as the main thread usually has; the readers and the condition
            // evaluator recurse (within their depth limits), and the default for secondary
            // threads is not the same on every platform.
            thread.stackSize = 8 << 20
            thread.start()
        }

        var produced = 0
        var emitted = 0
        var exhausted = false
        while !(exhausted && emitted == produced) {
            if let output = channel.takeResult(at: emitted) {
                emit(output)
                emitted += 1
            } else if !exhausted && produced - emitted < window {
                if let item = produce() {
                    channel.enqueue(item, at: produced)
                    produced += 1
                } else {
                    exhausted = true
                    channel.close(workers: jobs)
                }
            } else {
                // The next result is still being worked on and the window is full (or the
                // input is over): sleep until some worker delivers a result.
                channel.delivered.wait()
            }
        }
        for _ in 0..<jobs { channel.exited.wait() }
    }
}

/// What the calling thread and the workers share. The queue and the finished results sit
/// behind one mutex; the semaphores only wake threads up. Every semaphore counts, so a signal
/// sent before the matching wait is not lost.
private final class Channel<Item: Sendable, Output: Sendable>: Sendable {
    private struct State {
        /// Produced items not yet taken by a worker, oldest first (at most `window` of them,
        /// so taking from the front of an array is cheap enough).
        var queue: [(index: Int, item: Item)] = []
        /// Finished results not yet emitted, by input position.
        var results: [Int: Output] = [:]
    }

    private let state = LockedState(State())
    /// One signal per queued item, and one per worker when the input is over.
    private let work = DispatchSemaphore(value: 0)
    /// One signal per result delivered.
    let delivered = DispatchSemaphore(value: 0)
    /// One signal per worker that has returned.
    let exited = DispatchSemaphore(value: 0)

    func enqueue(_ item: Item, at index: Int) {
        state.withLock { $0.queue.append((index, item)) }
        work.signal()
    }

    /// Wakes every worker once more; a worker that wakes to an empty queue returns.
    func close(workers: Int) {
        for _ in 0..<workers { work.signal() }
    }

    /// The oldest queued item, waiting for one; nil once the input is over and every item has
    /// been taken. Each item is queued before its signal, every item's signal comes before the
    /// signals of `close`, and a wake-up takes at most one item, so the first wake-ups find all
    /// the items and each worker then gets exactly one of the extra signals, to return.
    func nextItem() -> (index: Int, item: Item)? {
        work.wait()
        return state.withLock { $0.queue.isEmpty ? nil : $0.queue.removeFirst() }
    }

    func deliver(_ output: Output, at index: Int) {
        state.withLock { $0.results[index] = output }
        delivered.signal()
    }

    func takeResult(at index: Int) -> Output? {
        state.withLock { $0.results.removeValue(forKey: index) }
    }
}

/// How many items to hand a worker at a time, when the items are cheap enough that waking a
/// thread for each one shows (the batch commands hand over files in groups of this size).
enum HandOver {
    /// One when there is one job; otherwise up to `limit`, but small enough that `items` still
    /// make four groups per worker, so a small batch is spread over every worker.
    static func size(items: Int, jobs: Int, atMost limit: Int) -> Int {
        jobs <= 1 ? 1 : max(1, min(limit, items / (4 * jobs)))
    }
}

/// A value behind a pthread mutex (NSLock). Synchronization's `Mutex` would do the same, but it
/// locks with atomics and futexes inside the uninstrumented standard library, where
/// ThreadSanitizer cannot see the lock: every access under it was reported as a race
/// (`make test-sanitize`). ThreadSanitizer understands pthread mutexes.
private final class LockedState<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
