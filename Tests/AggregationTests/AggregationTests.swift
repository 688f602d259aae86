import Aggregation
import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import ReportStore
import TestSupport
import Testing

/// Reads `files` into `store` and rolls the store up, as `venue-audit aggregate` does.
func aggregate(_ files: [String], into store: any ReportStore) throws -> (Rollups, IngestCounts, [ReportIngest.Event]) {
    var events: [ReportIngest.Event] = []
    let counts = try ReportIngest(reader: ReportReader(), store: store).run(files: files) { events.append($0) }
    var builder = RollupBuilder()
    try store.forEachChronologically { builder.add($0) }
    return (builder.finish(ruleTitles: try store.ruleTitles(), ingest: counts), counts, events)
}

@Suite("Aggregation")
struct AggregationTests {
    @Test("every figure on the dashboard equals an independent recount", arguments: [Language.en, .zh])
    func dashboardFiguresMatchRecount(language: Language) throws {
        let sample = try SampleReports(venues: 14)
        defer { sample.remove() }
        let store = try SQLiteReportStore()
        let (rollups, counts, _) = try aggregate(sample.files, into: store)
        let html = Dashboard(language: language, toolVersion: "0.0.0-test", generatedAt: "2020-12-10T08:30:00Z")
            .render(rollups, stored: try store.count())
        let shown = try Recount.figures(inPage: html)
        let expected = try Recount.figures(results: sample.results, files: sample.files, ingest: counts, stored: try store.count())
        #expect(shown.count > 150)
        for (key, value) in shown.sorted(by: { $0.key < $1.key }) {
            #expect(expected[key] == value, "figure \(key): dashboard shows \(value), recount gives \(expected[key] ?? "nothing")")
        }
        let missing = Set(expected.keys).subtracting(shown.keys).sorted()
        #expect(missing.isEmpty, "figures the recount has but the dashboard does not show: \(missing.prefix(10))")
        #expect(rollups.repeatOffences.count > 0 && rollups.fixed.count > 0 && rollups.selfVersusInspection.pairs > 0)
    }

    @Test("corrupt, truncated, schema-invalid, tampered and duplicate reports behave as stated")
    func badReports() throws {
        let sample = try SampleReports(venues: 4)
        defer { sample.remove() }
        let good = try String(contentsOfFile: sample.files[0], encoding: .utf8)
        let dir = sample.directory
        func write(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let corrupt = try write("corrupt.xml", good.replacingOccurrences(of: "<findings>", with: "<findings><<&"))
        let truncated = try write("truncated.xml", String(good.prefix(good.count / 2)))
        let invalid = try write("invalid.xml", good.replacingOccurrences(of: "state=\"", with: "state=\"maybe-"))
        let tamperedText =
            good.contains("state=\"fail\"")
            ? good.replacingOccurrences(of: "state=\"fail\"", with: "state=\"unknown\"")
            : good.replacingOccurrences(of: "<name>", with: "<name>X")
        let tampered = try write("tampered.xml", tamperedText)
        let duplicate = try write("duplicate.xml", good)
        let unreadable = dir.appendingPathComponent("gone.xml").path
        let files = sample.files + [corrupt, truncated, invalid, tampered, duplicate, unreadable]
        let store = InMemoryReportStore()
        let (rollups, counts, events) = try aggregate(files, into: store)

        #expect(counts.rejected == [.malformed: 1, .truncated: 1, .schemaInvalid: 1, .tampered: 1, .unreadable: 1])
        #expect(counts.duplicates == 1)
        #expect(counts.added == sample.files.count)
        #expect(rollups.total.reports == sample.results.count, "only the good reports are aggregated")
        var reasons: [String: ReportRejection.Reason] = [:]
        for case .rejected(let r) in events { reasons[URL(fileURLWithPath: r.path).lastPathComponent] = r.reason }
        #expect(
            reasons == [
                "corrupt.xml": .malformed, "truncated.xml": .truncated, "invalid.xml": .schemaInvalid, "tampered.xml": .tampered,
                "gone.xml": .unreadable,
            ])
        for case .rejected(let r) in events {
            #expect(r.diagnostics.first?.description.hasPrefix("\(r.path):") == true)
            #expect(r.diagnostics.first?.code == r.reason.code)
        }
        let duplicates = events.compactMap { e -> String? in
            if case .duplicate(let path, let first) = e { return "\(path) \(first)" }
            return nil
        }
        #expect(duplicates == ["\(duplicate) \(sample.files[0])"])
    }

    @Test("JUnit files and aggregates among the reports are skipped, not read as reports")
    func foreignDocumentsSkipped() throws {
        let sample = try SampleReports(venues: 3)
        defer { sample.remove() }
        let (rollups, _, _) = try aggregate(sample.files, into: InMemoryReportStore())
        let earlier = sample.directory.appendingPathComponent("aggregate.xml").path
        try AggregateXMLWriter(toolVersion: "0.0.0-test", generatedAt: "2020-12-10T08:30:00Z").render(rollups, stored: 3)
            .write(toFile: earlier, atomically: true, encoding: .utf8)
        let junit = sample.directory.appendingPathComponent("results.xml").path
        try "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"venue-audit\"><testsuite name=\"v\"/></testsuites>\n"
            .write(toFile: junit, atomically: true, encoding: .utf8)
        let (_, counts, events) = try aggregate(sample.files + [earlier, junit], into: InMemoryReportStore())
        #expect(counts.skipped == 2 && counts.files == sample.files.count && counts.rejectedTotal == 0)
        #expect(counts.added == sample.files.count)
        let skipped = events.compactMap { e -> String? in
            if case .skipped(let path, let reason) = e { return "\(URL(fileURLWithPath: path).lastPathComponent): \(reason)" }
            return nil
        }
        #expect(skipped == ["aggregate.xml: an aggregate written by venue-audit, not a report", "results.xml: a JUnit file, not a report"])
    }

    @Test("a folder named like a report is rejected as unreadable, and the others are read")
    func folderNamedXML() throws {
        let sample = try SampleReports(venues: 2)
        defer { sample.remove() }
        let folder = sample.directory.appendingPathComponent("not-a-file.xml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (_, counts, events) = try aggregate(sample.files + [folder.path], into: InMemoryReportStore())
        #expect(counts.rejected == [.unreadable: 1] && counts.added == sample.files.count)
        let rejected = events.compactMap { e -> String? in
            if case .rejected(let r) = e { return r.diagnostics.first?.description }
            return nil
        }
        #expect(rejected == ["\(folder.path):1:1: error: [report-unreadable] cannot read the file"])
    }

    @Test("ingest is idempotent: a second run adds nothing and gives the same rollups")
    func idempotentIngest() throws {
        let sample = try SampleReports(venues: 6)
        defer { sample.remove() }
        let db = sample.directory.appendingPathComponent("store.sqlite").path
        let (first, firstCounts, _) = try aggregate(sample.files, into: try SQLiteReportStore(path: db))
        let reopened = try SQLiteReportStore(path: db)
        let (second, secondCounts, _) = try aggregate(sample.files, into: reopened)
        #expect(firstCounts.added == sample.files.count)
        #expect(secondCounts.added == 0 && secondCounts.alreadyStored == sample.files.count)
        #expect(try reopened.count() == sample.files.count)
        var a = first
        var b = second
        a.ingest = IngestCounts()
        b.ingest = IngestCounts()
        #expect(a == b)
        #expect(
            try reopened.appliedMigrations() == [
                "v1: reports, findings, rules", "v2: an assessment is stored once", "v3: who signed a report",
                "v4: access tokens of the service",
            ])
    }

    @Test("the SQLite store and the in-memory store give the same rollups")
    func storesAgree() throws {
        let sample = try SampleReports(venues: 10, seed: 7)
        defer { sample.remove() }
        let (a, _, _) = try aggregate(sample.files, into: try SQLiteReportStore())
        let (b, _, _) = try aggregate(sample.files, into: InMemoryReportStore())
        #expect(a == b)
    }

    @Test("a rule keeps the first title stored, across batches and in both stores")
    func firstTitleKept() throws {
        func summary(_ digest: String, _ title: String) -> ReportSummary {
            ReportSummary(
                digest: digest, path: "\(digest).xml", generatedAt: "2021-01-01T00:00:00Z", venueID: "V", venueName: nil,
                venueType: nil, jurisdiction: nil, district: nil, kind: nil, date: nil, profile: "p", verdict: .compliant,
                findings: [FindingSummary(rule: "R-1", target: nil, severity: .low, state: .pass)],
                ruleTitles: ["R-1": LocalizedText(en: title, zh: title), "R-\(digest)": LocalizedText(en: digest, zh: digest)])
        }
        let sqlite = try SQLiteReportStore()
        for store in [sqlite, InMemoryReportStore()] as [any ReportStore] {
            #expect(try store.insert([summary("a", "first")]) == [true])
            #expect(try store.insert([summary("b", "second"), summary("a", "again")]) == [true, false])
            let titles = try store.ruleTitles()
            #expect(titles["R-1"]?.en == "first")
            #expect(Set(titles.keys) == ["R-1", "R-a", "R-b"])
        }
    }

    @Test("both stores keep who signed a report, and the rollups count reports by signer and organisation")
    func signersKept() throws {
        func summary(_ digest: String, venue: String, signer: SignerIdentity?) -> ReportSummary {
            var s = ReportSummary(
                digest: digest, path: "\(digest).xml", generatedAt: "2021-01-01T00:00:00Z", venueID: venue, venueName: nil,
                venueType: nil, jurisdiction: nil, district: nil, kind: nil, date: nil, profile: "p", verdict: .compliant,
                findings: [FindingSummary(rule: "R-1", target: nil, severity: .low, state: .pass)])
            s.signer = signer
            return s
        }
        let li = SignerIdentity(name: "Inspector Li", organization: "Jinjiang MSB", keyID: String(repeating: "a", count: 64))
        let wang = SignerIdentity(name: "Inspector Wang", organization: "Jinjiang MSB", keyID: String(repeating: "b", count: 64))
        for store in [try SQLiteReportStore(), InMemoryReportStore()] as [any ReportStore] {
            _ = try store.insert([
                summary("a", venue: "V1", signer: li), summary("b", venue: "V2", signer: wang), summary("c", venue: "V3", signer: nil),
            ])
            var signers: [String: SignerIdentity?] = [:]
            try store.forEachChronologically { signers[$0.digest] = $0.signer }
            #expect(signers == ["a": li, "b": wang, "c": nil])
            let rollups = try AggregateCommandLike.rollups(store)
            #expect(rollups.bySigner.map(\.key) == ["(none)", "Inspector Li (Jinjiang MSB)", "Inspector Wang (Jinjiang MSB)"])
            #expect(rollups.bySignerOrganization.map { "\($0.key)=\($0.reports)" } == ["(none)=1", "Jinjiang MSB=2"])
        }
    }

    @Test("the aggregate XML is valid against its schema, and the schema file matches the embedded copy")
    func aggregateXMLIsValid() throws {
        let sample = try SampleReports(venues: 8)
        defer { sample.remove() }
        let (rollups, _, _) = try aggregate(sample.files, into: InMemoryReportStore())
        let xml = AggregateXMLWriter(toolVersion: "0.0.0-test", generatedAt: "2020-12-10T08:30:00Z").render(rollups, stored: 3)
        let validator = try XMLSchemaValidator(xsd: AggregateSchema.xsd)
        #expect(validator.validate(xml: xml, name: "aggregate.xml").map(\.description) == [])
        let file = try String(contentsOfFile: RepositoryPaths.path("schemas/venue-audit-aggregate-1.xsd"), encoding: .utf8)
        #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == AggregateSchema.xsd.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("CSV cells are quoted and formula-like text is defused")
    func csvCells() {
        #expect(RollupCSV.cell("Qingyang, north") == "\"Qingyang, north\"")
        #expect(RollupCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(RollupCSV.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(RollupCSV.cell("-3") == "-3")
    }
}

/// The rollups of everything in a store, as `aggregate` computes them.
enum AggregateCommandLike {
    static func rollups(_ store: any ReportStore) throws -> Rollups {
        var builder = RollupBuilder()
        try store.forEachChronologically { builder.add($0) }
        return builder.finish(ruleTitles: [:], ingest: IngestCounts())
    }
}
