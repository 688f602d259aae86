import AuditBasics
import AuditResults
import ReportFormat

/// Writes the result as JSON for scripts: the same content as the XML report, snake_case
/// names, keys sorted, every documented field always present (`null` when unknown).
///
/// The fields are documented in `docs/report-formats.md`. Findings keep the engine's order.
public struct JSONReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "json"
    public static let fileExtension = "json"
    public static let summary = "JSON for scripts, snake_case fields, sorted keys"

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String { document(result).rendered() }

    public func renderBytes(_ result: AuditResult) throws -> [UInt8] { document(result).renderedBytes() }

    private func document(_ result: AuditResult) -> JSONValue {
        let states = result.countsByState
        let failing = result.failuresBySeverity
        let headline = result.verdictHeadline
        let root: [String: JSONValue] = [
            "format": .string("venue-audit-report"),
            "format_version": .int(1),
            "tool_version": .string(context.toolVersion),
            "generated_at": .string(context.generatedAtISO),
            "language": .string(context.language.rawValue),
            "input": .object([
                "path": .string(result.input.path), "sha256": .string(result.input.sha256),
                "document_index": .int(result.input.documentIndex),
                "personal_data_found": .bool(result.personalDataFoundInInput),
            ]),
            "profile": .object(["id": .string(result.profile.id), "version": .string(result.profile.version)]),
            "as_of": .string(result.asOf.description),
            "packs": .array(result.packs.map { .object(["id": .string($0.id), "version": .string($0.version)]) }),
            "venue": .object([
                "id": .string(result.venue.id), "name": .optional(result.venue.name),
                "type": .optional(result.venue.type), "jurisdiction": .optional(result.venue.jurisdiction),
                "district": .optional(result.venue.district), "operator": .optional(result.venue.operatorName),
            ]),
            "assessment": .object([
                "kind": .optional(result.assessment.kind), "date": .optional(result.assessment.date?.description),
                "assessor": .optional(result.assessment.assessor),
                "organization": .optional(result.assessment.organization),
            ]),
            "summary": .object([
                "verdict": .string(result.verdict.rawValue),
                "verdict_text": .object(["en": .string(headline.en), "zh": .string(headline.zh)]),
                "failing_below_threshold": .int(result.failuresBelowThreshold),
                "fail_threshold": .string(result.failThreshold.rawValue),
                "total": .int(result.findings.count),
                "states": .object(
                    Dictionary(uniqueKeysWithValues: FindingState.allCases.map { ($0.rawValue, .int(states[$0] ?? 0)) })
                ),
                "failing_by_severity": .object(
                    Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, .int(failing[$0] ?? 0)) })
                ),
            ]),
            "findings": .array(
                zip(result.findings, ReportFormatting.sharedProblemNumbers(result.findings)).map {
                    finding($0, problem: $1, jurisdiction: result.venue.jurisdiction)
                }),
            "observations": .array(
                result.observations.map { o in
                    .object([
                        "kind": .string(o.kind), "at": .optional(o.at), "note": .optional(o.note),
                        "evidence": .array(o.evidence.map { .string($0) }), "location": location(o.location),
                    ])
                }
            ),
            "diagnostics": .array(
                result.diagnostics.map { d in
                    .object([
                        "severity": .string(d.severity.rawValue), "code": .string(d.code),
                        "message": .string(d.message),
                        "location": location(d.location), "notes": .array(d.notes.map { .string($0) }),
                    ])
                }
            ),
        ]
        return JSONValue.object(root)
    }

    // MARK: - Private

    private func finding(_ f: Finding, problem: Int?, jurisdiction: String?) -> JSONValue {
        .object([
            "rule_id": .string(f.ruleID),
            "pack_id": .string(f.packID),
            "title": text(f.title),
            "severity": .string(f.severity.rawValue),
            "state": .string(f.state.rawValue),
            "scope": .string(f.scope),
            "target_id": .optional(f.targetID),
            "practice": .bool(f.isPractice),
            "force": .string(f.force.rawValue),
            "force_text": text(f.force.label),
            "binding": .bool(f.bindsVenue),
            "help_uri": .string(context.ruleDocURL(f.ruleID)),
            "problem": problem.map { .int($0) } ?? .null,
            "location": location(f.location),
            "source_line": .optional(f.sourceLine),
            "message": text(f.message),
            "expected": f.expected.map(text) ?? .null,
            "expects": f.expects.map(text) ?? .null,
            "evidence": .array(
                f.evidence.map {
                    .object(["name": .string($0.name), "value": .string($0.value), "location": location($0.location)])
                }
            ),
            "citations": .array(
                f.citations.map {
                    .object([
                        "key": .string($0.key), "instrument": text($0.instrument), "provision": .string($0.provision),
                        "url": .optional($0.url), "force": .optional($0.force?.rawValue),
                        "binds_venue": .bool($0.binds(venueJurisdiction: jurisdiction)),
                        "effective_from": .optional($0.effectiveFrom?.description),
                        "effective_to": .optional($0.effectiveTo?.description),
                    ])
                }
            ),
            "remediation": text(f.remediation),
            "waiver": f.waiver.map { w in
                .object([
                    "reason": .string(w.reason), "approved_by": .string(w.approvedBy),
                    "expires": .string(w.expires.description), "active": .bool(w.active),
                    "location": location(w.location),
                ])
            } ?? .null,
        ])
    }

    private func text(_ t: LocalizedText) -> JSONValue { .object(["en": .string(t.en), "zh": .string(t.zh)]) }

    private func location(_ l: FileLocation?) -> JSONValue {
        guard let l else { return .null }
        return .object(["file": .string(l.file), "line": .int(l.line), "column": .int(l.column)])
    }
}
