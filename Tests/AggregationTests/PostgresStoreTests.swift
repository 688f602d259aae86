import Aggregation
import AuditBasics
import Foundation
import PostgresReportStore
import ReportFormat
import Reporters
import TestSupport
import Testing

/// What only the PostgreSQL store has to show: migrations of an older store, connection
/// errors, and many real `venue-audit aggregate` processes writing one database at once.
@Suite("PostgreSQL store", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped), .serialized)
struct PostgresStoreTests {
    /// 2,000 generated reports, and 40 of their assessments written again an hour later, each
    /// right after its original: a process that holds the copy holds the original before it,
    /// so the original always stands whichever process stores it.
    final class Corpus: Sendable {
        let directory: URL
        /// Groups of files, an original and sometimes its rewrite, in the order a process reads them.
        let groups: [[String]]

        init(reports: Int = 2_000) throws {
            let sample = try SampleReports(venues: reports / 2 + 20, seed: 99)
            directory = sample.directory
            var groups: [[String]] = []
            var later = ReportContext.pinnedForTests
            later.generatedAt = later.generatedAt.addingTimeInterval(3_600)
            for n in 0..<reports {
                var group = [sample.files[n]]
                if n % 50 == 25 {
                    let again = directory.appendingPathComponent("r\(n)-again.xml")
                    try XMLReporter(context: later).render(sample.results[n]).write(to: again, atomically: true, encoding: .utf8)
                    group.append(again.path)
                }
                groups.append(group)
            }
            for extra in sample.files.dropFirst(reports) { try? FileManager.default.removeItem(atPath: extra) }
            self.groups = groups
        }

        var all: [String] { groups.flatMap { $0 } }

        /// Four overlapping halves: first, second, middle, and the two outer quarters. Every
        /// report is read by exactly two of the four processes.
        var halves: [[String]] {
            let n = groups.count
            let q = n / 4
            return [
                groups[0..<(2 * q)].flatMap { $0 }, groups[(2 * q)...].flatMap { $0 },
                groups[q..<(3 * q)].flatMap { $0 }, (groups[0..<q] + groups[(3 * q)...]).flatMap { $0 },
            ]
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// Everything a store holds, in a form two stores can be compared by.
    struct Contents: Equatable {
        var count: Int
        var summaries: [ReportSummary]
        var rollups: Rollups
    }

    static func contents(_ url: String) throws -> Contents {
        let store = try PostgresReportStore(url: url)
        var summaries: [ReportSummary] = []
        try store.forEachChronologically { summaries.append($0) }
        return Contents(
            count: try store.count(), summaries: summaries,
            rollups: try store.rollups(ruleTitles: try store.ruleTitles(), ingest: IngestCounts()))
    }

    /// Starts `venue-audit aggregate FILES --db URL` without waiting for it.
    static func startAggregate(_ files: [String], db: String, out: URL) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ToolRunner.binary)
        process.arguments = ["aggregate", "--db", db, "--out", out.path, "--quiet"] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, pipe)
    }

    /// "N added" from the summary line of `aggregate`.
    static func added(_ stdout: String) -> Int? {
        guard let range = stdout.range(of: #"(\d+) added"#, options: .regularExpression) else { return nil }
        return Int(stdout[range].split(separator: " ")[0])
    }

    @Test("four processes ingesting overlapping halves of 2,000 reports end as one process ingesting them all, three times over")
    func concurrentIngest() throws {
        let corpus = try Corpus()
        defer { corpus.remove() }
        let out = corpus.directory.appendingPathComponent("out")
        let single = try TestPostgres.freshDatabase()
        defer { single.drop() }
        let run = try ToolRunner.run(["aggregate", "--db", single.url, "--out", out.path, "--quiet"] + corpus.all)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try Self.contents(single.url)
        // The 40 rewrites count once, and so do the few assessments the generator happens to
        // repeat (an undated visit twice); everything else is stored.
        #expect(expected.count > 1_950 && expected.count <= 2_000)
        #expect(Self.added(run.stdout) == expected.count)
        for round in 1...3 {
            let shared = try TestPostgres.freshDatabase()
            defer { shared.drop() }
            let processes = try corpus.halves.enumerated().map { n, files in
                try Self.startAggregate(files, db: shared.url, out: out.appendingPathComponent("p\(n)"))
            }
            var added = 0
            for (process, pipe) in processes {
                let stdout = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "round \(round): \(stdout)")
                added += Self.added(stdout) ?? -1
            }
            // Each report was read by two processes and added by exactly one of them.
            #expect(added == expected.count, "round \(round)")
            #expect(try Self.contents(shared.url) == expected, "round \(round)")
        }
    }

    @Test("a process killed with SIGKILL while ingesting leaves no half-stored report, and a re-run completes the set")
    func killedMidIngest() throws {
        let corpus = try Corpus(reports: 1_000)
        defer { corpus.remove() }
        let out = corpus.directory.appendingPathComponent("out")
        let clean = try TestPostgres.freshDatabase()
        defer { clean.drop() }
        #expect(try ToolRunner.run(["aggregate", "--db", clean.url, "--out", out.path, "--quiet"] + corpus.all).status == 0)
        let expected = try Self.contents(clean.url)

        let killed = try TestPostgres.freshDatabase()
        defer { killed.drop() }
        let watcher = try PostgresReportStore(url: killed.url)
        let (process, _) = try Self.startAggregate(corpus.all, db: killed.url, out: out.appendingPathComponent("killed"))
        // Killed as soon as some batches are committed, well before all are.
        let deadline = Date().addingTimeInterval(120)
        while try watcher.count() == 0 && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let partial = try Self.contents(killed.url)
        #expect(partial.count > 0 && partial.count < expected.count, "stored \(partial.count) of \(expected.count) when killed")
        // Every report stored is whole: the same summary, findings and all, as in the clean run.
        let whole = Dictionary(uniqueKeysWithValues: expected.summaries.map { ($0.digest, $0) })
        for summary in partial.summaries { #expect(whole[summary.digest] == summary) }

        let rerun = try ToolRunner.run(
            ["aggregate", "--db", killed.url, "--out", out.appendingPathComponent("rerun").path, "--quiet"] + corpus.all)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try Self.contents(killed.url) == expected)
    }

    @Test("a store written by an older version is migrated, not rebuilt")
    func olderStoreMigrated() throws {
        let sample = try SampleReports(venues: 8)
        defer { sample.remove() }
        let database = try TestPostgres.freshDatabase()
        defer { database.drop() }
        let old = try PostgresReportStore(url: database.url, migratingTo: 1)
        #expect(try old.appliedMigrations() == [PostgresReportStore.migrations[0].id])
        let counts = try ReportIngest(reader: try ReportReader(), store: old).run(files: sample.files) { _ in }
        let before = try Self.contents(database.url)
        let reopened = try PostgresReportStore(url: database.url)
        #expect(try reopened.appliedMigrations() == PostgresReportStore.migrations.map(\.id))
        #expect(try Self.contents(database.url) == before)
        #expect(before.count == counts.added && counts.added == sample.files.count)
    }

    @Test("a refused password or a server that is not there is an error line and exit 2; the password is never shown")
    func connectionErrors() throws {
        let server = try #require(TestPostgres.url)
        let sample = try SampleReports(venues: 1)
        defer { sample.remove() }
        let secret = "not-the-Password-42"
        let wrong = server.replacingOccurrences(of: "venue_audit@", with: "venue_audit:\(secret)@")
        let out = sample.directory.appendingPathComponent("out").path
        let refused = try ToolRunner.run(["aggregate", "--db", wrong, "--out", out] + sample.files)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error:") && refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        #expect(!(refused.stderr + refused.stdout).contains(secret))

        // A port nothing listens on: bound and closed again just now.
        let down = "postgres://venue_audit:\(secret)@127.0.0.1:9/postgres"
        let notThere = try ToolRunner.run(["aggregate", "--db", down, "--out", out] + sample.files)
        #expect(notThere.status == 2)
        #expect(notThere.stderr.contains("error: cannot open the store"), "\(notThere.stderr)")
        #expect(!(notThere.stderr + notThere.stdout).contains(secret))
        #expect(!notThere.stderr.contains("Fatal") && !notThere.stderr.contains("crash"))

        let malformed = try ToolRunner.run(["aggregate", "--db", "postgres://venue_audit:\(secret)@/x?foo=1", "--out", out] + sample.files)
        #expect(malformed.status == 2 && malformed.stderr.contains("error:"))
        #expect(!malformed.stderr.contains(secret), "\(malformed.stderr)")
    }

    @Test("an office's role that may only select and insert ingests into a store an administrator migrated")
    func insertOnlyRole() throws {
        let server = try #require(TestPostgres.url)
        let sample = try SampleReports(venues: 4)
        defer { sample.remove() }
        let database = try TestPostgres.freshDatabase()
        defer { database.drop() }
        _ = try PostgresReportStore(url: database.url)
        let role = "office_\(UUID().uuidString.prefix(8).lowercased())"
        let password = "pw-\(UUID().uuidString)"
        try PostgresReportStore.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(password)'", at: server)
        defer { try? PostgresReportStore.execute("DROP ROLE IF EXISTS \(role)", at: server) }
        let name = try #require(database.url.split(separator: "/").last)
        try PostgresReportStore.execute("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO \(role)", at: database.url)
        defer { try? PostgresReportStore.execute("DROP OWNED BY \(role)", at: database.url) }
        let url = database.url.replacingOccurrences(of: "venue_audit@", with: "\(role):\(password)@")
        #expect(url.contains("/\(name)"))
        let out = sample.directory.appendingPathComponent("out").path
        let run = try ToolRunner.run(["aggregate", "--db", url, "--out", out, "--quiet"] + sample.files)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try PostgresReportStore(url: database.url).count() == sample.files.count)
        #expect(!(run.stderr + run.stdout).contains(password))
    }

    @Test("VENUE_AUDIT_DB names the store when --db is not given; --db wins over it")
    func storeFromEnvironment() throws {
        let sample = try SampleReports(venues: 3)
        defer { sample.remove() }
        let database = try TestPostgres.freshDatabase()
        defer { database.drop() }
        let out = sample.directory.appendingPathComponent("out")
        let run = try ToolRunner.run(
            ["aggregate", "--out", out.path, "--quiet"] + sample.files, environment: ["VENUE_AUDIT_DB": database.url])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try PostgresReportStore(url: database.url).count() == sample.files.count)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("reports.sqlite").path))
        // Re-rendered from the store alone, through the environment.
        let rerender = try ToolRunner.run(["aggregate", "--out", out.path], environment: ["VENUE_AUDIT_DB": database.url])
        #expect(rerender.status == 0 && rerender.stdout.contains("aggregated \(sample.files.count) reports"), "\(rerender.stdout)")
        let file = sample.directory.appendingPathComponent("x.sqlite").path
        let explicit = try ToolRunner.run(
            ["aggregate", "--db", file, "--out", out.path, "--quiet"] + sample.files, environment: ["VENUE_AUDIT_DB": database.url])
        #expect(explicit.status == 0 && FileManager.default.fileExists(atPath: file))
    }
}
