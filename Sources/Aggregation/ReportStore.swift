import AuditBasics

/// Where accepted report summaries are kept between runs, keyed by each report's digest.
///
/// The aggregator talks to the store only through this protocol: `SQLiteReportStore` (target
/// ReportStore, a local SQLite file through GRDB) is the default, `InMemoryReportStore` serves
/// tests, and a shared server database for many regulators' offices can be added later without
/// touching the rollups or renderers.
public protocol ReportStore: AnyObject {
    /// Adds reports in one transaction. Returns, for each, whether it was new: a report whose
    /// digest is already stored (or appears earlier in `summaries`) is not added again.
    func insert(_ summaries: [ReportSummary]) throws -> [Bool]

    /// The path the report with `digest` was first read from, or nil when it is not stored.
    func storedPath(digest: String) throws -> String?

    /// How many reports are stored.
    func count() throws -> Int

    /// The English and Chinese titles of every rule seen in a stored report.
    func ruleTitles() throws -> [String: LocalizedText]

    /// Calls `body` with every stored report, venue by venue, each venue's assessments oldest
    /// first (`ReportSummary.chronological`). Stores stream: memory must not grow with the
    /// number of reports. `ruleTitles` of the summaries passed may be empty.
    func forEachChronologically(_ body: (ReportSummary) throws -> Void) throws
}

/// A store in memory, for tests and one-off runs. Not for thousands of reports: it keeps them all.
public final class InMemoryReportStore: ReportStore {
    private var reports: [String: ReportSummary] = [:]
    private var titles: [String: LocalizedText] = [:]

    public init() {}

    public func insert(_ summaries: [ReportSummary]) throws -> [Bool] {
        summaries.map { summary in
            for (rule, title) in summary.ruleTitles where titles[rule] == nil { titles[rule] = title }
            guard reports[summary.digest] == nil else { return false }
            var stored = summary
            stored.ruleTitles = [:]
            reports[summary.digest] = stored
            return true
        }
    }

    public func storedPath(digest: String) throws -> String? { reports[digest]?.path }

    public func count() throws -> Int { reports.count }

    public func ruleTitles() throws -> [String: LocalizedText] { titles }

    public func forEachChronologically(_ body: (ReportSummary) throws -> Void) throws {
        for summary in reports.values.sorted(by: ReportSummary.chronological) { try body(summary) }
    }
}
