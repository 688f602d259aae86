import AuditBasics
import AuditResults

/// Writes compiler-style lines for a terminal or an editor's problem matcher, then one summary
/// line for the venue:
///
///     samples/mall.yaml:14:7: error: [CN-PIPL-19-RETENTION] oldest record is 71 days old; the limit is 28
///         oldest_record_date: 2020-09-30
///         ^
///     samples/mall.yaml:14:7: note: high, collection_points[north-gate-book]; see docs/rules/CN-PIPL-19-RETENTION.md
///
/// | Finding | Printed as |
/// | --- | --- |
/// | fail at or above the fail threshold, of a rule that binds the venue | `error:` |
/// | fail below the threshold, or of a standard, guidance or good practice | `warning:` |
/// | error (rule could not be evaluated) | `error:` |
/// | unknown | `note:` with "insufficient evidence" |
/// | waived, pass, not applicable | only counted in the summary |
///
/// Input diagnostics come first, as `Diagnostic` prints them. Then the findings tell the story in
/// order, each group under a `== heading ==` line: failures most severe first, then those that
/// could not be evaluated, then those lacking evidence (each by location); the summary line last.
/// Control characters in the data are replaced so a report cannot drive the terminal; ANSI
/// colours only when `context.colour` is set.
public struct TextReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "text"
    public static let fileExtension = "txt"
    public static let summary = "compiler-style lines for terminals and editors"

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String {
        var lines: [String] = result.diagnostics.map { Self.clean($0.description, keepNewlines: true) }
        // The story in order: failures most severe first, then what could not be evaluated, then
        // what lacked evidence; within each, by place in the file. Each group has a heading line,
        // which problem matchers skip (it does not start with file:line:column).
        let zh = context.language == .zh
        lines += planLines(result)
        let groups: [(states: Set<FindingState>, bySeverity: Bool, en: String, zh: String)] = [
            ([.fail], true, "Failures, most severe first", "未通过项（按严重程度从高到低）"),
            ([.error], false, "Could not be evaluated", "无法评估"),
            ([.unknown], false, "Insufficient evidence", "证据不足"),
        ]
        for group in groups {
            let members = result.findings.enumerated().filter { group.states.contains($0.element.state) }
            guard !members.isEmpty else { continue }
            let ordered = members.sorted { a, b in
                if group.bySeverity, a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
                return Self.byPlace(a, b)
            }.map(\.element)
            // Findings on one fact are one problem: the most severe leads, the others follow as
            // notes naming their rules (each keeps its own state in every machine format).
            let problems = ReportFormatting.problems(ordered)
            lines.append(
                paint(
                    "== " + Self.heading(group.en, group.zh, problems: problems.count, findings: members.count, zh: zh) + " ==", "\u{1B}[1m"
                ))
            for problem in problems {
                lines += self.lines(for: problem[0], in: result)
                for other in problem.dropFirst() { lines.append(alsoLine(other, in: result)) }
            }
        }
        lines.append(summaryLine(result))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The last line of `render(_:)` on its own (no trailing newline): the venue's verdict and
    /// counts. For callers that print only summaries, without paying for the findings' lines.
    public func summaryLine(_ result: AuditResult) -> String {
        let counts = CountWording.findings(
            states: result.countsByState, failing: result.failuresBySeverity, language: context.language)
        let name = result.venue.name.map { " \(Self.clean($0))" } ?? ""
        let colour =
            switch result.verdict {
            case .nonCompliant: "\u{1B}[1;31m"
            case .incomplete: "\u{1B}[1;33m"
            case .compliant: "\u{1B}[1;32m"
            }
        let separator = context.language == .zh ? "；" : "; "
        let threshold = CountWording.threshold(result.failThreshold, language: context.language)
        // The headline may hold a colon itself ("Incomplete: evidence missing"), so the counts
        // follow as a sentence of their own.
        let stop = context.language == .zh ? "。" : ". "
        let sentence = context.language == .zh ? counts : counts.prefix(1).uppercased() + counts.dropFirst()
        return "\(Self.clean(result.venue.id))\(name): \(paint(result.verdictHeadline[context.language], colour))\(stop)"
            + sentence + separator + threshold
    }

    // MARK: - Private

    /// "Failures, most severe first: 23 problems (39 findings)"; "… : 1 finding" when every
    /// problem is one finding.
    static func heading(_ en: String, _ zh: String, problems: Int, findings: Int, zh isZh: Bool) -> String {
        if isZh {
            return problems == findings ? "\(zh)：\(findings) 项" : "\(zh)：\(problems) 个问题（\(findings) 项）"
        }
        let f = "\(findings) finding\(findings == 1 ? "" : "s")"
        return problems == findings ? "\(en): \(f)" : "\(en): \(problems) problem\(problems == 1 ? "" : "s") (\(f))"
    }

    /// A further legal basis of the problem just printed: one note line at the same place.
    private func alsoLine(_ f: Finding, in result: AuditResult) -> String {
        let lang = context.language
        let place = Self.clean(f.location?.description ?? result.input.path)
        let severity = paint(ReportLabels(language: lang).severity(f.severity), Self.severityColour(f.severity))
        let rule = paint("[\(f.ruleID)]", "\u{1B}[1m")
        let text =
            lang == .zh
            ? "同一问题还涉及 \(rule)（严重程度：\(severity)）：\(Self.clean(f.title[lang]))；参见 \(context.ruleDocURL(f.ruleID))"
            : "same problem, also \(rule) (\(severity)): \(Self.clean(f.title[lang])); see \(context.ruleDocURL(f.ruleID))"
        return "\(paint(place + ":", "\u{1B}[1m")) \(paint("note:", "\u{1B}[1;36m")) \(text)"
    }

    private func lines(for f: Finding, in result: AuditResult) -> [String] {
        let lang = context.language
        let place = Self.clean(f.location?.description ?? result.input.path)
        let (kind, colour): (String, String) =
            switch f.state {
            // A failure that cannot make the venue non-compliant (a recommended standard, guidance
            // or good practice) is a warning, whatever its severity.
            case .fail where f.severity >= result.failThreshold && f.bindsVenue: ("error", "\u{1B}[1;31m")
            case .fail: ("warning", "\u{1B}[1;33m")
            case .error: ("error", "\u{1B}[1;31m")
            default: ("note", "\u{1B}[1;36m")
            }
        var message = Self.clean(f.message[lang])
        if f.state == .unknown { message = (lang == .zh ? "证据不足：" : "insufficient evidence: ") + message }
        if f.state == .error { message = (lang == .zh ? "无法评估：" : "could not be evaluated: ") + message }
        let bold = "\u{1B}[1m"
        let where_ = paint(place + ":", bold)
        var out = ["\(where_) \(paint(kind + ":", colour)) \(paint("[\(f.ruleID)]", bold)) \(message)"]
        if let source = f.sourceLine, let location = f.location {
            let line = Self.clean(source)
            out.append("    " + line)
            let prefix = line.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out.append("    " + prefix + paint("^", "\u{1B}[1;32m"))
        }
        if let expects = f.expects {
            out.append("    " + (lang == .zh ? "要求：" : "expected: ") + Self.clean(expects[lang]))
        }
        let target = Self.clean(ReportFormatting.targetName(f, lang))
        let severity = paint(ReportLabels(language: lang).severity(f.severity), Self.severityColour(f.severity))
        let note = paint("note:", "\u{1B}[1;36m")
        let about =
            lang == .zh
            ? "严重程度：\(severity)；效力：\(f.force.label.zh)；\(target)；参见 \(context.ruleDocURL(f.ruleID))"
            : "\(severity) severity, \(f.force.label.en), \(target); see \(context.ruleDocURL(f.ruleID))"
        out.append("\(where_) \(note) \(about)")
        return out
    }

    /// "What to do first" (see `ActionPlan`): per collection point, numbered actions, most
    /// severe first, each with the rules it closes. Nothing when no finding fails.
    private func planLines(_ result: AuditResult) -> [String] {
        let lang = context.language
        let plan = ActionPlan(result, language: lang)
        guard !plan.isEmpty else { return [] }
        let labels = ReportLabels(language: lang)
        var out = [paint("== \(labels[.whatFirst]) ==", "\u{1B}[1m")]
        var n = 0
        for group in plan.groups {
            out.append(Self.clean(group.name))
            for action in group.actions {
                n += 1
                let closes = action.findings.map(\.ruleID).joined(separator: lang == .zh ? "、" : ", ")
                let text = Self.clean(action.steps.joined(separator: lang == .zh ? "" : " "))
                let severity = paint("[\(labels.severity(action.severity))]", Self.severityColour(action.severity))
                out.append("  \(n). \(severity) \(text)")
                out.append("     " + (lang == .zh ? "解决：" : "closes: ") + closes)
            }
        }
        return out
    }

    /// The terminal colour of a severity label (the label itself always says the level).
    static func severityColour(_ s: Severity) -> String {
        switch s {
        case .critical: "\u{1B}[1;37;41m"
        case .high: "\u{1B}[1;31m"
        case .medium: "\u{1B}[1;33m"
        case .low: "\u{1B}[36m"
        case .info: "\u{1B}[2m"
        }
    }

    /// By location (findings without one last), then rule id, then the engine's order.
    private static func byPlace(_ a: (offset: Int, element: Finding), _ b: (offset: Int, element: Finding)) -> Bool {
        switch (a.element.location, b.element.location) {
        case (let x?, let y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.element.ruleID != b.element.ruleID ? a.element.ruleID < b.element.ruleID : a.offset < b.offset
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        context.colour ? code + text + "\u{1B}[0m" : text
    }

    /// Replaces control characters (C0 other than tab, DEL, C1) so data cannot move the
    /// cursor or change colours; line breaks become spaces unless `keepNewlines`.
    static func clean(_ s: String, keepNewlines: Bool = false) -> String {
        DisplaySafeText.clean(s, keepNewlines: keepNewlines)
    }
}
