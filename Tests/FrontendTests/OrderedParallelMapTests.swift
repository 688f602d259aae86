import Dispatch
import Synchronization
import Testing

@testable import VenueAuditCommands

/// Integers appended from any thread.
private final class Record: Sendable {
    private let values = Mutex<[Int]>([])
    func append(_ value: Int) { values.withLock { $0.append(value) } }
    var all: [Int] { values.withLock { $0 } }
}

/// A bounded wait, so a broken implementation fails the test instead of hanging the suite.
/// The bound is never what a test asserts on.
private func waitOrGiveUp(_ semaphore: DispatchSemaphore, _ gaveUp: Record, item: Int) {
    if semaphore.wait(timeout: .now() + 120) == .timedOut { gaveUp.append(item) }
}

@Suite("ordered parallel map")
struct OrderedParallelMapTests {
    @Test("results come out in input order when the work finishes in reverse order", arguments: [2, 4, 8])
    func reverseCompletion(jobs: Int) {
        // Items come in groups of `jobs`; inside a group, item i waits until item i+1 has
        // finished, so each group finishes last item first. A group fits on the workers at
        // once, so the waits always end.
        let count = jobs * 5
        let released = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        let finished = Record()
        let gaveUp = Record()
        var emitted: [Int] = []
        var produced = 0
        OrderedParallelMap<Int, String>(jobs: jobs).run(
            produce: {
                guard produced < count else { return nil }
                defer { produced += 1 }
                return produced
            },
            transform: { i in
                if (i + 1) % jobs != 0 { waitOrGiveUp(released[i], gaveUp, item: i) }
                finished.append(i)
                if i % jobs != 0 { released[i - 1].signal() }
                return "item \(i)"
            },
            emit: { output in emitted.append(Int(output.dropFirst(5)) ?? -1) })
        #expect(gaveUp.all.isEmpty)
        #expect(emitted == Array(0..<count))
        // The work really did finish out of order: within each group, last item first.
        let order = finished.all
        #expect(order.count == count)
        for group in stride(from: 0, to: count, by: jobs) {
            let positions = (group..<group + jobs).map { order.firstIndex(of: $0) ?? -1 }
            #expect(positions == positions.sorted(by: >), "group at \(group): \(positions)")
        }
    }

    @Test("output streams: no more than the window is in flight, and the first result is out before the window's next item is read")
    func boundedAndStreaming() {
        let jobs = 3
        let window = 12
        let count = 100
        enum Event: Equatable { case read(Int), emitted(Int) }
        var events: [Event] = []
        var inFlight = 0
        var maxInFlight = 0
        var produced = 0
        // Item 0 is held back until the last item that fits in the window has been read, so
        // the window fills up before anything can be emitted.
        let windowFull = DispatchSemaphore(value: 0)
        let gaveUp = Record()
        OrderedParallelMap<Int, Int>(jobs: jobs, window: window).run(
            produce: {
                guard produced < count else { return nil }
                let k = produced
                produced += 1
                events.append(.read(k))
                inFlight += 1
                maxInFlight = max(maxInFlight, inFlight)
                if k == window - 1 { windowFull.signal() }
                return k
            },
            transform: { k in
                if k == 0 { waitOrGiveUp(windowFull, gaveUp, item: k) }
                return k
            },
            emit: { k in
                events.append(.emitted(k))
                inFlight -= 1
            })
        #expect(gaveUp.all.isEmpty)
        #expect(maxInFlight == window)
        #expect(events.compactMap { if case .emitted(let k) = $0 { k } else { nil } } == Array(0..<count))
        #expect(events.compactMap { if case .read(let k) = $0 { k } else { nil } } == Array(0..<count))
        let firstOut = events.firstIndex(of: .emitted(0)) ?? .max
        #expect(firstOut < (events.firstIndex(of: .read(window)) ?? -1))
        // Streaming: the first result was out long before the last item was read.
        #expect(firstOut < (events.firstIndex(of: .read(count - 1)) ?? -1))
    }

    @Test("one job reads, works and emits each item before reading the next")
    func oneJobIsSequential() {
        var events: [String] = []
        var produced = 0
        OrderedParallelMap<Int, Int>(jobs: 1).run(
            produce: {
                guard produced < 4 else { return nil }
                events.append("read \(produced)")
                defer { produced += 1 }
                return produced
            },
            transform: { $0 * 10 },
            emit: { events.append("emit \($0)") })
        #expect(events == ["read 0", "emit 0", "read 1", "emit 10", "read 2", "emit 20", "read 3", "emit 30"])
    }

    @Test("an empty input emits nothing and returns", arguments: [1, 4])
    func emptyInput(jobs: Int) {
        var emitted = 0
        OrderedParallelMap<Int, Int>(jobs: jobs).run(produce: { nil }, transform: { $0 }, emit: { _ in emitted += 1 })
        #expect(emitted == 0)
    }

    @Test("the window defaults to four items per job")
    func defaultWindow() {
        #expect(OrderedParallelMap<Int, Int>(jobs: 1).window == 4)
        #expect(OrderedParallelMap<Int, Int>(jobs: 8).window == 32)
        #expect(OrderedParallelMap<Int, Int>(jobs: 2, window: 5).window == 5)
    }

    @Test("files are handed over in groups only when there are enough to keep every worker busy")
    func handOverSize() {
        #expect(HandOver.size(items: 10_000, jobs: 1, atMost: 32) == 1)
        #expect(HandOver.size(items: 10_000, jobs: 2, atMost: 32) == 32)
        #expect(HandOver.size(items: 10_000, jobs: 2, atMost: 4) == 4)
        #expect(HandOver.size(items: 40, jobs: 2, atMost: 32) == 5)
        #expect(HandOver.size(items: 7, jobs: 8, atMost: 32) == 1)
        #expect(HandOver.size(items: 0, jobs: 2, atMost: 32) == 1)
    }
}
