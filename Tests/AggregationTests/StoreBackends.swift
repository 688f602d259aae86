import Aggregation
import AuditBasics
import Foundation
import PostgresReportStore
import ReportStore
import Testing

/// The stores the store tests run against. PostgreSQL needs a server: `VENUE_AUDIT_TEST_POSTGRES`
/// names one (`make test` starts a throwaway server with scripts/pg.sh and sets it). Without
/// it the suites that need it are skipped, and say why.
enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres
}

/// A store made for one test, and how to get rid of it.
struct TestStore {
    let store: any ReportStore
    /// The SQLite file, or the database URL (without password).
    let location: String
    let remove: () -> Void

    static func make(_ backend: Backend) throws -> TestStore {
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
            return TestStore(store: try SQLiteReportStore(path: path), location: path) { try? FileManager.default.removeItem(atPath: path) }
        case .postgres:
            let database = try TestPostgres.freshDatabase()
            return TestStore(store: try PostgresReportStore(url: database.url), location: database.url, remove: database.drop)
        }
    }
}

enum TestPostgres {
    /// The test server's URL (its maintenance database), when one is given.
    static let url: String? = {
        guard let url = ProcessInfo.processInfo.environment["VENUE_AUDIT_TEST_POSTGRES"], !url.isEmpty else { return nil }
        return url
    }()

    static let skipped: Comment =
        "VENUE_AUDIT_TEST_POSTGRES is not set: these tests need a PostgreSQL server (`make test` starts one with scripts/pg.sh)"

    /// A new, empty database on the test server, so tests running at once do not meet; `drop`
    /// removes it (closing whatever connections are left).
    static func freshDatabase() throws -> (url: String, drop: @Sendable () -> Void) {
        let server = try #require(url)
        let name = "va_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try PostgresReportStore.execute("CREATE DATABASE \(name)", at: server)
        let database = try #require(server.range(of: "/", options: .backwards)).lowerBound
        return (
            String(server[..<database]) + "/" + name, { try? PostgresReportStore.execute("DROP DATABASE \(name) WITH (FORCE)", at: server) }
        )
    }
}
