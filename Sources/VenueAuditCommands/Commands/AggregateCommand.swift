import Aggregation
import ArgumentParser
import AuditBasics
import Foundation
import PolicyCatalog
import PostgresReportStore
import ReportSignature
import ReportStore

/// `venue-audit aggregate PATH... --out DIR`: many XML reports into a store, and the store into
/// a dashboard, an aggregate XML, CSV and JSON.
struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Aggregate XML reports into a dashboard, CSV, JSON and an aggregate XML.",
        discussion: """
            Reads *.xml reports (folders recursively), checks each against the report schema and \
            its digest (and, with --trust, its signature), and adds it to the store: --db, else the \
            environment variable VENUE_AUDIT_DB, else DIR/reports.sqlite. A path is a SQLite file; \
            postgres://user@host:port/database is a PostgreSQL database shared by many processes \
            (password from the URL, PGPASSWORD or PGPASSFILE/~/.pgpass; never printed). \
            A corrupt, truncated, schema-invalid or tampered report is named and counted, never \
            aggregated; the same report twice counts once. With --db and no PATH, re-renders from \
            the store. Exit status: 0 every report read, 2 some report rejected or a path missing.
            """
    )

    @Argument(help: "Report files or folders (*.xml; *.junit.xml and the output folder are skipped).")
    var paths: [String] = []

    @Option(name: .customLong("out"), help: "Write dashboard.html, aggregate.xml, aggregate.json and csv/ into this folder.")
    var out: String

    @Option(
        help: ArgumentHelp(
            "The store to add reports to and aggregate from: a SQLite file, or postgres://user@host:port/database (default: $VENUE_AUDIT_DB, else DIR/reports.sqlite).",
            valueName: "FILE|URL"))
    var db: String?

    /// `--db`, else `VENUE_AUDIT_DB` when set and not empty.
    var storeLocation: String? {
        if let db { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["VENUE_AUDIT_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        return nil
    }

    @Option(help: "Language of the dashboard: en, zh, or en,zh (one page each).")
    var lang: String = "en"

    @Option(help: "The rule packs whose titles the dashboard shows (default: the built-in packs).")
    var policies: String?

    @Option(help: "Verify each report's signature against this YAML trust file; a refused signature rejects the report.")
    var trust: String?

    @Flag(name: .customLong("require-signature"), help: "Reject unsigned reports (needs --trust).")
    var requireSignature = false

    @Flag(help: "Print the run's time and peak memory on standard error.")
    var stats = false

    @Flag(name: [.short, .long], help: "Print only the closing summary.")
    var quiet = false

    func validate() throws {
        if requireSignature && trust == nil {
            throw ValidationError("--require-signature needs --trust FILE: the signers whose signatures are accepted")
        }
        if paths.isEmpty && storeLocation == nil {
            throw ValidationError("give report files or folders, or --db FILE|URL (or VENUE_AUDIT_DB) to re-render from a store")
        }
        guard !languages.isEmpty, lang.split(separator: ",").allSatisfy({ Language(rawValue: String($0)) != nil }) else {
            throw ValidationError("--lang must be en, zh or en,zh")
        }
    }

    var languages: [Language] { lang.split(separator: ",").compactMap { Language(rawValue: String($0)) } }

    func run() throws {
        let started = Date()
        // A bad trust file stops the run before the store or any output is created.
        let verifier = try trust.map { try VerifyCommand.verifier(trustFile: $0) }
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let store: any ReportStore
        do {
            try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
            // Checked before anything is stored or written: a link planted inside --out must not
            // redirect the store or the CSV files elsewhere.
            try ReportWriter.ensureFolder(outURL.appendingPathComponent("csv"))
            let location = storeLocation
            let dbPath = location ?? outURL.appendingPathComponent("reports.sqlite").path
            if location == nil, ReportWriter.isSymbolicLink(dbPath) {
                throw ReportWriter.UnsafeOutput(description: "\(dbPath) is a symbolic link; the store is not opened through it")
            }
            store = try Self.openStore(dbPath)
        } catch let refused as ReportWriter.UnsafeOutput {
            Console.err("venue-audit: error: \(refused.description)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        } catch {
            Console.err("venue-audit: error: cannot open the store: \(error)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        let (files, missing) = ReportIngest.reportFiles(in: paths, excluding: [outURL.path])
        for path in missing { Console.err("\(path):1:1: error: [no-such-file] no such file or folder") }
        var reader = try ReportReader(toolVersion: VenueAudit.version)
        if let verifier {
            reader.signatures = verifier
            reader.requireSignature = requireSignature
        }
        let ingest = try ReportIngest(reader: reader, store: store)
        let counts = try ingest.run(files: files) { event in
            switch event {
            case .rejected(let rejection):
                for d in rejection.diagnostics { Console.err(d.description) }
            case .duplicate(let path, let first):
                if !quiet { Console.err("\(path):1:1: note: [report-duplicate] the same report as \(first); counted once") }
            case .sameAssessment(let path, let first):
                if !quiet {
                    Console.err(
                        "\(path):1:1: note: [assessment-duplicate] the same assessment as \(first) (same input, venue and date), written again; counted once, the first stands"
                    )
                }
            case .skipped(let path, let reason):
                // Said with -q too: a file left out is never left out silently.
                Console.err("\(path):1:1: note: [not-a-report] skipped: \(reason)")
            case .added, .alreadyStored: break
            }
        }
        let rollups = try Self.rollups(from: store, ingest: counts, catalogTitles: try Self.catalogTitles(policies))
        let stored = try store.count()
        let written = try Self.write(rollups, stored: stored, to: outURL, languages: languages)
        Console.out(Self.summary(rollups, stored: stored, missing: missing.count))
        if !quiet { Console.out("wrote \(written.map { "\(out)/\($0)" }.joined(separator: ", "))") }
        if stats {
            let seconds = Date().timeIntervalSince(started)
            Console.err(
                "stats: \(counts.files) files, \(stored) stored reports, \(String(format: "%.2f", seconds)) s, peak memory \(Self.peakMemoryKiB() ?? 0) KiB"
            )
        }
        if counts.rejectedTotal > 0 || !missing.isEmpty { throw ExitCode(ExitStatus.badInput.rawValue) }
    }

    /// Rule titles as the dashboard shows them: the catalogue's own, and for a rule it does
    /// not know, the title stored with the first report of it. Never whatever the first report
    /// to arrive said of a known rule.
    static func rollups(from store: any ReportStore, ingest: IngestCounts, catalogTitles: [String: LocalizedText] = [:]) throws -> Rollups {
        try store.rollups(ruleTitles: try store.ruleTitles().merging(catalogTitles) { _, catalogue in catalogue }, ingest: ingest)
    }

    /// A PostgreSQL store for a `postgres://` URL, else the SQLite file at `location`. Errors
    /// name the store without its password.
    static func openStore(_ location: String) throws -> any ReportStore {
        PostgresLocation.isURL(location) ? try PostgresReportStore(url: location) : try SQLiteReportStore(path: location)
    }

    /// Every rule's title in the rule packs (built in, or `--policies`).
    static func catalogTitles(_ policies: String?) throws -> [String: LocalizedText] {
        let (catalog, _) = try PoliciesCommand.catalog(policies)
        return Dictionary(catalog.rules.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    /// Writes every output atomically; returns the file names relative to `directory`.
    ///
    /// Each output is rendered, written and dropped before the next is rendered: the lists of
    /// repeat offences and fixed findings grow with the number of venues, and holding every
    /// rendered output at once made peak memory follow the size of the store.
    static func write(_ r: Rollups, stored: Int, to directory: URL, languages: [Language]) throws -> [String] {
        let generatedAt = ISO8601DateFormatter().string(from: Date())
        var names: [String] = []
        func write(_ name: String, _ render: () -> String) throws {
            try ReportWriter.atomicWrite(render(), to: directory.appendingPathComponent(name))
            names.append(name)
        }
        try write("aggregate.xml") {
            AggregateXMLWriter(toolVersion: VenueAudit.version, generatedAt: generatedAt).render(r, stored: stored)
        }
        try write("aggregate.json") { RollupJSON.render(r, toolVersion: VenueAudit.version, generatedAt: generatedAt, stored: stored) }
        for language in languages {
            let name = language == languages.first ? "dashboard.html" : "dashboard.\(language.rawValue).html"
            try write(name) {
                Dashboard(language: language, toolVersion: VenueAudit.version, generatedAt: generatedAt).render(r, stored: stored)
            }
        }
        try ReportWriter.ensureFolder(directory.appendingPathComponent("csv"))
        for (name, text) in RollupCSV.files(r) {
            try ReportWriter.atomicWrite(text, to: directory.appendingPathComponent("csv/\(name)"))
        }
        return names + ["csv/"]
    }

    static func summary(_ r: Rollups, stored: Int, missing: Int) -> String {
        let i = r.ingest
        let rejected = ReportRejection.Reason.allCases.compactMap { reason -> String? in
            let n = i.rejected[reason, default: 0]
            return n > 0 ? "\(n) \(reason.rawValue)" : nil
        }
        return
            "read \(i.files) report file\(i.files == 1 ? "" : "s"): \(i.added) added, \(i.alreadyStored) already stored, \(i.duplicates) duplicate\(i.duplicates == 1 ? "" : "s"), "
            + "\(i.rejectedTotal) rejected\(rejected.isEmpty ? "" : " (\(rejected.joined(separator: ", ")))")"
            + "\(missing > 0 ? ", \(missing) missing path\(missing == 1 ? "" : "s")" : ""); "
            + "aggregated \(stored) report\(stored == 1 ? "" : "s") of \(r.total.venues) venue\(r.total.venues == 1 ? "" : "s"): "
            + "\(r.total.nonCompliant) non-compliant, \(r.total.incomplete) incomplete, \(r.total.compliant) compliant; "
            + "\(r.repeatOffences.count) repeat offences, \(r.fixed.count) fixed"
    }

    /// The process's peak resident memory (`VmHWM` in /proc/self/status), in KiB.
    static func peakMemoryKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }
}
