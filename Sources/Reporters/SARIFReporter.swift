import AuditBasics
import AuditResults
import ReportFormat

/// Writes an audit result as SARIF 2.1.0 for code-scanning views in CI.
///
/// Every finding becomes a result, so a CI view can tell passed checks from missing evidence:
///
/// | State | `kind` | `level` |
/// | --- | --- | --- |
/// | fail | `fail` | critical/high → `error`, medium → `warning`, low/info → `note` |
/// | waived | `fail`, with an accepted external `suppressions` entry carrying the waiver | as fail |
/// | unknown | `review` | `none` |
/// | error | `open` | `none` |
/// | pass | `pass` | `none` |
/// | not_applicable | `notApplicable` | `none` |
///
/// (SARIF §3.27.9: a result whose kind is not `fail` has level `none`.) Each rule that produced
/// a finding is one `reportingDescriptor` with `helpUri` to its documentation page.
/// `partialFingerprints["venueAuditFinding/v1"]` hashes rule id, target id and venue id, so a
/// finding keeps its identity across runs and line moves.
public struct SARIFReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "sarif"
    public static let fileExtension = "sarif"
    public static let summary = "SARIF 2.1.0 for code scanning in CI"

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String { document(result).rendered() }

    public func renderBytes(_ result: AuditResult) throws -> [UInt8] { document(result).renderedBytes() }

    private func document(_ result: AuditResult) -> JSONValue {
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        for f in result.findings where ruleIndex[f.ruleID] == nil {
            ruleIndex[f.ruleID] = rules.count
            rules.append(rule(for: f))
        }
        let run: [String: JSONValue] = [
            "tool": .object([
                "driver": .object([
                    "name": .string("venue-audit"),
                    "version": .string(context.toolVersion),
                    "rules": .array(rules),
                ])
            ]),
            "invocations": .array([invocation(result)]),
            "artifacts": .array([
                .object([
                    "location": .object(["uri": .string(Self.uri(result.input.path))]),
                    "hashes": .object(["sha-256": .string(result.input.sha256)]),
                ])
            ]),
            "columnKind": .string("unicodeCodePoints"),
            "language": .string(context.language.rawValue),
            "results": .array(
                zip(result.findings, ReportFormatting.sharedProblemNumbers(result.findings)).map { f, problem in
                    self.result(for: f, problem: problem, in: result, ruleIndex: ruleIndex[f.ruleID] ?? 0)
                }
            ),
            "properties": .object([
                "venue": .object(
                    [
                        "id": .string(result.venue.id), "name": .optional(result.venue.name),
                        "type": .optional(result.venue.type), "jurisdiction": .optional(result.venue.jurisdiction),
                        "district": .optional(result.venue.district),
                    ].filter { !$0.value.isNull }
                ),
                "verdict": .string(result.verdict.rawValue),
                "failThreshold": .string(result.failThreshold.rawValue),
                "asOf": .string(result.asOf.description),
                "profile": .object(["id": .string(result.profile.id), "version": .string(result.profile.version)]),
                "packs": .array(result.packs.map { .object(["id": .string($0.id), "version": .string($0.version)]) }),
                "personalDataFoundInInput": .bool(result.personalDataFoundInInput),
            ]),
        ]
        let log: [String: JSONValue] = [
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "version": .string("2.1.0"),
            "runs": .array([.object(run)]),
        ]
        return JSONValue.object(log)
    }

    /// The SARIF kind of a finding in this state.
    public static func kind(for state: FindingState) -> String {
        switch state {
        case .fail, .waived: "fail"
        case .pass: "pass"
        case .notApplicable: "notApplicable"
        case .unknown: "review"
        case .error: "open"
        }
    }

    /// The stable identity of a finding: FNV-1a 64 of `rule|target|venue`.
    public static func fingerprint(ruleID: String, targetID: String?, venueID: String) -> String {
        ReportFormatting.fnv1a64("\(ruleID)|\(targetID ?? "")|\(venueID)")
    }

    // MARK: - Private

    private func rule(for f: Finding) -> JSONValue {
        let lang = context.language
        var tags = [f.packID, f.isPractice ? "practice" : "law", f.scope]
        tags += f.rule.citations.map(\.key)
        // SARIF requires unique tags; the pack id can equal the kind ("practice").
        var seen = Set<String>()
        tags = tags.filter { seen.insert($0).inserted }
        return .object([
            "id": .string(f.ruleID),
            "name": .string(f.ruleID),
            "shortDescription": .object(["text": .string(f.title[lang])]),
            "fullDescription": .object(["text": .string((f.expects ?? f.expected ?? f.title)[lang])]),
            "help": .object(["text": .string(f.remediation[lang])]),
            "helpUri": .string(context.ruleDocURL(f.ruleID)),
            "defaultConfiguration": .object(["level": .string(SARIF.level(for: f.severity))]),
            "properties": .object([
                "severity": .string(f.severity.rawValue),
                "pack": .string(f.packID),
                "force": .string(f.force.rawValue),
                "binding": .bool(f.bindsVenue),
                "logic": f.expected.map { .string($0.en) } ?? .null,
                "tags": .array(tags.map { .string($0) }),
            ]),
        ])
    }

    private func result(for f: Finding, problem: Int?, in result: AuditResult, ruleIndex: Int) -> JSONValue {
        let kind = Self.kind(for: f.state)
        var region: [String: JSONValue] = [:]
        if let l = f.location {
            region["startLine"] = .int(l.line)
            region["startColumn"] = .int(l.column)
            if let line = f.sourceLine { region["snippet"] = .object(["text": .string(line)]) }
        }
        let file = f.location?.file ?? result.input.path
        var artifact: [String: JSONValue] = ["uri": .string(Self.uri(file))]
        if file == result.input.path { artifact["index"] = .int(0) }
        var physical: [String: JSONValue] = ["artifactLocation": .object(artifact)]
        if !region.isEmpty { physical["region"] = .object(region) }
        var location: [String: JSONValue] = ["physicalLocation": .object(physical)]
        if let target = f.targetID {
            location["logicalLocations"] = .array([
                .object(["name": .string(target), "fullyQualifiedName": .string(f.targetPath ?? target)])
            ])
        }
        var properties: [String: JSONValue] = [
            "state": .string(f.state.rawValue),
            "severity": .string(f.severity.rawValue),
            "scope": .string(f.scope),
            "venueId": .string(result.venue.id),
        ]
        if let target = f.targetID { properties["targetId"] = .string(target) }
        if let problem { properties["problem"] = .int(problem) }
        if !f.evidence.isEmpty {
            properties["evidence"] = .object(
                Dictionary(f.evidence.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { a, _ in a })
            )
        }
        var out: [String: JSONValue] = [
            "ruleId": .string(f.ruleID),
            "ruleIndex": .int(ruleIndex),
            "kind": .string(kind),
            "level": .string(kind == "fail" ? SARIF.level(for: f.severity) : "none"),
            "message": .object(["text": .string(f.message[context.language])]),
            "locations": .array([.object(location)]),
            "partialFingerprints": .object([
                "venueAuditFinding/v1": .string(
                    Self.fingerprint(ruleID: f.ruleID, targetID: f.targetID, venueID: result.venue.id)
                )
            ]),
            "properties": .object(properties),
        ]
        if let waiver = f.waiver {
            var suppression: [String: JSONValue] = [
                "kind": .string("external"),
                "status": .string(waiver.active ? "accepted" : "rejected"),
                "justification": .string(waiver.reason),
                "properties": .object([
                    "approvedBy": .string(waiver.approvedBy), "expires": .string(waiver.expires.description),
                ]),
            ]
            if let l = waiver.location {
                suppression["location"] = .object([
                    "physicalLocation": .object([
                        "artifactLocation": .object(["uri": .string(Self.uri(l.file))]),
                        "region": .object(["startLine": .int(l.line), "startColumn": .int(l.column)]),
                    ])
                ])
            }
            out["suppressions"] = .array([.object(suppression)])
        }
        return .object(out)
    }

    private func invocation(_ result: AuditResult) -> JSONValue {
        let notifications: [JSONValue] = result.diagnostics.map { d in
            var n: [String: JSONValue] = [
                "level": .string(d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note"),
                "message": .object(["text": .string(([d.message] + d.notes).joined(separator: "\n"))]),
                "descriptor": .object(["id": .string(d.code)]),
            ]
            if let l = d.location {
                n["locations"] = .array([
                    .object([
                        "physicalLocation": .object([
                            "artifactLocation": .object(["uri": .string(Self.uri(l.file))]),
                            "region": .object(["startLine": .int(l.line), "startColumn": .int(l.column)]),
                        ])
                    ])
                ])
            }
            return .object(n)
        }
        return .object([
            "executionSuccessful": .bool(true),
            "endTimeUtc": .string(context.generatedAtISO),
            "toolExecutionNotifications": .array(notifications),
        ])
    }

    /// A relative path as a URI reference: unreserved characters and `/` as they are, every
    /// other byte percent-encoded.
    static func uri(_ path: String) -> String {
        // Byte by byte: ASCII letters and digits and `-._~/` stay, every other byte is %XX.
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
