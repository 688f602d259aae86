import Aggregation
import AuditBasics
import AuditResults
import Foundation
import GRDB
import ReportFormat

/// The default report store: a SQLite file, through GRDB.
///
/// Reports are keyed by their digest, so ingesting the same report again changes nothing. The
/// schema is versioned by GRDB's migrator (table `grdb_migrations`); a new version adds a
/// migration and never edits an old one. Reading streams rows through a cursor, so memory does
/// not grow with the number of reports.
public final class SQLiteReportStore: ReportStore {
    private let queue: DatabaseQueue
    /// Rules whose titles this store has written (or found already there) since it was opened.
    private var titledRules: Set<String> = []

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var config = Configuration()
        config.label = "venue-audit store"
        queue = try DatabaseQueue(path: path, configuration: config)
        try Self.migrator.migrate(queue)
    }

    /// A store in memory (for tests).
    public init() throws {
        queue = try DatabaseQueue()
        try Self.migrator.migrate(queue)
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try queue.read { db in try Self.migrator.appliedMigrations(db) }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: reports, findings, rules") { db in
            try db.create(table: "report") { t in
                t.primaryKey("digest", .text)
                t.column("path", .text).notNull()
                t.column("generated_at", .text).notNull()
                t.column("venue_id", .text).notNull()
                t.column("venue_name", .text)
                t.column("venue_type", .text)
                t.column("jurisdiction", .text)
                t.column("district", .text)
                t.column("kind", .text)
                t.column("date", .text)
                t.column("day", .integer)  // CivilDate.dayNumber, for ordering
                t.column("profile", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("ingested_at", .text).notNull()
            }
            try db.create(index: "report_by_venue", on: "report", columns: ["venue_id", "day", "generated_at", "digest"])
            try db.create(table: "finding") { t in
                t.column("report", .text).notNull().references("report", onDelete: .cascade)
                t.column("seq", .integer).notNull()
                t.column("rule", .text).notNull()
                t.column("target", .text)
                t.column("severity", .text).notNull()
                t.column("state", .text).notNull()
                t.primaryKey(["report", "seq"])
            }
            try db.create(table: "rule") { t in
                t.primaryKey("id", .text)
                t.column("title_en", .text).notNull()
                t.column("title_zh", .text).notNull()
            }
        }
        m.registerMigration("v2: an assessment is stored once") { db in
            // What was assessed (input digest, document, venue, date), not when the report was
            // written. Reports stored before this migration have none and are left as they are.
            try db.alter(table: "report") { t in t.add(column: "assessment", .text) }
            try db.create(index: "report_by_assessment", on: "report", columns: ["assessment"], unique: true)
        }
        m.registerMigration("v3: who signed a report") { db in
            // Set when the report's signature was verified against a trust file as it was
            // stored; reports stored before, unsigned, or read without a trust file have none.
            try db.alter(table: "report") { t in
                t.add(column: "signer_name", .text)
                t.add(column: "signer_organization", .text)
                t.add(column: "signer_key_id", .text)
            }
        }
        m.registerMigration("v4: access tokens of the service") { db in
            // Only the SHA-256 of each token; `id` is its first 8 hex digits.
            try db.create(table: "access_token") { t in
                t.primaryKey("hash", .text)
                t.column("id", .text).notNull().unique()
                t.column("role", .text).notNull()
                t.column("organization", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("revoked_at", .text)
            }
        }
        return m
    }

    public func insert(_ summaries: [ReportSummary]) throws -> [Bool] {
        let now = ISO8601DateFormatter().string(from: Date())
        var titled = titledRules
        let added = try queue.write { db in
            // Prepared once per connection and reused: thousands of reports, the same three statements.
            let rule = try db.cachedStatement(sql: "INSERT OR IGNORE INTO rule (id, title_en, title_zh) VALUES (?, ?, ?)")
            let report = try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO report (digest, path, generated_at, venue_id, venue_name, venue_type,
                      jurisdiction, district, kind, date, day, profile, verdict, ingested_at, assessment,
                      signer_name, signer_organization, signer_key_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let finding = try db.cachedStatement(
                sql: "INSERT INTO finding (report, seq, rule, target, severity, state) VALUES (?, ?, ?, ?, ?, ?)")
            return try summaries.map { s in
                // A rule's first title is the one kept (INSERT OR IGNORE), so a rule already
                // written through this store needs no statement at all.
                for (id, title) in s.ruleTitles where !titled.contains(id) {
                    try rule.execute(arguments: [id, title.en, title.zh])
                    titled.insert(id)
                }
                try report.execute(arguments: [
                    s.digest, s.path, s.generatedAt, s.venueID, s.venueName, s.venueType, s.jurisdiction, s.district,
                    s.kind, s.date?.description, s.date?.dayNumber, s.profile, s.verdict.rawValue, now,
                    s.assessment.isEmpty ? nil : s.assessment, s.signer?.name, s.signer?.organization, s.signer?.keyID,
                ])
                guard db.changesCount > 0 else { return false }
                for (n, f) in s.findings.enumerated() {
                    try finding.execute(arguments: [s.digest, n, f.rule, f.target, f.severity.rawValue, f.state.rawValue])
                }
                return true
            }
        }
        // Only once the transaction is committed: a rolled-back batch wrote no titles.
        titledRules = titled
        return added
    }

    public func stored(like summary: ReportSummary) throws -> (digest: String, path: String)? {
        try queue.read { db in
            let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT digest, path FROM report WHERE digest = ? UNION ALL SELECT digest, path FROM report WHERE assessment = ? LIMIT 1",
                arguments: [summary.digest, summary.assessment])
            return row.map { ($0[0], $0[1]) }
        }
    }

    public func count() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report") ?? 0 }
    }

    public func ruleTitles() throws -> [String: LocalizedText] {
        try queue.read { db in
            var titles: [String: LocalizedText] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, title_en, title_zh FROM rule") {
                titles[row["id"]] = LocalizedText(en: row["title_en"], zh: row["title_zh"])
            }
            return titles
        }
    }

    public func forEachChronologically(_ body: (ReportSummary) throws -> Void) throws {
        try queue.read { db in
            // Columns by position (see `summary`), and reports told apart by rowid: one integer
            // per row rather than looking up column names and comparing 64-character digests.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.rowid, r.digest, r.path, r.generated_at, r.venue_id, r.venue_name, r.venue_type,
                      r.jurisdiction, r.district, r.kind, r.date, r.profile, r.verdict,
                      f.rule, f.target, f.severity, f.state, r.signer_name, r.signer_organization, r.signer_key_id
                    FROM report r LEFT JOIN finding f ON f.report = r.digest
                    ORDER BY r.venue_id, COALESCE(r.day, -9223372036854775808), r.generated_at, r.digest, f.seq
                    """)
            var current: ReportSummary?
            var currentID: Int64?
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if id != currentID {
                    if let done = current { try body(done) }
                    current = Self.summary(row)
                    currentID = id
                }
                if let rule: String = row[13],
                    let severity = (row[15] as String?).flatMap(Severity.init(rawValue:)),
                    let state = (row[16] as String?).flatMap(FindingState.init(rawValue:))
                {
                    current?.findings.append(FindingSummary(rule: rule, target: row[14], severity: severity, state: state))
                }
            }
            if let done = current { try body(done) }
        }
    }

    /// The report in columns 1 to 12 and 17 to 19 of a `forEachChronologically` row, without its
    /// findings.
    private static func summary(_ row: Row) -> ReportSummary {
        var s = ReportSummary(
            digest: row[1], path: row[2], generatedAt: row[3], venueID: row[4], venueName: row[5], venueType: row[6],
            jurisdiction: row[7], district: row[8], kind: row[9], date: (row[10] as String?).flatMap { CivilDate(iso: $0) },
            profile: row[11], verdict: Verdict(rawValue: row[12]) ?? .incomplete, findings: [])
        if let name: String = row[17], let organization: String = row[18], let keyID: String = row[19] {
            s.signer = SignerIdentity(name: name, organization: organization, keyID: keyID)
        }
        return s
    }
}

extension SQLiteReportStore: AccessTokenStore {
    public func addToken(hash: String, role: AccessRole, organization: String) throws -> AccessTokenRecord {
        let record = AccessTokenRecord(
            id: String(hash.prefix(8)), role: role, organization: organization,
            createdAt: ISO8601DateFormatter().string(from: Date()), revokedAt: nil)
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO access_token (hash, id, role, organization, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [hash, record.id, role.rawValue, organization, record.createdAt])
        }
        return record
    }

    public func activeToken(hash: String) throws -> AccessTokenRecord? {
        try queue.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, role, organization, created_at, revoked_at FROM access_token WHERE hash = ? AND revoked_at IS NULL",
                arguments: [hash]
            ).flatMap(Self.tokenRecord)
        }
    }

    public func tokens() throws -> [AccessTokenRecord] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, role, organization, created_at, revoked_at FROM access_token ORDER BY created_at, id")
                .compactMap(Self.tokenRecord)
        }
    }

    public func revokeToken(id: String) throws -> Bool {
        try queue.write { db in
            try db.execute(
                sql: "UPDATE access_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [ISO8601DateFormatter().string(from: Date()), id])
            return db.changesCount == 1
        }
    }

    private static func tokenRecord(_ row: Row) -> AccessTokenRecord? {
        guard let role = AccessRole(rawValue: row["role"]) else { return nil }
        return AccessTokenRecord(
            id: row["id"], role: role, organization: row["organization"], createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
