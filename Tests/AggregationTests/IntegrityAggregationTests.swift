import Aggregation
import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import ReportStore
import Reporters
import TestSupport
import Testing

/// The aggregator's side of the integrity items: what it counts once, and what it believes.
@Suite("Aggregation integrity")
struct IntegrityAggregationTests {
    /// `xml` edited by `change` and sealed again with a fresh digest, as someone who knows the
    /// (public) digest algorithm would.
    private static func forge(_ xml: String, _ change: (String) -> String) -> String {
        let element = xml.range(of: #"<digest algorithm="sha-256">[0-9a-f]{64}</digest>"#, options: .regularExpression)!
        let opened = xml.replacingCharacters(
            in: element, with: "<digest algorithm=\"sha-256\">\(ReportDigest.placeholder)</digest>")
        return ReportDigest.seal(change(opened))
    }

    private static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("item 1: one assessment reported twice, at different times, is counted once and makes no repeat offender")
    func item1OneVisitCountedOnce() throws {
        let sample = try SampleReports(venues: 1)
        defer { sample.remove() }
        let result = sample.results[0]
        var later = ReportContext.pinnedForTests
        later.generatedAt = later.generatedAt.addingTimeInterval(3_600)
        let first = try XMLReporter(context: .pinnedForTests).render(result)
        let second = try XMLReporter(context: later).render(result)
        #expect(first != second)
        let a = try Self.write(first, "first.xml", in: sample.directory)
        let b = try Self.write(second, "second.xml", in: sample.directory)
        for store in [try SQLiteReportStore() as any ReportStore, InMemoryReportStore()] {
            let (rollups, counts, events) = try aggregate([a, b], into: store)
            #expect(counts.added == 1 && counts.duplicates == 1)
            #expect(rollups.total.reports == 1)
            #expect(rollups.repeatOffenderVenues == 0)
            #expect(events.contains { if case .sameAssessment(b, a) = $0 { true } else { false } })
        }
    }

    @Test("item 3: a report whose verdict contradicts its findings, or from the future, or from a newer tool, is refused with its reason")
    func item3BelievesNothingUnchecked() throws {
        let sample = try SampleReports(venues: 6)
        defer { sample.remove() }
        let (index, failing) = try #require(sample.results.enumerated().first { $0.element.verdict == .nonCompliant })
        let xml = try String(contentsOfFile: sample.files[index], encoding: .utf8)
        let dir = sample.directory
        let liar = try Self.write(
            Self.forge(xml) { $0.replacingOccurrences(of: "verdict=\"non_compliant\"", with: "verdict=\"compliant\"") }, "liar.xml", in: dir
        )
        let date = try #require(failing.assessment.date).description
        let future = try Self.write(
            Self.forge(xml) { $0.replacingOccurrences(of: "date=\"\(date)\"", with: "date=\"2099-01-01\"") }, "future.xml", in: dir)
        let newer = try Self.write(
            Self.forge(xml) { $0.replacingOccurrences(of: "tool-version=\"0.0.0-test\"", with: "tool-version=\"9.0.0\"") }, "newer.xml",
            in: dir)
        var reader = try ReportReader(toolVersion: "0.1.0")
        reader.now = try #require(ISO8601DateFormatter().date(from: "2026-12-03T00:00:00Z"))
        func reason(_ path: String) -> (ReportRejection.Reason, String)? {
            guard case .failure(let r) = reader.read(file: path) else { return nil }
            return (r.reason, r.diagnostics.first?.message ?? "")
        }
        #expect(reason(sample.files[index]) == nil)
        let lie = try #require(reason(liar))
        #expect(lie.0 == .inconsistent)
        #expect(lie.1.hasPrefix("the report states the verdict compliant, but its own findings make it non_compliant"))
        #expect(reason(future)?.0 == .implausible)
        #expect(reason(future)?.1 == "the assessment is dated 2099-01-01, after today (2026-12-03)")
        #expect(reason(newer)?.0 == .implausible)
        #expect(reason(newer)?.1.hasPrefix("written by venue-audit 9.0.0, newer than this one (0.1.0)") == true)
    }

    @Test("item 3: the dashboard's rule titles come from the catalogue, not from the first report to arrive")
    func item3TitlesFromCatalogue() throws {
        let sample = try SampleReports(venues: 2)
        defer { sample.remove() }
        // A report that writes the rule in full (format 2 gives titles of those rules only).
        let xml = try #require(
            sample.files.lazy.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
                .first { $0.contains("<rule id=\"XA-TEST-1-EXPOSURE\"") })
        let planted = try Self.write(
            Self.forge(xml) { $0.replacingOccurrences(of: "Register visible to other visitors", with: "Nothing to see here") },
            "planted.xml", in: sample.directory)
        let store = try SQLiteReportStore()
        _ = try aggregate([planted] + sample.files, into: store)
        #expect(try store.ruleTitles()["XA-TEST-1-EXPOSURE"]?.en == "Nothing to see here")  // the store keeps what came first
        var builder = RollupBuilder()
        try store.forEachChronologically { builder.add($0) }
        let catalogue = ["XA-TEST-1-EXPOSURE": LocalizedText(en: "Register visible to other visitors", zh: "登记簿对其他访客可见")]
        let rollups = builder.finish(ruleTitles: try store.ruleTitles().merging(catalogue) { _, c in c }, ingest: IngestCounts())
        #expect(rollups.byRule.first { $0.rule == "XA-TEST-1-EXPOSURE" }?.title.en == "Register visible to other visitors")
    }

    @Test("item 6: the aggregator masks again what a report carries, so a report from elsewhere cannot bring data in")
    func item6AggregatorMasksAgain() throws {
        let sample = try SampleReports(venues: 1)
        defer { sample.remove() }
        let xml = try String(contentsOfFile: sample.files[0], encoding: .utf8)
        let planted = try Self.write(
            Self.forge(xml) { $0.replacingOccurrences(of: "<name>Venue 0", with: "<name>Venue 139/0000/1234 li@example.com") },
            "planted.xml", in: sample.directory)
        let store = try SQLiteReportStore()
        let (_, counts, _) = try aggregate([planted], into: store)
        #expect(counts.added == 1)
        var names: [String] = []
        try store.forEachChronologically { names.append($0.venueName ?? "") }
        #expect(names.count == 1)
        #expect(names[0].hasPrefix("Venue 139/****/1234 l***@example.com"), "\(names)")
    }

    @Test("item 10: formula-like CSV cells are defused by their first scalar, behind invisible characters, and tabs too")
    func item10CSVFormulaGuard() {
        for hostile in ["=\u{0301}1+1", "=\u{200D}cmd", "\u{200B}=1+1", " =1+1", "\t=1+1", "\r=1", "＝1+1", "@SUM(A1)"] {
            #expect(
                RollupCSV.cell(hostile).hasPrefix("'") || RollupCSV.cell(hostile).hasPrefix("\"'"), "\(hostile.unicodeScalars.map(\.value))"
            )
        }
        #expect(RollupCSV.cell("Qingyang") == "Qingyang")
        #expect(RollupCSV.cell("-3") == "-3")
    }
}
