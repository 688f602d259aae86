import Aggregation
import AuditBasics
import AuditEngine
import AuditResults
import Foundation
import ReportFormat
import Reporters
import VenueModel

/// What the service does, without HTTP: the same reader, engine, reporters, report reader and
/// store the command line uses. Every route is a thin wrapper over one of these methods, so
/// the service adds no rule logic and cannot drift from `audit` and `aggregate`.
public final class ServiceBackend: @unchecked Sendable {
    public typealias Store = ReportStore & AccessTokenStore

    let engine: AuditEngine
    let venueReader = VenueFileReader()
    let reportReader: ReportReader
    let toolVersion: String
    /// Rule titles from the catalogue, for the dashboard (the catalogue's word over a report's).
    let catalogTitles: [String: LocalizedText]
    /// The store is one SQLite connection (or another single-writer store): every use goes
    /// through this lock. Audits never touch it and run in parallel.
    private let store: any Store
    private let storeLock = NSLock()

    public init(
        engine: AuditEngine, reportReader: ReportReader, store: any Store, toolVersion: String, catalogTitles: [String: LocalizedText]
    ) {
        self.engine = engine
        self.reportReader = reportReader
        self.store = store
        self.toolVersion = toolVersion
        self.catalogTitles = catalogTitles
    }

    func withStore<T>(_ body: (any Store) throws -> T) throws -> T {
        storeLock.lock()
        defer { storeLock.unlock() }
        return try body(store)
    }

    // MARK: Audit

    /// The outcome of auditing one submitted description.
    enum AuditOutcome {
        case audited(AuditResult)
        /// Input errors, each with the (masked) line it points at.
        case invalid([ShownDiagnostic])
    }

    /// A diagnostic as the service shows it: its text (masked, as on the command line) and the
    /// source line it points at, masked too, with the column for a caret.
    struct ShownDiagnostic: Sendable {
        var diagnostic: Diagnostic
        var sourceLine: String?

        var text: String { diagnostic.description }
    }

    /// Reads and audits `bytes` as the venue description named `name`. One description per
    /// request: a file of several documents is refused, as is any input error.
    func audit(bytes: [UInt8], name: String) -> AuditOutcome {
        var results: [AuditResult] = []
        var shown: [ShownDiagnostic] = []
        var documents = 0
        let (source, error) = venueReader.read(bytes: bytes, path: name) { venue, source in
            documents += 1
            guard documents == 1 else { return }
            guard venue.isValid else {
                shown += venue.diagnostics.filter { $0.severity == .error }.map { Self.show($0, source) }
                return
            }
            do throws(AuditEngine.Refusal) {
                results.append(
                    try engine.audit(
                        venue, source: source,
                        input: InputInfo(path: name, sha256: ReportDigest.sha256Hex(of: bytes), documentIndex: venue.documentIndex)))
            } catch {
                shown.append(Self.show(error.diagnostic, source))
            }
        }
        if let error { shown.append(Self.show(error, source)) }
        if documents > 1 {
            let at = FileLocation(file: name, line: 1, column: 1)
            shown.append(
                ShownDiagnostic(
                    diagnostic: .error("several-documents", "send one venue description per request; this input has \(documents)", at: at),
                    sourceLine: nil))
        }
        if !shown.isEmpty || results.isEmpty { return .invalid(shown) }
        return .audited(results[0])
    }

    static func show(_ d: Diagnostic, _ source: SourceText) -> ShownDiagnostic {
        let line = d.location.flatMap { source.line($0.line) }.map { PersonalDataMasker.mask($0).text }
        return ShownDiagnostic(diagnostic: d, sourceLine: line)
    }

    /// Renders `result` in `format` with personal data masked, as every report the tool writes.
    func render(_ result: AuditResult, format: any Reporter.Type, language: Language, rulesDocsBase: String) throws -> String {
        let context = ReportContext(toolVersion: toolVersion, generatedAt: Date(), language: language, rulesDocsBase: rulesDocsBase)
        return try format.init(context: context).render(result.maskingPersonalData())
    }

    // MARK: Reports and rollups

    enum SubmitOutcome {
        case added(digest: String)
        /// Already stored: the same report, or another report of the same assessment.
        case duplicate(digest: String)
        case rejected(ReportRejection)
    }

    /// Checks an inspector's report exactly as `aggregate` does (schema, digest, signature when
    /// the reader has a trust file) and stores it.
    func submit(report bytes: [UInt8], name: String) throws -> SubmitOutcome {
        switch reportReader.read(bytes: bytes, path: name) {
        case .failure(let rejection):
            return .rejected(rejection)
        case .success(let summary):
            return try withStore { store in
                let added = try store.insert([summary])
                return added.first == true ? .added(digest: summary.digest) : .duplicate(digest: summary.digest)
            }
        }
    }

    /// The rollups of every stored report, computed from the store.
    func rollups() throws -> (Rollups, stored: Int) {
        try withStore { store in
            var builder = RollupBuilder()
            try store.forEachChronologically { builder.add($0) }
            let titles = try store.ruleTitles().merging(catalogTitles) { _, catalogue in catalogue }
            return (builder.finish(ruleTitles: titles, ingest: IngestCounts()), try store.count())
        }
    }

    /// The holder of the token `secret`, if it is active.
    func holder(of secret: String) -> AccessTokenRecord? {
        guard AccessToken.isWellFormed(secret) else { return nil }
        return try? withStore { try $0.activeToken(hash: AccessToken.hash(secret)) }
    }
}
