import AuditBasics
import AuditResults
import CLibXML2
import Foundation
import Reporters

/// Reads one canonical XML report into a `ReportSummary`, after checking that it is
/// well-formed, valid against the report XSD and untouched since it was written (its digest).
///
/// The report is validated by libxml2's streaming validator and read with `xmlTextReader`, one
/// node at a time; only the summary is kept. Sendable: the compiled schema is shared read-only
/// and every call makes its own parser.
public struct ReportReader: Sendable {
    private let validator: XMLSchemaValidator

    /// Compiles the report schema once.
    public init() throws {
        validator = try XMLSchemaValidator.reportSchema()
    }

    /// Reads and checks the report at `path`.
    public func read(file path: String) -> Result<ReportSummary, ReportRejection> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ReportRejection(.unreadable, path: path, "cannot read the file"))
        }
        return read(bytes: [UInt8](data), path: path, diagnostics: validator.validate(file: path))
    }

    /// Reads and checks a report held in memory; `path` names it in diagnostics.
    public func read(bytes: [UInt8], path: String) -> Result<ReportSummary, ReportRejection> {
        read(bytes: bytes, path: path, diagnostics: validator.validate(xml: String(decoding: bytes, as: UTF8.self), name: path))
    }

    // MARK: - Private

    private func read(bytes: [UInt8], path: String, diagnostics: [XMLDiagnostic]) -> Result<ReportSummary, ReportRejection> {
        if let rejection = Self.classify(diagnostics, bytes: bytes, path: path) { return .failure(rejection) }
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
        do {
            var summary = try SummaryParser.parse(bytes: bytes, path: path)
            summary.digest = digest
            return .success(summary)
        } catch {
            return .failure(ReportRejection(.malformed, path: path, diagnostics: error.diagnostics))
        }
    }

    /// The rejection the validator's diagnostics amount to, or nil when the report is valid.
    static func classify(_ diagnostics: [XMLDiagnostic], bytes: [UInt8], path: String) -> ReportRejection? {
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
        default: summary = "the report is not valid against venue-audit-report-1.xsd"
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

/// Problems found while streaming a report that had already passed validation (rare: only a
/// libxml2 failure gets here).
struct SummaryParseError: Error {
    var diagnostics: [Diagnostic]
}

/// The `xmlTextReader` loop that picks the summary out of a report.
enum SummaryParser {
    static func parse(bytes: [UInt8], path: String) throws(SummaryParseError) -> ReportSummary {
        LibXML.ensureInitialised()
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)
        var state = State(path: path)
        let ok: Bool = bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { c in
                guard let r = xmlReaderForMemory(c.baseAddress, Int32(c.count), path, nil, options) else { return false }
                defer { xmlFreeTextReader(r) }
                return state.run(r)
            }
        }
        guard ok, let summary = state.summary() else {
            let location = FileLocation(file: path, line: 1, column: 1)
            throw SummaryParseError(diagnostics: [.error("report-malformed", "the report could not be read", at: location)])
        }
        return summary
    }

    private struct State {
        let path: String
        var generatedAt = ""
        var venueID: String?
        var venueName: String?
        var venueType: String?
        var jurisdiction: String?
        var district: String?
        var kind: String?
        var date: CivilDate?
        var profile = ""
        var verdict: Verdict?
        var findings: [FindingSummary] = []
        var titles: [String: LocalizedText] = [:]
        var inVenue = false
        var currentRule: String?
        var titleEN: String?

        init(path: String) { self.path = path }

        mutating func run(_ r: OpaquePointer) -> Bool {
            let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
            let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
            while true {
                let rc = xmlTextReaderRead(r)
                guard rc == 1 else { return rc == 0 }
                let type = xmlTextReaderNodeType(r)
                let depth = xmlTextReaderDepth(r)
                if type == endElement {
                    if depth == 1 { inVenue = false }
                    continue
                }
                guard type == element, let namePointer = xmlTextReaderConstLocalName(r) else { continue }
                let name = String(cString: namePointer)
                switch (depth, name) {
                case (0, "report"): generatedAt = attribute(r, "generated-at") ?? ""
                case (1, "profile"): profile = attribute(r, "id") ?? ""
                case (1, "venue"):
                    venueID = attribute(r, "id")
                    venueType = attribute(r, "type")
                    jurisdiction = attribute(r, "jurisdiction")
                    inVenue = xmlTextReaderIsEmptyElement(r) == 0
                case (2, "name") where inVenue: venueName = text(r)
                case (2, "district") where inVenue: district = text(r)
                case (1, "assessment"):
                    kind = attribute(r, "kind")
                    date = attribute(r, "date").flatMap { CivilDate(iso: $0) }
                case (1, "summary"): verdict = attribute(r, "verdict").flatMap(Verdict.init(rawValue:))
                case (2, "finding"): finding(r)
                case (3, "title"): title(r)
                default: break
                }
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
            if titles[rule] == nil { currentRule = rule }
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

        func summary() -> ReportSummary? {
            guard let venueID, let verdict else { return nil }
            return ReportSummary(
                digest: "", path: path, generatedAt: generatedAt, venueID: venueID, venueName: venueName,
                venueType: venueType, jurisdiction: jurisdiction, district: district, kind: kind, date: date,
                profile: profile, verdict: verdict, findings: findings, ruleTitles: titles)
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
}
