import AuditBasics
import AuditResults
import Mustache

/// Writes one self-contained HTML page for people: a verdict banner, counts, then findings
/// with violations first (fail, error, unknown, waived, pass, not applicable), grouped by
/// target within each state.
///
/// Failing, erroneous, unknown and waived findings are shown in full (source line, evidence,
/// expectation, citations, numbered actions); passed and not-applicable ones take one line.
/// Labels follow `context.language` (English or Chinese); rule texts come from the data.
public struct HTMLReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "html"
    public static let fileExtension = "html"
    public static let summary = "self-contained HTML page for people, English or Chinese, printable"

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    /// The template, parsed once per process: parsing it cost more than rendering a report.
    private static let template = Result { try MustacheTemplate(string: HTMLTemplate.text) }

    public func render(_ result: AuditResult) throws -> String {
        // Escaping stops markup; this stops raw control characters (ESC and the rest) and
        // bidirectional overrides from reaching the page.
        DisplaySafeText.clean(try Self.template.get().render(model(result)), keepNewlines: true)
    }

    // MARK: - Private

    private var labels: ReportLabels { ReportLabels(language: context.language) }

    private func model(_ result: AuditResult) -> [String: Any] {
        let states = result.countsByState
        let failing = result.failuresBySeverity
        let venue = result.venue
        let assessment = result.assessment
        let venueTitle = venue.name.map { "\($0) (\(venue.id))" } ?? venue.id
        return [
            "lang": context.language == .zh ? "zh" : "en",
            // Punctuation after a label and between two names: full-width in Chinese.
            "colon": context.language == .zh ? "：" : ": ",
            "comma": context.language == .zh ? "，" : ", ",
            // Between an instrument and its provision: 个人信息保护法第十九条, but "…Law, Art. 19".
            "citationJoin": context.language == .zh ? "" : ", ",
            "toolVersion": context.toolVersion,
            "generatedAt": context.generatedAtISO,
            "labels": labelDictionary(),
            "venueTitle": venueTitle,
            "venue": [
                "id": venue.id, "type": venue.type ?? "", "hasType": venue.type != nil,
                "typeLabel": venue.type.map { VocabularyLabels.words($0, .venueType, context.language) } ?? "",
                "jurisdiction": venue.jurisdiction ?? "", "hasJurisdiction": venue.jurisdiction != nil,
                "district": venue.district ?? "", "hasDistrict": venue.district != nil,
                "operator": venue.operatorName ?? "", "hasOperator": venue.operatorName != nil,
            ] as [String: Any],
            "assessment": [
                "kind": assessment.kind ?? "", "hasKind": assessment.kind != nil,
                "kindLabel": assessment.kind.map { VocabularyLabels.words($0, .assessmentKind, context.language) } ?? "—",
                "date": assessment.date?.description ?? "",
                "hasDate": assessment.date != nil, "assessor": assessment.assessor ?? "",
                "hasAssessor": assessment.assessor != nil, "organization": assessment.organization ?? "",
                "hasOrganization": assessment.organization != nil,
            ] as [String: Any],
            "verdict": result.verdict.rawValue,
            "verdictText": result.verdictHeadline[context.language],
            "failingCount": states[.fail] ?? 0,
            "failingText": CountWording.failing(states[.fail] ?? 0, language: context.language),
            "countsText": CountWording.findings(states: states, failing: failing, language: context.language),
            "failThreshold": labels.severity(result.failThreshold),
            "thresholdText": CountWording.threshold(result.failThreshold, language: context.language),
            "personalDataFound": result.personalDataFoundInInput,
            "stateCounts": ReportFormatting.stateOrder.map { state -> [String: Any] in
                ["state": state.rawValue, "label": labels.state(state), "count": states[state] ?? 0]
            },
            "severityCounts": ReportFormatting.severityOrder.map { severity -> [String: Any] in
                ["severity": severity.rawValue, "label": labels.severity(severity), "count": failing[severity] ?? 0]
            },
            "packs": result.packs.map { ["id": $0.id, "version": $0.version] },
            "sections": sections(result.findings, jurisdiction: result.venue.jurisdiction),
            "plan": plan(result),
            "print": printHeader(result, venueTitle: venueTitle),
            "hasPlan": result.findings.contains { $0.state == .fail },
            "hasObservations": !result.observations.isEmpty,
            "observations": result.observations.map(observation),
            "hasDiagnostics": !result.diagnostics.isEmpty,
            "diagnostics": result.diagnostics.map { d -> [String: Any] in
                [
                    "location": d.location?.description ?? "", "severity": d.severity.rawValue, "code": d.code,
                    "message": d.message, "notes": d.notes,
                ]
            },
            "input": [
                "path": result.input.path, "sha256": result.input.sha256, "documentIndex": result.input.documentIndex,
            ] as [String: Any],
            "profile": "\(result.profile.id) \(result.profile.version)",
            "asOf": result.asOf.description,
        ]
    }

    /// One section per state present, in reading order; within it, one group per target in
    /// order of first appearance (findings are already sorted for people).
    private func sections(_ findings: [Finding], jurisdiction: String?) -> [[String: Any]] {
        let sorted = ReportFormatting.sortedForPeople(findings)
        var anchors: [String: Int] = [:]
        return ReportFormatting.stateOrder.compactMap { state -> [String: Any]? in
            let inState = sorted.filter { $0.state == state }
            guard !inState.isEmpty else { return nil }
            var order: [String] = []
            var byTarget: [String: [Finding]] = [:]
            for f in inState {
                let name = ReportFormatting.targetName(f, context.language)
                let key = name.prefix(1).uppercased() + name.dropFirst()
                if byTarget[key] == nil { order.append(key) }
                byTarget[key, default: []].append(f)
            }
            var problemCount = 0
            let groups = order.map { key -> [String: Any] in
                [
                    "target": key,
                    "targetPath": byTarget[key]?.first?.targetPath ?? "",
                    "hasTargetPath": byTarget[key]?.first?.targetPath != nil,
                    // Findings on one fact are one card: the lead finding, then its other
                    // rules as further legal bases, each with its own anchor.
                    "findings": ReportFormatting.problems(byTarget[key] ?? []).map { problem -> [String: Any] in
                        problemCount += 1
                        func anchor(_ f: Finding) -> String {
                            let base = "\(f.ruleID)-\(f.targetID ?? "venue")"
                            anchors[base, default: 0] += 1
                            let n = anchors[base] ?? 1
                            return n == 1 ? base : "\(base)-\(n)"
                        }
                        var card = finding(problem[0], anchor: anchor(problem[0]), jurisdiction: jurisdiction)
                        let others = problem.dropFirst().map { related($0, anchor: anchor($0), jurisdiction: jurisdiction) }
                        var packs: [String] = []
                        for f in problem where !packs.contains(f.packID) { packs.append(f.packID) }
                        card["packs"] = packs.joined(separator: " ")
                        card["hasRelated"] = !others.isEmpty
                        card["related"] = others
                        return card
                    },
                ]
            }
            return [
                "state": state.rawValue, "heading": labels.section(state), "groups": groups,
                "count": Self.problemCount(problems: problemCount, findings: inState.count, language: context.language),
            ]
        }
    }

    /// The running header and footer of the printed pages (`@page` margin boxes): CSS strings,
    /// so every character that could end the string, the style element or mean something to
    /// HTML is written as a CSS escape, and Mustache's HTML escaping then changes nothing.
    private func printHeader(_ result: AuditResult, venueTitle: String) -> [String: String] {
        let zh = context.language == .zh
        let date = result.assessment.date?.description ?? result.asOf.description
        let counter =
            zh
            ? #""第 " counter(page) " 页，共 " counter(pages) " 页""#
            : #""Page " counter(page) " of " counter(pages)"#
        return [
            "venue": Self.cssString(venueTitle),
            "date": Self.cssString((zh ? "检查日期 " : "Assessed ") + date),
            "title": Self.cssString(labels[.report]),
            "pageCounter": counter,
        ]
    }

    /// `s` for use inside a double-quoted CSS string in a `<style>` element: `\ " ' < > &` and
    /// control characters as CSS escapes.
    static func cssString(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || "\\\"'<>&".unicodeScalars.contains(u) {
                out += "\\" + String(u.value, radix: 16) + " "
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// "What to do first", see `ActionPlan`.
    private func plan(_ result: AuditResult) -> [[String: Any]] {
        ActionPlan(result, language: context.language).groups.map { group -> [String: Any] in
            [
                "name": group.name, "path": group.path ?? "", "hasPath": group.path != nil,
                "actions": group.actions.map { action -> [String: Any] in
                    [
                        "severity": action.severity.rawValue, "severityLabel": labels.severity(action.severity),
                        "steps": action.steps,
                        "rules": action.findings.map { f -> [String: Any] in
                            [
                                "ruleID": f.ruleID, "anchor": Self.anchorSafe("\(f.ruleID)-\(f.targetID ?? "venue")"),
                                "title": f.title[context.language],
                            ]
                        },
                    ]
                },
            ]
        }
    }

    private func finding(_ f: Finding, anchor: String, jurisdiction: String?) -> [String: Any] {
        let lang = context.language
        let actions = ReportFormatting.actions(f.remediation[lang])
        return [
            "detailed": f.state != .pass && f.state != .notApplicable,
            "passed": f.state == .pass,
            "anchor": Self.anchorSafe(anchor),
            "state": f.state.rawValue,
            "stateLabel": labels.state(f.state),
            "severity": f.severity.rawValue,
            "severityLabel": labels.severity(f.severity),
            "pack": f.packID,
            "packs": f.packID,
            "practice": f.isPractice,
            "force": f.force.rawValue,
            "forceLabel": f.force.label[lang],
            "ruleID": f.ruleID,
            "ruleURL": context.ruleDocURL(f.ruleID),
            "title": f.title[lang],
            "message": f.message[lang],
            "hasLocation": f.location != nil,
            "location": f.location?.description ?? "",
            "hasSourceLine": f.sourceLine != nil,
            "sourceLine": f.sourceLine ?? "",
            "hasLogicDetail": f.expected != nil || f.location != nil || !f.evidence.isEmpty,
            "hasExpects": f.expects != nil,
            "expects": f.expects?[lang] ?? "",
            "hasLogic": f.expected != nil,
            "logic": f.expected?[lang] ?? "",
            "hasEvidence": !f.evidence.isEmpty,
            "evidence": f.evidence.map { e -> [String: Any] in
                [
                    "name": e.name, "value": e.value, "hasLocation": e.location != nil,
                    "location": e.location?.description ?? "",
                ]
            },
            "hasCitations": f.citations.contains { $0.binds(venueJurisdiction: jurisdiction) },
            "citations": f.citations.filter { $0.binds(venueJurisdiction: jurisdiction) }.map { citation($0, lang) },
            "hasGuidance": f.citations.contains { !$0.binds(venueJurisdiction: jurisdiction) },
            "guidance": f.citations.filter { !$0.binds(venueJurisdiction: jurisdiction) }.map { citation($0, lang) },
            "hasWaiver": f.waiver != nil,
            "waiver": f.waiver.map { w -> [String: Any] in
                ["reason": w.reason, "approvedBy": w.approvedBy, "expires": w.expires.description, "active": w.active]
            } ?? ["reason": "", "approvedBy": "", "expires": "", "active": true],
            "actions": actions.isEmpty ? [f.remediation[lang]] : actions,
        ]
    }

    /// "39" when every problem is one finding, else "23 problems, 39 findings" / "23 个问题，39 项".
    static func problemCount(problems: Int, findings: Int, language: Language) -> String {
        guard problems != findings else { return "\(findings)" }
        if language == .zh { return "\(problems) 个问题，\(findings) 项" }
        return "\(problems) problem\(problems == 1 ? "" : "s"), \(findings) finding\(findings == 1 ? "" : "s")"
    }

    /// A further rule failed by the same fact as the card's lead finding: its rule, severity,
    /// title and citations, in one line.
    private func related(_ f: Finding, anchor: String, jurisdiction: String?) -> [String: Any] {
        let lang = context.language
        // Binding instruments first; guidance keeps its force label in brackets.
        let cited =
            f.citations.filter { $0.binds(venueJurisdiction: jurisdiction) }
            + f.citations.filter { !$0.binds(venueJurisdiction: jurisdiction) }
        return [
            "anchor": Self.anchorSafe(anchor), "ruleID": f.ruleID, "ruleURL": context.ruleDocURL(f.ruleID), "pack": f.packID,
            "severity": f.severity.rawValue, "severityLabel": labels.severity(f.severity), "title": f.title[lang],
            "practice": f.isPractice, "forceLabel": f.force.label[lang],
            "citations": cited.map { citation($0, lang) },
        ]
    }

    /// One cited instrument and provision; the instrument's force follows it in brackets.
    private func citation(_ c: Citation, _ lang: Language) -> [String: Any] {
        let url = c.url ?? ""
        let linkable = url.hasPrefix("https://") || url.hasPrefix("http://")
        let force = c.force.map { lang == .zh ? "（\($0.label.zh)）" : " (\($0.label.en))" } ?? ""
        return [
            "instrument": c.instrument[lang], "provision": c.provisionText(in: lang) + force, "url": url, "hasURL": linkable,
        ]
    }

    private func observation(_ o: ObservationInfo) -> [String: Any] {
        [
            "kind": o.kind, "kindLabel": VocabularyLabels.words(o.kind, .observationKind, context.language), "hasAt": o.at != nil,
            "at": o.at ?? "", "hasNote": o.note != nil, "note": o.note ?? "",
            "hasEvidence": !o.evidence.isEmpty, "evidence": o.evidence, "hasLocation": o.location != nil,
            "location": o.location?.description ?? "",
        ]
    }

    private func labelDictionary() -> [String: String] {
        let keys: [(String, ReportLabels.Key)] = [
            ("report", .report), ("venue", .venue), ("assessment", .assessment), ("verdict", .verdict),
            ("failThreshold", .failThreshold), ("findings", .findings), ("bySeverity", .bySeverity),
            ("byState", .byState), ("failing", .failing), ("rule", .rule), ("target", .target),
            ("location", .location), ("sourceLine", .sourceLine), ("evidence", .evidence), ("expected", .expected),
            ("ruleLogic", .ruleLogic), ("condition", .condition), ("whatFirst", .whatFirst), ("signoff", .signoff),
            ("signoffNote", .signoffNote), ("name", .name),
            ("signature", .signature), ("inspector", .inspector), ("venueRepresentative", .venueRepresentative),
            ("whatFirstIntro", .whatFirstIntro),
            ("closes", .closes), ("sameProblem", .sameProblem),
            ("citations", .citations), ("guidance", .guidance), ("remediation", .remediation), ("waiver", .waiver),
            ("waiverExpires", .waiverExpires), ("waiverInactive", .waiverInactive), ("observations", .observations),
            ("diagnostics", .diagnostics), ("input", .input), ("profile", .profile), ("packs", .packs),
            ("asOf", .asOf), ("generated", .generated), ("tool", .tool), ("personalData", .personalData),
            ("filters", .filters), ("search", .search), ("allStates", .allStates),
            ("allSeverities", .allSeverities), ("allLaws", .allLaws), ("note", .note), ("sha256", .sha256),
            ("assessor", .assessor), ("district", .district), ("operatorName", .operatorName), ("type", .type),
            ("jurisdiction", .jurisdiction), ("date", .date), ("practice", .practice),
        ]
        return Dictionary(uniqueKeysWithValues: keys.map { ($0.0, labels[$0.1]) })
    }

    /// An id attribute value: ASCII letters, digits, `-`, `_` and `.`, anything else as `_`.
    private static func anchorSafe(_ s: String) -> String {
        String(
            s.unicodeScalars.map { u -> Character in
                u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || "-_.".unicodeScalars.contains(u))
                    ? Character(u) : "_"
            }
        )
    }
}
