import AuditBasics
import AuditResults
import ReportFormat

/// Writes JUnit XML for CI test views: one `<testsuite>` per venue, one `<testcase>` per rule
/// and target.
///
/// | State | Test case |
/// | --- | --- |
/// | pass | passed (no child) |
/// | fail | `<failure type="<severity>">`, whatever the threshold |
/// | error | `<error type="evaluation">`: the rule could not be evaluated |
/// | unknown | `<skipped message="unknown: …">`: not decidable from the evidence |
/// | waived | `<skipped message="waived: …">` with the waiver's reason, approver and expiry |
/// | not_applicable | `<skipped message="not applicable: …">` |
///
/// Unknown is skipped rather than an error so a CI view's red means a rule was broken or could
/// not run; the verdict `incomplete` is a suite property. `classname` is the pack id, `name` is
/// `RULE-ID[target]`, and `file`/`line` point at the deciding node.
public struct JUnitReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "junit"
    public static let fileExtension = "junit.xml"
    public static let summary = "JUnit XML for CI test views"

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String {
        let states = result.countsByState
        let counts: [(String, String?)] = [
            ("tests", String(result.findings.count)),
            ("failures", String(states[.fail] ?? 0)),
            ("errors", String(states[.error] ?? 0)),
            ("skipped", String((states[.unknown] ?? 0) + (states[.waived] ?? 0) + (states[.notApplicable] ?? 0))),
            ("time", "0"),
        ]
        let w = try XMLWriter()
        try w.startDocument()
        try w.element("testsuites", attributes: [("name", "venue-audit")] + counts) {
            let suiteName = result.venue.name.map { "\(result.venue.id) \($0)" } ?? result.venue.id
            try w.element(
                "testsuite",
                attributes: [("name", suiteName)] + counts + [
                    ("timestamp", context.generatedAtISO), ("id", "0"), ("package", result.profile.id),
                ]
            ) {
                try writeProperties(result, to: w)
                for f in result.findings { try write(f, jurisdiction: result.venue.jurisdiction, to: w) }
            }
        }
        try w.endDocument()
        return try w.contents()
    }

    // MARK: - Private

    private func writeProperties(_ result: AuditResult, to w: XMLWriter) throws {
        var properties: [(String, String)] = [
            ("venue.id", result.venue.id),
            ("verdict", result.verdict.rawValue),
            ("fail_threshold", result.failThreshold.rawValue),
            ("profile", "\(result.profile.id) \(result.profile.version)"),
            ("as_of", result.asOf.description),
            ("input.path", result.input.path),
            ("input.sha256", result.input.sha256),
            ("personal_data_found", String(result.personalDataFoundInInput)),
            ("tool_version", context.toolVersion),
        ]
        properties += result.packs.map { ("pack.\($0.id)", $0.version) }
        try w.element("properties") {
            for (name, value) in properties {
                try w.emptyElement("property", attributes: [("name", name), ("value", value)])
            }
        }
    }

    private func write(_ f: Finding, jurisdiction: String?, to w: XMLWriter) throws {
        let lang = context.language
        var attributes: [(String, String?)] = [
            ("name", f.targetID.map { "\(f.ruleID)[\($0)]" } ?? f.ruleID),
            ("classname", f.packID),
            ("time", "0"),
        ]
        if let l = f.location { attributes += [("file", l.file), ("line", String(l.line))] }
        try w.element("testcase", attributes: attributes) {
            let message = f.message[lang]
            switch f.state {
            case .pass:
                break
            case .fail:
                try w.element(
                    "failure", details(f, jurisdiction: jurisdiction), attributes: [("message", message), ("type", f.severity.rawValue)])
            case .error:
                try w.element("error", details(f, jurisdiction: jurisdiction), attributes: [("message", message), ("type", "evaluation")])
            case .unknown:
                try w.element("skipped", details(f, jurisdiction: jurisdiction), attributes: [("message", "unknown: \(message)")])
            case .waived:
                let waiver = f.waiver.map { "waived until \($0.expires) by \($0.approvedBy): \($0.reason)" } ?? "waived"
                try w.element("skipped", details(f, jurisdiction: jurisdiction), attributes: [("message", waiver)])
            case .notApplicable:
                try w.emptyElement("skipped", attributes: [("message", "not applicable: \(message)")])
            }
        }
    }

    /// The body of a failure: where, what, what was expected, the evidence, what to do.
    private func details(_ f: Finding, jurisdiction: String?) -> String {
        let lang = context.language
        var lines: [String] = []
        if let l = f.location {
            lines.append("\(l): [\(f.ruleID)] \(f.title[lang])")
        } else {
            lines.append("[\(f.ruleID)] \(f.title[lang])")
        }
        if let source = f.sourceLine { lines.append("    \(source)") }
        lines.append(f.message[lang])
        if let expected = f.expects ?? f.expected { lines.append("expected: \(expected[lang])") }
        for e in f.evidence { lines.append("evidence: \(e.name) = \(e.value)") }
        lines.append("force: \(f.force.label[lang])")
        // The legal basis (instruments that bind the venue) apart from guidance.
        for c in f.citations {
            let kind = c.binds(venueJurisdiction: jurisdiction) ? "cites" : "guidance"
            lines.append("\(kind): \(c.instrument[lang]), \(c.provisionText(in: lang))")
        }
        lines.append("remediation: \(f.remediation[lang])")
        lines.append("help: \(context.ruleDocURL(f.ruleID))")
        return lines.joined(separator: "\n")
    }
}
