import Aggregation
import AuditBasics
import AuditResults
import Foundation
import PostgresNIO
import ReportFormat

/// The shared report store: a PostgreSQL database that many `aggregate` processes (many
/// offices) write at once, through postgres-nio.
///
/// The `ReportStore` protocol is synchronous, and so is everything above it. Each call here
/// sends its statements with postgres-nio's EventLoopFuture API and waits for the answer on the
/// calling thread; the connection's own work runs on postgres-nio's event-loop thread, never on
/// the caller's, so the wait cannot deadlock (NIO refuses a wait on an event-loop thread) and
/// does not depend on Swift's cooperative thread pool having a free thread.
///
/// Concurrency: the report digest is the primary key and the assessment has a unique index, so
/// `INSERT … ON CONFLICT DO NOTHING` lets exactly one writer store a report (or an assessment),
/// whoever comes first; the others see it as stored. A batch is one transaction: a process
/// killed in the middle leaves nothing of the batch. Two writers can still wait on each other's
/// rows; PostgreSQL then aborts one with a deadlock error and the batch is simply run again.
public final class PostgresReportStore: ReportStore {
    /// Where the store is (without its password).
    public let location: PostgresLocation
    private let connection: PostgresConnection
    private let logger: Logger
    /// Rules whose titles this store has written (or found there) since it was opened.
    private var titledRules: Set<String> = []

    /// What went wrong talking to the database, in words that never include the password.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// The server's SQLSTATE, when the server answered with an error.
        public var sqlState: String?
    }

    /// The schema, oldest first. A new version appends a migration and never edits one; each is
    /// recorded in `venue_audit_migration` when applied.
    public static let migrations: [(id: String, statements: [String])] = [
        (
            "v1: reports, findings, rules, one report per assessment",
            [
                """
                CREATE TABLE report (
                  digest text PRIMARY KEY, path text NOT NULL, generated_at text NOT NULL, venue_id text NOT NULL,
                  venue_name text, venue_type text, jurisdiction text, district text, kind text,
                  date text, day bigint, profile text NOT NULL, verdict text NOT NULL,
                  ingested_at timestamptz NOT NULL DEFAULT now(), assessment text,
                  signer_name text, signer_organization text, signer_key_id text)
                """,
                // NULLs are distinct, so reports without an assessment are not held to it.
                "CREATE UNIQUE INDEX report_by_assessment ON report (assessment)",
                """
                CREATE TABLE finding (
                  report text NOT NULL REFERENCES report (digest) ON DELETE CASCADE, seq integer NOT NULL,
                  rule text NOT NULL, target text, severity text NOT NULL, state text NOT NULL,
                  PRIMARY KEY (report, seq))
                """,
                "CREATE TABLE rule (id text PRIMARY KEY, title_en text NOT NULL, title_zh text NOT NULL)",
            ]
        ),
        (
            "v2: indexes for the rollups",
            [
                // A venue's assessments in order (window functions of the rollups, and reading
                // the store chronologically), compared byte by byte like SQLite does.
                """
                CREATE INDEX report_by_venue ON report
                  (venue_id COLLATE "C", COALESCE(day, -9223372036854775808), generated_at COLLATE "C", digest COLLATE "C")
                """,
                // Counting by rule and state reads only this index.
                "CREATE INDEX finding_by_rule ON finding (rule, state, severity)",
                // A key's state in a given report (fixes, self-assessments against inspections).
                "CREATE INDEX finding_by_key ON finding (report, \(PostgresRollups.key), seq)",
                // The failing findings, the only ones compared across a venue's assessments.
                "CREATE INDEX finding_fails ON finding (report, seq) WHERE state = 'fail'",
            ]
        ),
    ]

    /// Opens the store at `url` and applies the migrations it lacks (all of them, or up to
    /// `migratingTo`, for testing an upgrade from an older store).
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment, migratingTo last: Int? = nil)
        throws
    {
        location = try PostgresLocation(url: url, environment: environment)
        var logger = Logger(label: "venue-audit.postgres")
        // postgres-nio logs nothing secret, but the tool's output is its own: only what is fatal.
        logger.logLevel = .critical
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        if location.sslMode == "require" {
            configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw Self.failure(error, location: location, doing: "cannot connect to")
        }
        try migrate(upTo: last ?? Self.migrations.count)
    }

    deinit {
        try? connection.close().wait()
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try run("SELECT id FROM venue_audit_migration ORDER BY applied_at, id").map { try $0.decode(String.self) }
    }

    // MARK: - ReportStore

    public func insert(_ summaries: [ReportSummary]) throws -> [Bool] {
        guard !summaries.isEmpty else { return [] }
        var newTitles: [String: LocalizedText] = [:]
        for s in summaries {
            for (id, title) in s.ruleTitles where !titledRules.contains(id) && newTitles[id] == nil { newTitles[id] = title }
        }
        let rules = try Self.json(
            newTitles.sorted { $0.key < $1.key }.map { RuleRecord(id: $0.key, title_en: $0.value.en, title_zh: $0.value.zh) })
        let reports = try Self.json(summaries.enumerated().map { ReportRecord($1, n: $0) })
        // The first summary of each digest; a later one in the same batch is a duplicate.
        var firstOfDigest: [String: Int] = [:]
        for (i, s) in summaries.enumerated() where firstOfDigest[s.digest] == nil { firstOfDigest[s.digest] = i }

        var added: Set<String> = []
        var attempt = 0
        while true {
            attempt += 1
            do {
                added = try transaction {
                    if !newTitles.isEmpty {
                        try run(
                            """
                            INSERT INTO rule (id, title_en, title_zh)
                            SELECT id, title_en, title_zh FROM json_to_recordset($1::json) AS x(id text, title_en text, title_zh text)
                            ORDER BY id ON CONFLICT DO NOTHING
                            """, binds(rules))
                    }
                    let stored = try run(
                        """
                        INSERT INTO report (digest, path, generated_at, venue_id, venue_name, venue_type, jurisdiction, district,
                          kind, date, day, profile, verdict, assessment, signer_name, signer_organization, signer_key_id)
                        SELECT digest, path, generated_at, venue_id, venue_name, venue_type, jurisdiction, district,
                          kind, date, day, profile, verdict, assessment, signer_name, signer_organization, signer_key_id
                        FROM json_to_recordset($1::json) AS x(n int, digest text, path text, generated_at text, venue_id text,
                          venue_name text, venue_type text, jurisdiction text, district text, kind text, date text, day bigint,
                          profile text, verdict text, assessment text, signer_name text, signer_organization text,
                          signer_key_id text)
                        ORDER BY n
                        ON CONFLICT DO NOTHING
                        RETURNING digest
                        """, binds(reports))
                    let digests = Set(try stored.map { try $0.decode(String.self) })
                    let findings = summaries.enumerated().flatMap { i, s in
                        digests.contains(s.digest) && firstOfDigest[s.digest] == i
                            ? s.findings.enumerated().map { FindingRecord(report: s.digest, seq: $0, $1) } : []
                    }
                    if !findings.isEmpty {
                        try run(
                            """
                            INSERT INTO finding (report, seq, rule, target, severity, state)
                            SELECT report, seq, rule, target, severity, state FROM json_to_recordset($1::json)
                              AS x(report text, seq int, rule text, target text, severity text, state text)
                            """, binds(try Self.json(findings)))
                    }
                    return digests
                }
                break
            } catch let failure as Failure where ["40P01", "40001"].contains(failure.sqlState ?? "") && attempt < 10 {
                // Another writer held rows this batch needed; the batch left nothing, run it again.
                Thread.sleep(forTimeInterval: 0.01 * Double(attempt))
            }
        }
        // Only once committed: a rolled-back batch wrote no titles.
        titledRules.formUnion(newTitles.keys)
        return summaries.enumerated().map { i, s in added.contains(s.digest) && firstOfDigest[s.digest] == i }
    }

    public func stored(like summary: ReportSummary) throws -> (digest: String, path: String)? {
        let rows = try run(
            "SELECT digest, path FROM report WHERE digest = $1 UNION ALL SELECT digest, path FROM report WHERE assessment = $2 LIMIT 1",
            binds(summary.digest, summary.assessment))
        return try rows.first.map { row in
            let (digest, path) = try row.decode((String, String).self)
            return (digest, path)
        }
    }

    public func count() throws -> Int {
        try run("SELECT count(*) FROM report").first?.decode(Int.self) ?? 0
    }

    public func ruleTitles() throws -> [String: LocalizedText] {
        var titles: [String: LocalizedText] = [:]
        for row in try run("SELECT id, title_en, title_zh FROM rule") {
            let (id, en, zh) = try row.decode((String, String, String).self)
            titles[id] = LocalizedText(en: en, zh: zh)
        }
        return titles
    }

    /// Reads through a server-side cursor, a few thousand rows at a time, in one read-only
    /// snapshot: memory stays flat however many reports are stored.
    public func forEachChronologically(_ body: (ReportSummary) throws -> Void) throws {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            try run(
                """
                DECLARE chronological NO SCROLL CURSOR FOR
                SELECT r.digest, r.path, r.generated_at, r.venue_id, r.venue_name, r.venue_type, r.jurisdiction, r.district,
                  r.kind, r.date, r.profile, r.verdict, f.rule, f.target, f.severity, f.state,
                  r.signer_name, r.signer_organization, r.signer_key_id
                FROM report r LEFT JOIN finding f ON f.report = r.digest
                ORDER BY r.venue_id COLLATE "C", COALESCE(r.day, -9223372036854775808), r.generated_at COLLATE "C",
                  r.digest COLLATE "C", f.seq
                """)
            var current: ReportSummary?
            while true {
                let rows = try run("FETCH 5000 FROM chronological")
                if rows.isEmpty { break }
                for row in rows {
                    let c = PostgresRandomAccessRow(row)
                    let digest = try c[0].decode(String.self)
                    if digest != current?.digest {
                        if let done = current { try body(done) }
                        current = try Self.summary(c)
                    }
                    if let rule = try c[12].decode(String?.self),
                        let severity = try c[14].decode(String?.self).flatMap(Severity.init(rawValue:)),
                        let state = try c[15].decode(String?.self).flatMap(FindingState.init(rawValue:))
                    {
                        current?.findings.append(
                            FindingSummary(rule: rule, target: try c[13].decode(String?.self), severity: severity, state: state))
                    }
                }
            }
            if let done = current { try body(done) }
            try run("CLOSE chronological")
        }
    }

    /// Every rollup, computed by the database (`PostgresRollups`).
    public func rollups(ruleTitles titles: [String: LocalizedText], ingest: IngestCounts) throws -> Rollups {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            try PostgresRollups.compute(ruleTitles: titles, ingest: ingest) { sql in try run(sql) }
        }
    }

    // MARK: - Administration (scripts and tests)

    /// Runs one statement outside any transaction on the database at `url` (for example
    /// `CREATE DATABASE` on the server's `postgres` database), for set-up in scripts and tests.
    public static func execute(_ sql: String, at url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws
    {
        let store = try PostgresReportStore(url: url, environment: environment, migratingTo: 0)
        try store.run(sql)
    }

    // MARK: - Private

    private static func summary(_ c: PostgresRandomAccessRow) throws -> ReportSummary {
        var s = ReportSummary(
            digest: try c[0].decode(String.self), path: try c[1].decode(String.self), generatedAt: try c[2].decode(String.self),
            venueID: try c[3].decode(String.self), venueName: try c[4].decode(String?.self), venueType: try c[5].decode(String?.self),
            jurisdiction: try c[6].decode(String?.self), district: try c[7].decode(String?.self), kind: try c[8].decode(String?.self),
            date: try c[9].decode(String?.self).flatMap { CivilDate(iso: $0) }, profile: try c[10].decode(String.self),
            verdict: Verdict(rawValue: try c[11].decode(String.self)) ?? .incomplete, findings: [])
        if let name = try c[16].decode(String?.self), let organization = try c[17].decode(String?.self),
            let keyID = try c[18].decode(String?.self)
        {
            s.signer = SignerIdentity(name: name, organization: organization, keyID: keyID)
        }
        return s
    }

    /// Applies the first `count` migrations that are not yet recorded, in one transaction,
    /// holding an advisory lock so that processes opening a new store at once do not race.
    private func migrate(upTo count: Int) throws {
        guard count > 0 else { return }
        try transaction {
            try run("SELECT pg_advisory_xact_lock(7310373657)")
            // Checked rather than CREATE … IF NOT EXISTS, which needs the right to create tables
            // even when there is nothing to create: an office's role may only insert and select.
            let recorded = try run("SELECT to_regclass('venue_audit_migration') IS NOT NULL").first?.decode(Bool.self) ?? false
            if !recorded {
                try run(
                    "CREATE TABLE venue_audit_migration (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())")
            }
            let applied = Set(try run("SELECT id FROM venue_audit_migration").map { try $0.decode(String.self) })
            for migration in Self.migrations.prefix(count) where !applied.contains(migration.id) {
                for statement in migration.statements { try run(statement) }
                try run("INSERT INTO venue_audit_migration (id) VALUES ($1)", binds(migration.id))
            }
        }
    }

    private func transaction<T>(begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try run(begin)
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    @discardableResult
    private func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> PostgresQueryResult {
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        } catch {
            throw Self.failure(error, location: location, doing: "the store at")
        }
    }

    private func binds(_ values: String...) -> PostgresBindings {
        var b = PostgresBindings(capacity: values.count)
        for v in values { b.append(v) }
        return b
    }

    static func failure(_ error: any Error, location: PostgresLocation, doing: String) -> Failure {
        guard let e = error as? PSQLError else {
            return Failure(description: "\(doing) \(location): \(error)")
        }
        if let info = e.serverInfo {
            let state = info[.sqlState]
            let message = info[.message] ?? "an error"
            return Failure(description: "\(doing) \(location): \(message) (SQLSTATE \(state ?? "?"))", sqlState: state)
        }
        let what: String
        switch e.code {
        case .connectionError:
            what = "the server cannot be reached (is it running and listening there?): \(e.underlying.map { "\($0)" } ?? "no detail")"
        case .serverClosedConnection, .uncleanShutdown: what = "the server closed the connection"
        case .authMechanismRequiresPassword: what = "the server asks for a password and none was given (URL, PGPASSWORD or PGPASSFILE)"
        case .unsupportedAuthMechanism: what = "the server asks for an authentication method postgres-nio does not support"
        case .sslUnsupported: what = "the server does not accept TLS (sslmode=require)"
        default: what = e.code.description
        }
        return Failure(description: "\(doing) \(location): \(what)")
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

// The rows of a batch, sent to the server as one JSON array per table.
private struct RuleRecord: Encodable {
    var id, title_en, title_zh: String
}

private struct ReportRecord: Encodable {
    var n: Int
    var digest, path, generated_at, venue_id: String
    var venue_name, venue_type, jurisdiction, district, kind, date: String?
    var day: Int?
    var profile, verdict: String
    var assessment, signer_name, signer_organization, signer_key_id: String?

    init(_ s: ReportSummary, n: Int) {
        self.n = n
        digest = s.digest
        path = s.path
        generated_at = s.generatedAt
        venue_id = s.venueID
        venue_name = s.venueName
        venue_type = s.venueType
        jurisdiction = s.jurisdiction
        district = s.district
        kind = s.kind
        date = s.date?.description
        day = s.date?.dayNumber
        profile = s.profile
        verdict = s.verdict.rawValue
        assessment = s.assessment.isEmpty ? nil : s.assessment
        signer_name = s.signer?.name
        signer_organization = s.signer?.organization
        signer_key_id = s.signer?.keyID
    }
}

private struct FindingRecord: Encodable {
    var report: String
    var seq: Int
    var rule: String
    var target: String?
    var severity, state: String

    init(report: String, seq: Int, _ f: FindingSummary) {
        self.report = report
        self.seq = seq
        rule = f.rule
        target = f.target
        severity = f.severity.rawValue
        state = f.state.rawValue
    }
}
