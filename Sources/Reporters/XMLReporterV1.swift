import AuditBasics
import AuditResults
import ReportFormat

/// Writes a report in format version 1: namespaced XML, valid against
/// `schemas/venue-audit-report-1.xsd` (embedded as `ReportSchema.xsd1`), for tools that read
/// only that version (`--format xml-v1`). The canonical report is version 2 (`XMLReporter`).
///
/// Every finding, passes included, repeats its rule's texts and citations in both languages,
/// which is what made version 1 reports about a hundred times the size of their input.
/// Scalars are attributes and free text is element content, so the aggregator can stream many
/// reports with `xmlTextReader` and read a finding's rule, state and severity from its start
/// tag. Findings keep the engine's order. Every string passes through `LibXML.xml10Safe`. The
/// last element is the report's own SHA-256 (`ReportDigest`), so a changed report is detected.
public struct XMLReporterV1: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "xml-v1"
    public static let fileExtension = "v1.xml"
    public static let summary = "XML report in format version 1 (urn:venue-audit:report:1), for tools that read only that version"

    /// The namespace of format version 1 (`ReportSchema.namespace1`).
    public static let namespace = ReportSchema.namespace1

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String {
        let w = try XMLWriter()
        try w.startDocument()
        try w.element(
            "report",
            attributes: [
                ("xmlns", Self.namespace), ("version", "1"), ("tool-version", context.toolVersion),
                ("generated-at", context.generatedAtISO), ("language", context.language.rawValue),
            ]
        ) {
            try writeHeader(result, to: w)
            try writeSummary(result, to: w)
            try w.element("findings") {
                let problems = ReportFormatting.sharedProblemNumbers(result.findings)
                for (finding, problem) in zip(result.findings, problems) {
                    try write(finding, problem: problem, venueID: result.venue.id, jurisdiction: result.venue.jurisdiction, to: w)
                }
            }
            try writeObservations(result.observations, to: w)
            try writeDiagnostics(result.diagnostics, to: w)
            try w.element("digest", ReportDigest.placeholder, attributes: [("algorithm", ReportDigest.algorithm)])
        }
        try w.endDocument()
        return ReportDigest.seal(try w.contents())
    }

    // MARK: - Private

    private func writeHeader(_ result: AuditResult, to w: XMLWriter) throws {
        try w.emptyElement(
            "input",
            attributes: [
                ("path", result.input.path), ("sha256", result.input.sha256),
                ("document-index", String(result.input.documentIndex)),
                ("personal-data-found", String(result.personalDataFoundInInput)),
            ]
        )
        try w.emptyElement(
            "profile",
            attributes: [
                ("id", result.profile.id), ("version", result.profile.version), ("as-of", result.asOf.description),
            ]
        )
        try w.element("packs") {
            for pack in result.packs {
                try w.emptyElement("pack", attributes: [("id", pack.id), ("version", pack.version)])
            }
        }
        let venue = result.venue
        try w.element(
            "venue",
            attributes: [("id", venue.id), ("type", venue.type), ("jurisdiction", venue.jurisdiction)]
        ) {
            try w.element("name", venue.name)
            try w.element("district", venue.district)
            try w.element("operator", venue.operatorName)
        }
        let assessment = result.assessment
        try w.element(
            "assessment",
            attributes: [("kind", assessment.kind), ("date", assessment.date?.description)]
        ) {
            try w.element("assessor", assessment.assessor)
            try w.element("organization", assessment.organization)
        }
    }

    private func writeSummary(_ result: AuditResult, to w: XMLWriter) throws {
        let states = result.countsByState
        let failing = result.failuresBySeverity
        try w.element(
            "summary",
            attributes: [
                ("verdict", result.verdict.rawValue), ("fail-threshold", result.failThreshold.rawValue),
                ("findings", String(result.findings.count)),
            ]
        ) {
            try w.emptyElement(
                "states",
                attributes: FindingState.allCases.map { ($0.rawValue, String(states[$0] ?? 0)) }
            )
            try w.emptyElement(
                "failing",
                attributes: ReportFormatting.severityOrder.map { ($0.rawValue, String(failing[$0] ?? 0)) }
            )
        }
    }

    private func write(_ f: Finding, problem: Int?, venueID: String, jurisdiction: String?, to w: XMLWriter) throws {
        try w.element(
            "finding",
            attributes: [
                ("rule", f.ruleID), ("pack", f.packID), ("severity", f.severity.rawValue),
                ("state", f.state.rawValue), ("scope", f.scope), ("target", f.targetID),
                ("practice", String(f.isPractice)), ("force", f.force.rawValue), ("binding", String(f.bindsVenue)),
                ("help", context.ruleDocURL(f.ruleID)), ("problem", problem.map(String.init)),
            ]
        ) {
            try location(f.location, to: w)
            try w.element("source-line", f.sourceLine)
            try text("title", f.title, to: w)
            try text("message", f.message, to: w)
            if let expected = f.expected { try text("expected", expected, to: w) }
            if let expects = f.expects { try text("expects", expects, to: w) }
            if !f.evidence.isEmpty {
                try w.element("evidence") {
                    for item in f.evidence {
                        try w.element("item", attributes: [("name", item.name)]) {
                            try location(item.location, to: w)
                            try w.element("value", item.value)
                        }
                    }
                }
            }
            if !f.citations.isEmpty {
                try w.element("citations") {
                    for c in f.citations {
                        try w.element(
                            "citation",
                            attributes: [
                                ("key", c.key), ("provision", c.provision), ("url", c.url), ("force", c.force?.rawValue),
                                ("binds-venue", String(c.binds(venueJurisdiction: jurisdiction))),
                                ("effective-from", c.effectiveFrom?.description), ("effective-to", c.effectiveTo?.description),
                            ]
                        ) {
                            try text("instrument", c.instrument, to: w)
                        }
                    }
                }
            }
            try text("remediation", f.remediation, to: w)
            if let waiver = f.waiver {
                try w.element(
                    "waiver",
                    attributes: [("active", String(waiver.active)), ("expires", waiver.expires.description)]
                ) {
                    try location(waiver.location, to: w)
                    try w.element("reason", waiver.reason)
                    try w.element("approved-by", waiver.approvedBy)
                }
            }
        }
    }

    private func writeObservations(_ observations: [ObservationInfo], to w: XMLWriter) throws {
        try w.element("observations") {
            for o in observations {
                try w.element("observation", attributes: [("kind", o.kind), ("at", o.at)]) {
                    try location(o.location, to: w)
                    try w.element("note", o.note)
                    for e in o.evidence { try w.element("evidence", e) }
                }
            }
        }
    }

    private func writeDiagnostics(_ diagnostics: [Diagnostic], to w: XMLWriter) throws {
        try w.element("diagnostics") {
            for d in diagnostics {
                try w.element("diagnostic", attributes: [("severity", d.severity.rawValue), ("code", d.code)]) {
                    try location(d.location, to: w)
                    try w.element("message", d.message)
                    for note in d.notes { try w.element("note", note) }
                }
            }
        }
    }

    private func location(_ l: FileLocation?, to w: XMLWriter) throws {
        guard let l else { return }
        try w.emptyElement(
            "location",
            attributes: [("file", l.file), ("line", String(l.line)), ("column", String(l.column))]
        )
    }

    /// Both languages of a text, English first.
    private func text(_ name: String, _ t: LocalizedText, to w: XMLWriter) throws {
        try w.element(name, t.en, attributes: [("lang", "en")])
        try w.element(name, t.zh, attributes: [("lang", "zh")])
    }
}
