import AuditBasics
import AuditResults
import ReportFormat

/// Writes the canonical report, format version 2: namespaced XML, valid against
/// `schemas/venue-audit-report-2.xsd` (embedded as `ReportSchema.xsd`).
///
/// Each rule the report needs to explain appears once, under `<rules>`, with its titles,
/// expectation, citations and remediation in both languages; the instruments those citations
/// name appear once, under `<instruments>`. A finding refers to its rule and carries only what
/// is its own: state, target, location, message, evidence, waiver. Passed and not-applicable
/// findings are one empty element each (`<pass/>`, `<not-applicable/>`), naming rule, severity,
/// scope and target. The summary comes before the findings, and a finding's rule, state and
/// severity are on its start tag, so `aggregate` streams reports as before. Findings keep the
/// engine's order. The last element is the report's own SHA-256 (`ReportDigest`).
///
/// The XML goes straight into a byte buffer (`XMLBytes`), escaped by construction.
public struct XMLReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "xml"
    public static let fileExtension = "xml"
    public static let summary = "canonical XML report (format version 2), valid against the published XSD"

    /// The namespace of format version 2 (`ReportSchema.namespace`).
    public static let namespace = ReportSchema.namespace

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String {
        String(decoding: renderBytes(result), as: UTF8.self)
    }

    /// The report as UTF-8 bytes, sealed with its digest.
    public func renderBytes(_ result: AuditResult) -> [UInt8] {
        var w = XMLBytes(capacity: 4096 + result.findings.count * 160)
        w.start("report")
        w.attribute("xmlns", Self.namespace)
        w.append(#" version="2""#)
        w.attribute("tool-version", context.toolVersion)
        w.attribute("generated-at", context.generatedAtISO)
        w.attribute("language", context.language.rawValue)
        w.open()
        let inputPath = result.input.path
        writeHeader(result, to: &w)
        writeSummary(result, to: &w)
        let explained = Explained(result.findings)
        writeInstruments(explained, to: &w)
        writeRules(explained, jurisdiction: result.venue.jurisdiction, to: &w)
        w.start("findings")
        w.open()
        let problems = ReportFormatting.sharedProblemNumbers(result.findings)
        for (finding, problem) in zip(result.findings, problems) {
            write(finding, problem: problem, explained: explained, inputPath: inputPath, to: &w)
        }
        w.end("findings")
        writeObservations(result.observations, inputPath: inputPath, to: &w)
        writeDiagnostics(result.diagnostics, inputPath: inputPath, to: &w)
        w.start("digest")
        w.attribute("algorithm", ReportDigest.algorithm)
        w.text(ReportDigest.placeholder, end: "digest")
        w.end("report")
        var bytes = w.bytes
        ReportDigest.seal(bytes: &bytes)
        return bytes
    }

    // MARK: - Private

    /// Whether a finding is written in full (with its rule under `<rules>`) or as one element.
    private static func isDetailed(_ f: Finding) -> Bool { f.state != .pass && f.state != .notApplicable }

    /// The rules and instruments a report explains: those of its detailed findings, in order of
    /// first appearance, each rule with the texts of its first detailed finding.
    private struct Explained {
        /// What the report says about a rule once: its shared facts and the expectation of its
        /// first detailed finding (a later finding repeats its own only when it differs).
        struct Rule {
            let facts: RuleFacts
            let expects: LocalizedText?

            /// The position of citation `key` in the rule's list (1-based), for a narrowed finding.
            func citationNumber(_ key: String) -> Int? {
                facts.citations.firstIndex { $0.key == key }.map { $0 + 1 }
            }
        }
        var rules: [(id: String, rule: Rule)] = []
        var ruleByID: [String: Rule] = [:]
        /// Instrument key → the first citation that named it (its name, URL and force).
        var instruments: [(key: String, citation: Citation)] = []
        var instrumentByKey: [String: Citation] = [:]

        init(_ findings: [Finding]) {
            // By position: iterating the findings would copy each one.
            for i in findings.indices where XMLReporter.isDetailed(findings[i]) && ruleByID[findings[i].ruleID] == nil {
                let facts = findings[i].rule
                let rule = Rule(facts: facts, expects: findings[i].expects)
                rules.append((facts.ruleID, rule))
                ruleByID[facts.ruleID] = rule
                for c in facts.citations {
                    let key = Self.instrumentKey(c)
                    if instrumentByKey[key] == nil {
                        instrumentByKey[key] = c
                        instruments.append((key, c))
                    }
                }
            }
        }

        /// `cn-pipl` of `cn-pipl#art-19`.
        static func instrumentKey(_ c: Citation) -> String {
            if let hash = c.key.utf8.firstIndex(of: UInt8(ascii: "#")) { return String(c.key[..<hash]) }
            return c.key
        }
    }

    private func writeHeader(_ result: AuditResult, to w: inout XMLBytes) {
        w.start("input")
        w.attribute("path", result.input.path)
        w.attribute("sha256", result.input.sha256)
        w.attribute("document-index", result.input.documentIndex)
        w.attribute("personal-data-found", result.personalDataFoundInInput)
        w.close()
        w.start("profile")
        w.attribute("id", result.profile.id)
        w.attribute("version", result.profile.version)
        w.attribute("as-of", result.asOf.description)
        w.close()
        w.start("packs")
        w.open()
        for pack in result.packs {
            w.start("pack")
            w.attribute("id", pack.id)
            w.attribute("version", pack.version)
            w.close()
        }
        w.end("packs")
        let venue = result.venue
        w.start("venue")
        w.attribute("id", venue.id)
        w.attribute("type", venue.type)
        w.attribute("jurisdiction", venue.jurisdiction)
        if venue.name == nil && venue.district == nil && venue.operatorName == nil {
            w.close()
        } else {
            w.open()
            w.element("name", venue.name)
            w.element("district", venue.district)
            w.element("operator", venue.operatorName)
            w.end("venue")
        }
        let assessment = result.assessment
        w.start("assessment")
        w.attribute("kind", assessment.kind)
        w.attribute("date", assessment.date?.description)
        if assessment.assessor == nil && assessment.organization == nil {
            w.close()
        } else {
            w.open()
            w.element("assessor", assessment.assessor)
            w.element("organization", assessment.organization)
            w.end("assessment")
        }
    }

    private func writeSummary(_ result: AuditResult, to w: inout XMLBytes) {
        let states = result.countsByState
        let failing = result.failuresBySeverity
        w.start("summary")
        w.attribute("verdict", result.verdict.rawValue)
        w.attribute("fail-threshold", result.failThreshold.rawValue)
        w.attribute("findings", result.findings.count)
        w.open()
        w.start("states")
        w.attribute("pass", states[.pass] ?? 0)
        w.attribute("fail", states[.fail] ?? 0)
        w.attribute("unknown", states[.unknown] ?? 0)
        w.attribute("not_applicable", states[.notApplicable] ?? 0)
        w.attribute("waived", states[.waived] ?? 0)
        w.attribute("error", states[.error] ?? 0)
        w.close()
        w.start("failing")
        w.attribute("critical", failing[.critical] ?? 0)
        w.attribute("high", failing[.high] ?? 0)
        w.attribute("medium", failing[.medium] ?? 0)
        w.attribute("low", failing[.low] ?? 0)
        w.attribute("info", failing[.info] ?? 0)
        w.close()
        w.end("summary")
    }

    private func writeInstruments(_ explained: Explained, to w: inout XMLBytes) {
        w.start("instruments")
        guard !explained.instruments.isEmpty else { return w.close() }
        w.open()
        for (key, c) in explained.instruments {
            w.start("instrument")
            w.attribute("key", key)
            w.attribute("url", c.url)
            w.attribute("force", c.force?.rawValue)
            w.open()
            w.bilingual("name", en: c.instrument.en, zh: c.instrument.zh)
            w.end("instrument")
        }
        w.end("instruments")
    }

    private func writeRules(_ explained: Explained, jurisdiction: String?, to w: inout XMLBytes) {
        w.start("rules")
        guard !explained.rules.isEmpty else { return w.close() }
        w.open()
        for (id, rule) in explained.rules {
            let f = rule.facts
            w.start("rule")
            w.attribute("id", id)
            w.attribute("pack", f.packID)
            w.attribute("severity", f.severity.rawValue)
            w.attribute("scope", f.scope)
            w.attribute("practice", f.isPractice)
            w.attribute("force", f.force.rawValue)
            w.attribute("binding", f.force.binds)
            w.attribute("help", context.ruleDocURL(id))
            w.open()
            w.bilingual("title", en: f.title.en, zh: f.title.zh)
            if let expects = rule.expects { w.bilingual("expects", en: expects.en, zh: expects.zh) }
            if !f.citations.isEmpty {
                w.start("citations")
                w.open()
                for c in f.citations { write(c, explained: explained, jurisdiction: jurisdiction, to: &w) }
                w.end("citations")
            }
            w.bilingual("remediation", en: f.remediation.en, zh: f.remediation.zh)
            w.end("rule")
        }
        w.end("rules")
    }

    /// A citation under its rule; URL, force and name only where they differ from its instrument's.
    private func write(_ c: Citation, explained: Explained, jurisdiction: String?, to w: inout XMLBytes) {
        let instrument = explained.instrumentByKey[Explained.instrumentKey(c)]
        w.start("citation")
        w.attribute("key", c.key)
        w.attribute("provision", c.provision)
        if c.url != instrument?.url { w.attribute("url", c.url) }
        if c.force != instrument?.force { w.attribute("force", c.force?.rawValue) }
        w.attribute("binds-venue", c.binds(venueJurisdiction: jurisdiction))
        w.attribute("effective-from", c.effectiveFrom?.description)
        w.attribute("effective-to", c.effectiveTo?.description)
        if c.instrument == instrument?.instrument {
            w.close()
        } else {
            w.open()
            w.bilingual("name", en: c.instrument.en, zh: c.instrument.zh)
            w.end("citation")
        }
    }

    private func write(_ f: Finding, problem: Int?, explained: Explained, inputPath: String, to w: inout XMLBytes) {
        guard Self.isDetailed(f), let rule = explained.ruleByID[f.ruleID] else {
            let name: StaticString = f.state == .pass ? "pass" : "not-applicable"
            w.start(name)
            w.attribute("rule", f.ruleID)
            w.attribute("severity", f.severity.rawValue)
            w.attribute("scope", f.scope)
            w.attribute("target", f.targetID)
            w.close()
            return
        }
        w.start("finding")
        w.attribute("rule", f.ruleID)
        w.attribute("state", f.state.rawValue)
        w.attribute("severity", f.severity.rawValue)
        w.attribute("target", f.targetID)
        w.attribute("problem", problem.map(String.init))
        location(f.location, inputPath: inputPath, to: &w)
        if let narrowed = f.citationsInForce {
            let numbers = narrowed.compactMap { rule.citationNumber($0.key) }.map(String.init)
            w.attribute("cites", numbers.joined(separator: " "))
        }
        w.open()
        w.element("source-line", f.sourceLine)
        w.bilingual("message", en: f.message.en, zh: f.message.zh)
        if let expects = f.expects, expects != rule.expects {
            w.bilingual("expects", en: expects.en, zh: expects.zh)
        }
        for item in f.evidence {
            w.start("evidence")
            w.attribute("name", item.name)
            location(item.location, inputPath: inputPath, to: &w)
            w.text(item.value, end: "evidence")
        }
        if let waiver = f.waiver {
            w.start("waiver")
            w.attribute("active", waiver.active)
            w.attribute("expires", waiver.expires.description)
            location(waiver.location, inputPath: inputPath, to: &w)
            w.open()
            w.element("reason", waiver.reason)
            w.element("approved-by", waiver.approvedBy)
            w.end("waiver")
        }
        w.end("finding")
    }

    private func writeObservations(_ observations: [ObservationInfo], inputPath: String, to w: inout XMLBytes) {
        w.start("observations")
        guard !observations.isEmpty else { return w.close() }
        w.open()
        for o in observations {
            w.start("observation")
            w.attribute("kind", o.kind)
            w.attribute("at", o.at)
            location(o.location, inputPath: inputPath, to: &w)
            if o.note == nil && o.evidence.isEmpty {
                w.close()
                continue
            }
            w.open()
            w.element("note", o.note)
            for e in o.evidence { w.element("evidence", e) }
            w.end("observation")
        }
        w.end("observations")
    }

    private func writeDiagnostics(_ diagnostics: [Diagnostic], inputPath: String, to w: inout XMLBytes) {
        w.start("diagnostics")
        guard !diagnostics.isEmpty else { return w.close() }
        w.open()
        for d in diagnostics {
            w.start("diagnostic")
            w.attribute("severity", d.severity.rawValue)
            w.attribute("code", d.code)
            location(d.location, inputPath: inputPath, to: &w)
            w.open()
            w.element("message", d.message)
            for note in d.notes { w.element("note", note) }
            w.end("diagnostic")
        }
        w.end("diagnostics")
    }

    /// `file line column` attributes; the file only when it is not the audited input.
    private func location(_ l: FileLocation?, inputPath: String, to w: inout XMLBytes) {
        guard let l else { return }
        if l.file != inputPath { w.attribute("file", l.file) }
        w.attribute("line", l.line)
        w.attribute("column", l.column)
    }
}
