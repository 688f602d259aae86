import AuditBasics
import AuditResults
import CLibXML2
import Foundation
import Glibc
import ReportFormat

/// Reads one canonical XML report into a `ReportSummary`, after checking that it is
/// well-formed, valid against the report XSD and untouched since it was written (its digest).
///
/// The file is read into memory once (the digest needs its bytes) and parsed once, from memory,
/// by libxml2's `xmlTextReader` with the schema's validation plugged into it; the summary is
/// picked out of the nodes as they pass and kept only if the whole document turned out valid.
/// Sendable: the compiled schema is shared read-only and every call makes its own reader.
public struct ReportReader: Sendable {
    /// The schemas of format versions 2 and 1; a report is validated against the one its
    /// namespace names.
    private let validator: XMLSchemaValidator
    private let validator1: XMLSchemaValidator
    /// The version of the tool reading; a report written by a newer one is refused, since its
    /// meaning may have changed. Nil accepts any version.
    public var toolVersion: String?
    /// The time the reader treats as now: a report dated after it is refused.
    public var now: Date {
        didSet { today = Self.day(of: now) }
    }
    /// `now` as a calendar day (UTC), worked out once rather than per report.
    private var today: CivilDate
    /// Checks each report's signature (`--trust`); a signed report whose signature is refused
    /// is rejected with the reason, a valid one names its signer in the summary. Nil: signatures
    /// are not looked at.
    public var signatures: (any ReportSignatureChecking)?
    /// Rejects an unsigned report (`--require-signature`); needs `signatures`.
    public var requireSignature = false

    /// Compiles the report schema once.
    public init(toolVersion: String? = nil, now: Date = Date()) throws {
        validator = try XMLSchemaValidator.reportSchema(version: 2)
        validator1 = try XMLSchemaValidator.reportSchema(version: 1)
        self.toolVersion = toolVersion
        self.now = now
        self.today = Self.day(of: now)
    }

    /// Bytes of one report file read at most: twice the largest report the tool writes.
    public static let maxReportBytes = 64 << 20

    /// The rejection of a file too large to be a report, found before anything is read.
    static func tooLarge(_ path: String) -> ReportRejection? {
        tooLargeMessage(path).map { ReportRejection(.unreadable, path: path, $0) }
    }

    /// Why the file at `path` is too large to be read as a report, if it is.
    public static func tooLargeMessage(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) > maxReportBytes else { return nil }
        return "the file is \(info.st_size) bytes; a report is at most \(maxReportBytes) (64 MiB), so it is not read"
    }

    /// Reads and checks the report at `path`.
    public func read(file path: String) -> Result<ReportSummary, ReportRejection> {
        if let rejection = Self.tooLarge(path) { return .failure(rejection) }
        guard let bytes = Self.contents(of: path) else { return .failure(Self.unreadable(path)) }
        return read(bytes: bytes, path: path)
    }

    /// The rejection of a file that could not be read.
    static func unreadable(_ path: String) -> ReportRejection {
        ReportRejection(.unreadable, path: path, "cannot read the file")
    }

    /// Reads and checks a report held in memory; `path` names it in diagnostics.
    /// - Parameter knownTitles: rules whose titles the caller already has; the summary's
    ///   `ruleTitles` leaves them out, which spares reading the same titles in every report.
    public func read(bytes: [UInt8], path: String, knownTitles: Set<String> = []) -> Result<ReportSummary, ReportRejection> {
        var state = SummaryParser(path: path, knownTitles: knownTitles)
        var version = 2
        let diagnostics = bytes.withUnsafeBytes { raw in
            version = ReportSchema.version(of: raw)
            return (version == 1 ? validator1 : validator).read(bytes: raw, name: path) { state.visit($0) }
        }
        // Validity first: a document is only known to be valid once its last node was read,
        // so nothing gathered on the way counts unless every node passed.
        if let rejection = Self.classify(diagnostics, bytes: bytes, path: path, version: version) {
            return .failure(rejection)
        }
        let digest: String
        switch ReportDigest.check(bytes) {
        case .valid(let d): digest = d
        case .missing:
            return .failure(ReportRejection(.tampered, path: path, "the report has no digest of its content"))
        case .mismatch(let claimed, let actual):
            return .failure(
                ReportRejection(
                    .tampered, path: path,
                    "the report's content does not match its digest (claims \(claimed.prefix(12))…, content hashes to \(actual.prefix(12))…): it was changed after it was written",
                    line: Self.lineCount(bytes)))
        }
        guard var summary = state.summary() else {
            // Valid reports always carry a venue and a verdict; only a libxml2 failure gets here.
            return .failure(ReportRejection(.malformed, path: path, "the report could not be read"))
        }
        if let problem = believable(state, summary) { return .failure(ReportRejection(problem.0, path: path, problem.1)) }
        if let signatures {
            switch signatures.check(bytes) {
            case .valid(let signer): summary.signer = signer
            case .unsigned:
                if requireSignature {
                    return .failure(ReportRejection(.unsigned, path: path, "the report is not signed, and a signature is required"))
                }
            case .rejected(let problem, let detail):
                return .failure(ReportRejection(ReportRejection.Reason(problem), path: path, detail, line: Self.lineCount(bytes)))
            }
        }
        summary.digest = digest
        return .success(summary)
    }

    /// Why a valid, untouched report is still not believed, if it is not: a digest only shows
    /// the report is as written, and anyone can write one.
    private func believable(_ parsed: SummaryParser, _ summary: ReportSummary) -> (ReportRejection.Reason, String)? {
        if parsed.formatVersion != "1" && parsed.formatVersion != "2" {
            return (.implausible, "report format version '\(parsed.formatVersion)' is not one this tool reads (1, 2)")
        }
        if let toolVersion, Self.isNewer(parsed.toolVersion, than: toolVersion) {
            return (
                .implausible,
                "written by venue-audit \(parsed.toolVersion), newer than this one (\(toolVersion)); aggregate with that version"
            )
        }
        if let date = summary.date, date > today {
            return (.implausible, "the assessment is dated \(date), after today (\(today))")
        }
        if let written = try? Date(parsed.generatedAtText, strategy: .iso8601), written > now.addingTimeInterval(86_400) {
            return (.implausible, "the report says it was written at \(parsed.generatedAtText), in the future")
        }
        let recomputed = parsed.recomputedVerdict
        if recomputed != summary.verdict {
            return (
                .inconsistent,
                "the report states the verdict \(summary.verdict.rawValue), but its own findings make it \(recomputed.rawValue) (fail threshold \(parsed.failThreshold.rawValue))"
            )
        }
        return nil
    }

    /// The UTC calendar day of `date`.
    private static func day(of date: Date) -> CivilDate {
        CivilDate(year: 1970, month: 1, day: 1)!.adding(days: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Whether dotted version `a` is later than `b`, comparing numbers (`0.10.0` > `0.9.1`);
    /// a pre-release (`0.1.0-test`) counts as its release.
    static func isNewer(_ a: String, than b: String) -> Bool {
        func numbers(_ v: String) -> [Int] {
            v.split(separator: "-", maxSplits: 1).first.map { $0.split(separator: ".").map { Int($0) ?? Int.max } } ?? []
        }
        let x = numbers(a)
        let y = numbers(b)
        for i in 0..<max(x.count, y.count) {
            let p = i < x.count ? x[i] : 0
            let q = i < y.count ? y[i] : 0
            if p != q { return p > q }
        }
        return false
    }

    /// The bytes of the file at `path`, read with one `open` and no more `read`s than needed;
    /// nil when it cannot be opened or read (a folder, a missing file, no permission).
    public static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        /// Reads into `buffer` until it is full or the file ends; the count read, or nil.
        func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
            var used = 0
            while used < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + used, buffer.count - used)
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                used += n
            }
            return used
        }
        // The size is a hint; one byte more tells whether the file grew since `fstat`.
        let expected = max(Int(info.st_size), 0) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            let n = fill(buffer)
            count = n ?? 0
            failed = n == nil
        }
        guard !failed else { return nil }
        if bytes.count == expected {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                guard let n = chunk.withUnsafeMutableBufferPointer({ fill($0) }) else { return nil }
                bytes += chunk[..<n]
                if n < chunk.count { break }
            }
        }
        return bytes
    }

    // MARK: - Private

    /// The rejection the validator's diagnostics amount to, or nil when the report is valid.
    static func classify(_ diagnostics: [XMLDiagnostic], bytes: [UInt8], path: String, version: Int = 2) -> ReportRejection? {
        let problems = diagnostics.filter { $0.level != .warning }
        guard let first = problems.first else { return nil }
        let located = problems.prefix(5).map { d -> Diagnostic in
            var copy = d
            copy.file = path
            return copy.diagnostic
        }
        let reason: ReportRejection.Reason
        if problems.contains(where: { $0.level == .fatal }) {
            reason = endsWithClosingReport(bytes) ? .malformed : .truncated
        } else {
            reason = .schemaInvalid
        }
        var out = located.map { d -> Diagnostic in
            var copy = d
            copy.code = reason.code
            return copy
        }
        let summary: String
        switch reason {
        case .truncated: summary = "the report stops before its end (no closing </report>); it was cut off while copied or written"
        case .malformed: summary = "the report is not well-formed XML"
        default: summary = "the report is not valid against venue-audit-report-\(version).xsd"
        }
        let at = FileLocation(file: path, line: max(first.line, 1), column: max(first.column, 1))
        out.insert(.error(reason.code, summary, at: at), at: 0)
        return ReportRejection(reason, path: path, diagnostics: out)
    }

    private static func endsWithClosingReport(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
        let closing = Array("</report>".utf8)
        return end >= closing.count && bytes[(end - closing.count)..<end].elementsEqual(closing)
    }

    private static func lineCount(_ bytes: [UInt8]) -> Int {
        var n = 1
        for b in bytes.dropLast() where b == 0x0A { n += 1 }
        return n
    }
}

/// Picks the summary out of a report's nodes as an `xmlTextReader` passes over them.
struct SummaryParser {
    let path: String
    private(set) var formatVersion = ""
    private(set) var toolVersion = ""
    private(set) var inputSHA256 = ""
    private(set) var documentIndex = ""
    private(set) var failThreshold = Severity.high
    private var generatedAt = ""
    private var venueID: String?
    private var venueName: String?
    private var venueType: String?
    private var jurisdiction: String?
    private var district: String?
    private var kind: String?
    private var date: CivilDate?
    private var profile = ""
    private var verdict: Verdict?
    /// Rules whose findings say binding="false".
    private var nonBinding: Set<String> = []
    private var findings: [FindingSummary] = []
    private var titles: [String: LocalizedText] = [:]
    private var inVenue = false
    private var currentRule: String?
    private var titleEN: String?

    /// Rules whose titles are not wanted.
    private let knownTitles: Set<String>

    init(path: String, knownTitles: Set<String> = []) {
        self.path = path
        self.knownTitles = knownTitles
    }

    /// Takes what the summary needs from the node the reader `r` is on.
    mutating func visit(_ r: OpaquePointer) {
        let type = xmlTextReaderNodeType(r)
        let depth = xmlTextReaderDepth(r)
        if type == Self.endElement {
            if depth == 1 { inVenue = false }
            return
        }
        // Only elements near the root matter; most nodes are deeper, or text, and are passed
        // over without looking at their names.
        guard type == Self.element, depth <= 3, let name = xmlTextReaderConstLocalName(r) else { return }
        switch depth {
        case 0:
            if Self.equal(name, "report") {
                generatedAt = attribute(r, "generated-at") ?? ""
                formatVersion = attribute(r, "version") ?? ""
                toolVersion = attribute(r, "tool-version") ?? ""
            }
        case 1:
            if Self.equal(name, "profile") {
                profile = attribute(r, "id") ?? ""
            } else if Self.equal(name, "venue") {
                venueID = attribute(r, "id")
                venueType = attribute(r, "type")
                jurisdiction = attribute(r, "jurisdiction")
                inVenue = xmlTextReaderIsEmptyElement(r) == 0
            } else if Self.equal(name, "assessment") {
                kind = attribute(r, "kind")
                date = attribute(r, "date").flatMap { CivilDate(iso: $0) }
            } else if Self.equal(name, "summary") {
                verdict = attribute(r, "verdict").flatMap(Verdict.init(rawValue:))
                failThreshold = attribute(r, "fail-threshold").flatMap(Severity.init(rawValue:)) ?? .high
            } else if Self.equal(name, "input") {
                inputSHA256 = attribute(r, "sha256") ?? ""
                documentIndex = attribute(r, "document-index") ?? "0"
            }
        case 2:
            if Self.equal(name, "finding") {
                finding(r)
            } else if Self.equal(name, "pass") {
                compact(r, .pass)
            } else if Self.equal(name, "not-applicable") {
                compact(r, .notApplicable)
            } else if Self.equal(name, "rule") {
                rule(r)
            } else if inVenue, Self.equal(name, "name") {
                venueName = text(r)
            } else if inVenue, Self.equal(name, "district") {
                district = text(r)
            }
        default:
            if currentRule != nil, Self.equal(name, "title") { title(r) }
        }
    }

    /// The summary gathered, when the report had a venue and a verdict; its digest is left empty.
    /// Texts from the report are masked again: a report from elsewhere may not have been.
    func summary() -> ReportSummary? {
        guard let venueID, let verdict else { return nil }
        func mask(_ text: String?) -> String? { text.map { PersonalDataMasker.mask($0).text } }
        var summary = ReportSummary(
            digest: "", path: path, generatedAt: generatedAt, venueID: PersonalDataMasker.mask(venueID).text,
            venueName: mask(venueName), venueType: venueType, jurisdiction: jurisdiction, district: mask(district), kind: kind,
            date: date, profile: profile, verdict: verdict,
            findings: findings.map { f in
                var f = f
                f.target = mask(f.target)
                return f
            }, ruleTitles: titles)
        summary.assessment = assessmentKey(venueID: venueID)
        return summary
    }

    /// What was assessed, not when the report was written: the input's SHA-256, the document's
    /// place in it, the venue and the assessment date. Two reports of one audit share it.
    func assessmentKey(venueID: String) -> String {
        ReportDigest.sha256Hex(of: Array("\(inputSHA256)\n\(documentIndex)\n\(venueID)\n\(date?.description ?? "")".utf8))
    }

    /// The verdict the findings give, as the engine decides it.
    var recomputedVerdict: Verdict {
        var incomplete = false
        for f in findings {
            switch f.state {
            case .fail where f.severity >= failThreshold && !nonBinding.contains(f.rule): return .nonCompliant
            case .unknown, .error: incomplete = true
            default: break
            }
        }
        return incomplete ? .incomplete : .compliant
    }

    var generatedAtText: String { generatedAt }

    // MARK: - Private

    private static let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    private static let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)

    /// Whether the NUL-terminated `name` is `expected`, without making a String of it.
    private static func equal(_ name: UnsafePointer<xmlChar>, _ expected: StaticString) -> Bool {
        expected.withUTF8Buffer { e in
            for (i, byte) in e.enumerated() where name[i] != byte { return false }
            return name[e.count] == 0
        }
    }

    private mutating func finding(_ r: OpaquePointer) {
        currentRule = nil
        titleEN = nil
        guard let rule = attribute(r, "rule"),
            let severity = attribute(r, "severity").flatMap(Severity.init(rawValue:)),
            let state = attribute(r, "state").flatMap(FindingState.init(rawValue:))
        else { return }
        findings.append(FindingSummary(rule: rule, target: attribute(r, "target"), severity: severity, state: state))
        // binding="false": the rule cannot make the venue non-compliant. Older reports lack the
        // attribute, and every rule counted when they were written.
        if attribute(r, "binding") == "false" { nonBinding.insert(rule) }
        if titles[rule] == nil && !knownTitles.contains(rule) { currentRule = rule }
    }

    /// A passed or not-applicable finding of format 2, whose state is its element's name.
    private mutating func compact(_ r: OpaquePointer, _ state: FindingState) {
        currentRule = nil
        guard let rule = attribute(r, "rule"), let severity = attribute(r, "severity").flatMap(Severity.init(rawValue:))
        else { return }
        findings.append(FindingSummary(rule: rule, target: attribute(r, "target"), severity: severity, state: state))
    }

    /// A rule of format 2: whether it binds, and its titles (its first children).
    private mutating func rule(_ r: OpaquePointer) {
        currentRule = nil
        titleEN = nil
        guard let rule = attribute(r, "id") else { return }
        if attribute(r, "binding") == "false" { nonBinding.insert(rule) }
        if titles[rule] == nil && !knownTitles.contains(rule) { currentRule = rule }
    }

    private mutating func title(_ r: OpaquePointer) {
        guard let rule = currentRule else { return }
        let value = text(r) ?? ""
        if attribute(r, "lang") == "zh" {
            titles[rule] = LocalizedText(en: titleEN ?? value, zh: value)
            currentRule = nil
        } else {
            titleEN = value
        }
    }

    private func attribute(_ r: OpaquePointer, _ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(r, name) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    private func text(_ r: OpaquePointer) -> String? {
        guard let value = xmlTextReaderReadString(r) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }
}
