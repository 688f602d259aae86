import AuditBasics

/// Where accepted report summaries are kept between runs, keyed by each report's digest, and
/// holding each assessment once (`ReportSummary.assessment`): the first report of an assessment
/// stored stands, and a later report of it (the same audit run again) is counted as a duplicate.
///
/// The aggregator talks to the store only through this protocol: `SQLiteReportStore` (target
/// ReportStore, a local SQLite file through GRDB) is the default, `InMemoryReportStore` serves
/// tests, and `PostgresReportStore` (target PostgresReportStore) is the shared server database
/// for many regulators' offices, which computes the rollups in the database.
public protocol ReportStore: AnyObject {
    /// Adds reports in one transaction. Returns, for each, whether it was new: a report whose
    /// digest or assessment is already stored (or appears earlier in `summaries`) is not added.
    func insert(_ summaries: [ReportSummary]) throws -> [Bool]

    /// The stored report that `summary` repeats: the one with its digest, else the one of its
    /// assessment, with the path it was first read from; nil when neither is stored.
    func stored(like summary: ReportSummary) throws -> (digest: String, path: String)?

    /// How many reports are stored.
    func count() throws -> Int

    /// The English and Chinese titles of every rule seen in a stored report.
    func ruleTitles() throws -> [String: LocalizedText]

    /// Calls `body` with every stored report, venue by venue, each venue's assessments oldest
    /// first (`ReportSummary.chronological`). Stores stream: memory must not grow with the
    /// number of reports. `ruleTitles` of the summaries passed may be empty.
    func forEachChronologically(_ body: (ReportSummary) throws -> Void) throws

    /// Every rollup of the stored reports; `ruleTitles` names the rules, `ingest` says what
    /// this run read. By default `RollupBuilder` over `forEachChronologically`; a server store
    /// computes them in the database instead, with the same result.
    func rollups(ruleTitles: [String: LocalizedText], ingest: IngestCounts) throws -> Rollups
}

extension ReportStore {
    public func rollups(ruleTitles: [String: LocalizedText], ingest: IngestCounts) throws -> Rollups {
        var builder = RollupBuilder()
        try forEachChronologically { builder.add($0) }
        return builder.finish(ruleTitles: ruleTitles, ingest: ingest)
    }
}

/// A store in memory, for tests and one-off runs. Not for thousands of reports: it keeps them all.
public final class InMemoryReportStore: ReportStore {
    private var reports: [String: ReportSummary] = [:]
    private var byAssessment: [String: String] = [:]
    private var titles: [String: LocalizedText] = [:]

    public init() {}

    public func insert(_ summaries: [ReportSummary]) throws -> [Bool] {
        summaries.map { summary in
            for (rule, title) in summary.ruleTitles where titles[rule] == nil { titles[rule] = title }
            guard reports[summary.digest] == nil, summary.assessment.isEmpty || byAssessment[summary.assessment] == nil else {
                return false
            }
            var stored = summary
            stored.ruleTitles = [:]
            reports[summary.digest] = stored
            if !summary.assessment.isEmpty { byAssessment[summary.assessment] = summary.digest }
            return true
        }
    }

    public func stored(like summary: ReportSummary) throws -> (digest: String, path: String)? {
        guard let digest = reports[summary.digest] != nil ? summary.digest : byAssessment[summary.assessment],
            let stored = reports[digest]
        else { return nil }
        return (digest, stored.path)
    }

    public func count() throws -> Int { reports.count }

    public func ruleTitles() throws -> [String: LocalizedText] { titles }

    public func forEachChronologically(_ body: (ReportSummary) throws -> Void) throws {
        for summary in reports.values.sorted(by: ReportSummary.chronological) { try body(summary) }
    }
}
