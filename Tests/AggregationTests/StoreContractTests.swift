import Aggregation
import AuditBasics
import AuditResults
import Foundation
import PostgresReportStore
import ReportFormat
import ReportStore
import Reporters
import TestSupport
import Testing

/// The same contract for every store: what is stored, what counts once, what comes back, and
/// the rollups, which must equal `RollupBuilder`'s over the same reports whether the store
/// computes them itself (PostgreSQL, in SQL) or not (SQLite). Run for SQLite here and for
/// PostgreSQL by `PostgresContractTests`, which is skipped, saying why, without a server.
@Suite("Report stores: SQLite")
struct StoreContractTests {
    @Test("the store's rollups and dashboard equal the builder's over the same reports", arguments: [42, 7, 2026])
    func rollups(seed: UInt64) throws { try Self.rollupsEqualBuilder(backend: .sqlite, seed: seed) }

    @Test("an empty store rolls up to zeros")
    func empty() throws { try Self.emptyStore(backend: .sqlite) }

    @Test("a report is stored once by digest, an assessment once, and read back whole")
    func once() throws { try Self.storedOnce(backend: .sqlite) }

    /// Rollups of `files` as the tool computed them before there was more than one store: the
    /// builder over an in-memory store.
    static func reference(_ files: [String]) throws -> (Rollups, IngestCounts) {
        let (rollups, counts, _) = try aggregate(files, into: InMemoryReportStore())
        return (rollups, counts)
    }

    static func storeRollups(_ store: any ReportStore, ingest: IngestCounts) throws -> Rollups {
        try store.rollups(ruleTitles: try store.ruleTitles(), ingest: ingest)
    }

    static func rollupsEqualBuilder(backend: Backend, seed: UInt64) throws {
        let sample = try SampleReports(venues: 30, seed: seed, renaming: seed != 42)
        defer { sample.remove() }
        // Copies, and reports of the same assessments written again, so that duplicates of both
        // kinds are in the mix.
        var files = sample.files
        for (n, result) in sample.results.enumerated() where n % 7 == 0 {
            var later = ReportContext.pinnedForTests
            later.generatedAt = later.generatedAt.addingTimeInterval(3_600)
            let again = sample.directory.appendingPathComponent("again\(n).xml")
            try XMLReporter(context: later).render(result).write(to: again, atomically: true, encoding: .utf8)
            files.append(again.path)
            files.append(sample.files[n])
        }
        let (expected, expectedCounts) = try Self.reference(files)
        let test = try TestStore.make(backend)
        defer { test.remove() }
        let counts = try ReportIngest(reader: try ReportReader(), store: test.store).run(files: files) { _ in }
        #expect(counts == expectedCounts)
        let rollups = try Self.storeRollups(test.store, ingest: counts)
        #expect(rollups.total == expected.total)
        #expect(rollups.byDistrict == expected.byDistrict)
        #expect(rollups.byMonth == expected.byMonth)
        #expect(rollups.byKind == expected.byKind)
        #expect(rollups.byRule == expected.byRule)
        #expect(rollups.repeatOffences == expected.repeatOffences)
        #expect(rollups.fixed == expected.fixed)
        #expect(rollups.selfVersusInspection == expected.selfVersusInspection)
        #expect(rollups == expected)
        #expect(expected.repeatOffences.count > 0 && expected.fixed.count > 0 && expected.selfVersusInspection.pairs > 0)
        for language in [Language.en, .zh] {
            let page = Dashboard(language: language, toolVersion: "0.0.0-test", generatedAt: "2020-12-10T08:30:00Z")
            #expect(page.render(rollups, stored: try test.store.count()) == page.render(expected, stored: expected.total.reports))
        }
        #expect(RollupCSV.files(rollups).map(\.1) == RollupCSV.files(expected).map(\.1))
    }

    static func emptyStore(backend: Backend) throws {
        let test = try TestStore.make(backend)
        defer { test.remove() }
        #expect(try test.store.count() == 0)
        #expect(try Self.storeRollups(test.store, ingest: IngestCounts()) == (try Self.reference([])).0)
    }

    static func storedOnce(backend: Backend) throws {
        let sample = try SampleReports(venues: 6)
        defer { sample.remove() }
        let test = try TestStore.make(backend)
        defer { test.remove() }
        let ingest = ReportIngest(reader: try ReportReader(), store: test.store)
        let first = try ingest.run(files: sample.files) { _ in }
        #expect(first.added == sample.files.count)
        let again = try ingest.run(files: sample.files) { _ in }
        #expect(again.added == 0 && again.alreadyStored == sample.files.count)
        #expect(try test.store.count() == sample.files.count)
        // What comes back is what went in, in the order the builder needs.
        var reference: [ReportSummary] = []
        let memory = InMemoryReportStore()
        _ = try ReportIngest(reader: try ReportReader(), store: memory).run(files: sample.files) { _ in }
        // The stores keep the assessment key for counting, not for reading back.
        try memory.forEachChronologically { summary in
            var s = summary
            s.assessment = ""
            reference.append(s)
        }
        var read: [ReportSummary] = []
        try test.store.forEachChronologically { read.append($0) }
        #expect(read == reference)
        #expect(try test.store.ruleTitles() == (try memory.ruleTitles()))
        // The same assessment written again: not stored, and named as the first one.
        var later = ReportContext.pinnedForTests
        later.generatedAt = later.generatedAt.addingTimeInterval(60)
        let rewritten = sample.directory.appendingPathComponent("rewritten.xml")
        try XMLReporter(context: later).render(sample.results[0]).write(to: rewritten, atomically: true, encoding: .utf8)
        var events: [ReportIngest.Event] = []
        let third = try ingest.run(files: [rewritten.path]) { events.append($0) }
        #expect(third.duplicates == 1 && third.added == 0)
        #expect(events.contains { if case .sameAssessment(rewritten.path, sample.files[0]) = $0 { true } else { false } })
    }
}

@Suite("Report stores: PostgreSQL", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped))
struct PostgresContractTests {
    @Test("the store's rollups (in SQL) and dashboard equal the builder's over the same reports", arguments: [42, 7, 2026])
    func rollups(seed: UInt64) throws { try StoreContractTests.rollupsEqualBuilder(backend: .postgres, seed: seed) }

    @Test("an empty store rolls up to zeros")
    func empty() throws { try StoreContractTests.emptyStore(backend: .postgres) }

    @Test("a report is stored once by digest, an assessment once, and read back whole")
    func once() throws { try StoreContractTests.storedOnce(backend: .postgres) }
}
