import AuditBasics
import AuditResults

/// Writes one self-contained HTML page for people: a verdict banner, counts, then findings
/// with violations first (fail, error, unknown, waived, pass, not applicable), grouped by
/// target within each state.
///
/// Failing, erroneous, unknown and waived findings are shown in full (source line, evidence,
/// expectation, citations, numbered actions); passed and not-applicable ones take one line.
/// Labels follow `context.language` (English or Chinese); rule texts come from the data.
///
/// The page is written by `HTMLPage`, one method per part of the page, through `HTMLWriter`:
/// markup only from literals, every value escaped and made display-safe on the way in.
public struct HTMLReporter: Reporter {
    // MARK: - Reporter conformance

    public static let identifier = "html"
    public static let fileExtension = "html"
    public static let summary = "self-contained HTML page for people, English or Chinese, printable"

    public let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    public func render(_ result: AuditResult) throws -> String {
        var page = HTMLPage(result, context: context)
        page.write()
        return page.out.string
    }

    public func renderBytes(_ result: AuditResult) throws -> [UInt8] {
        var page = HTMLPage(result, context: context)
        page.write()
        return page.out.bytes
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

    /// "39" when every problem is one finding, else "23 problems, 39 findings" / "23 个问题，39 项".
    static func problemCount(problems: Int, findings: Int, language: Language) -> String {
        guard problems != findings else { return "\(findings)" }
        if language == .zh { return "\(problems) 个问题，\(findings) 项" }
        return "\(problems) problem\(problems == 1 ? "" : "s"), \(findings) finding\(findings == 1 ? "" : "s")"
    }

    /// An id attribute value: ASCII letters, digits, `-`, `_` and `.`, anything else as `_`
    /// (one `_` per Unicode scalar).
    static func anchorSafe(_ s: String) -> String {
        func allowed(_ v: UInt32) -> Bool {
            switch v {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F: true
            default: false
            }
        }
        if s.utf8.allSatisfy({ allowed(UInt32($0)) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(allowed(u.value) ? u : "_") }
        return String(out)
    }
}

/// One report page being written, top to bottom.
private struct HTMLPage {
    var out: HTMLWriter
    let result: AuditResult
    let context: ReportContext
    let language: Language
    let labels: ReportLabels
    let venueTitle: String
    /// How often each finding anchor has been used, so that a repeated one gets a number.
    var anchors: [String: Int] = [:]

    init(_ result: AuditResult, context: ReportContext) {
        self.result = result
        self.context = context
        language = context.language
        labels = ReportLabels(language: context.language)
        venueTitle = result.venue.name.map { "\($0) (\(result.venue.id))" } ?? result.venue.id
        out = HTMLWriter(capacity: 24_000 + 2_500 * result.findings.count)
    }

    // Punctuation after a label and between two names: full-width in Chinese.
    var colon: String { language == .zh ? "：" : ": " }
    var comma: String { language == .zh ? "，" : ", " }
    /// Between an instrument and its provision: 个人信息保护法第十九条, but "…Law, Art. 19".
    var citationJoin: String { language == .zh ? "" : ", " }

    /// A label, escaped like any other text.
    mutating func label(_ key: ReportLabels.Key) { out.text(labels[key]) }

    mutating func write() {
        head()
        header()
        summary()
        plan()
        counts()
        filters()
        findings()
        observations()
        diagnostics()
        signoff()
        footer()
        out.markup(HTMLTemplate.script)
        out.markup("</body>\n</html>\n")
    }

    // MARK: - Head

    mutating func head() {
        out.markup("<!DOCTYPE html>\n<html lang=\"")
        out.text(language == .zh ? "zh" : "en")
        out.markup("\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.markup(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
        out.markup("\n<meta name=\"generator\" content=\"venue-audit ")
        out.text(context.toolVersion)
        out.markup("\">\n<title>")
        label(.report)
        out.markup(": ")
        out.text(venueTitle)
        out.markup("</title>\n<style>\n")
        out.markup(HTMLTemplate.styleBeforeMarginBoxes)
        printMarginBoxes()
        out.markup(HTMLTemplate.styleAfterMarginBoxes)
        out.markup("</style>\n</head>\n<body>\n")
    }

    /// The running header and footer of the printed pages (`@page` margin boxes): CSS strings,
    /// in which every character that could end the string, the style element or mean something
    /// to HTML is a CSS escape, so the HTML escaping of `text` then changes nothing.
    mutating func printMarginBoxes() {
        let zh = language == .zh
        let date = result.assessment.date?.description ?? result.asOf.description
        out.markup("    @top-left { content: \"")
        out.text(HTMLReporter.cssString(venueTitle))
        out.markup("\"; font-size: 8pt; color: #475467; }\n    @top-right { content: \"")
        out.text(HTMLReporter.cssString((zh ? "检查日期 " : "Assessed ") + date))
        out.markup("\"; font-size: 8pt; color: #475467; }\n    @bottom-left { content: \"")
        out.text(HTMLReporter.cssString(labels[.report]))
        out.markup("\"; font-size: 8pt; color: #475467; }\n    @bottom-right { content: ")
        if zh {
            out.markup(#""第 " counter(page) " 页，共 " counter(pages) " 页""#)
        } else {
            out.markup(#""Page " counter(page) " of " counter(pages)"#)
        }
        out.markup("; font-size: 8pt; color: #475467; }\n")
    }

    // MARK: - Header: venue and assessment

    mutating func header() {
        let venue = result.venue
        let assessment = result.assessment
        out.markup("<header>\n<p class=\"meta\">")
        label(.report)
        out.markup("</p>\n<h1>")
        out.text(venueTitle)
        out.markup("</h1>\n<dl class=\"meta\">\n<dt>")
        label(.venue)
        out.markup("</dt><dd>")
        out.text(venue.id)
        out.markup("</dd>\n")
        if let type = venue.type {
            termStart(.type, "<dd title=\"")
            out.text(type)
            out.markup("\">")
            out.text(VocabularyLabels.words(type, .venueType, language))
            out.markup("</dd>\n")
        }
        if let jurisdiction = venue.jurisdiction { term(.jurisdiction, jurisdiction) }
        if let district = venue.district { term(.district, district) }
        if let operatorName = venue.operatorName { term(.operatorName, operatorName) }
        out.markup("</dl>\n<dl class=\"meta\">\n<dt>")
        label(.assessment)
        out.markup("</dt><dd")
        if let kind = assessment.kind {
            out.markup(" title=\"")
            out.text(kind)
            out.markup("\"")
        }
        out.markup(">")
        out.text(assessment.kind.map { VocabularyLabels.words($0, .assessmentKind, language) } ?? "—")
        out.markup("</dd>\n")
        if let date = assessment.date {
            termStart(.date, "<dd class=\"nw\">")
            out.text(date.description)
            out.markup("</dd>\n")
        }
        if let assessor = assessment.assessor {
            termStart(.assessor, "<dd>")
            out.text(assessor)
            if let organization = assessment.organization {
                out.text(comma)
                out.text(organization)
            }
            out.markup("</dd>\n")
        } else if let organization = assessment.organization {
            term(.assessor, organization)
        }
        out.markup("</dl>\n</header>\n\n")
    }

    /// `<dt>label</dt>` and the start of its description (`dd`: `<dd>`, with any attributes and
    /// the opening of what it holds); the caller writes the rest.
    mutating func termStart(_ key: ReportLabels.Key, _ dd: StaticString) {
        out.markup("<dt>")
        label(key)
        out.markup("</dt>")
        out.markup(dd)
    }

    /// `<dt>label</dt><dd>value</dd>` and a line break.
    mutating func term(_ key: ReportLabels.Key, _ value: String) {
        termStart(key, "<dd>")
        out.text(value)
        out.markup("</dd>\n")
    }

    // MARK: - Summary: verdict banner and privacy note

    mutating func summary() {
        let states = result.countsByState
        out.markup("<div class=\"banner verdict-")
        out.text(result.verdict.rawValue)
        out.markup("\" role=\"status\">")
        out.text(result.verdictHeadline[language])
        out.markup("\n<small>")
        out.text(CountWording.failing(states[.fail] ?? 0, language: language))
        out.markup(" · ")
        out.text(CountWording.threshold(result.failThreshold, language: language))
        out.markup("</small>\n<small>")
        out.text(CountWording.findings(states: states, failing: result.failuresBySeverity, language: language))
        out.markup("</small></div>\n")
        if result.personalDataFoundInInput {
            out.markup("<p class=\"privacy\">")
            label(.personalData)
            out.markup("</p>")
        }
        out.markup("\n\n")
    }

    // MARK: - What to do first (`ActionPlan`)

    mutating func plan() {
        if result.findings.contains(where: { $0.state == .fail }) {
            out.markup("<section class=\"plan\" aria-labelledby=\"plan-h\">\n<h2 id=\"plan-h\">")
            label(.whatFirst)
            out.markup("</h2>\n<p class=\"meta\">")
            label(.whatFirstIntro)
            out.markup("</p>\n")
            for group in ActionPlan(result, language: language).groups {
                out.markup("<h3")
                if let path = group.path {
                    out.markup(" title=\"")
                    out.text(path)
                    out.markup("\"")
                }
                out.markup(">")
                out.text(group.name)
                out.markup("</h3>\n<ol class=\"plan-actions\">\n")
                for action in group.actions {
                    out.markup("<li>")
                    severityBadge(action.severity)
                    out.markup(" ")
                    for step in action.steps {
                        out.markup("<span class=\"step\">")
                        out.text(step)
                        out.markup("</span> ")
                    }
                    out.markup("<br><span class=\"closes\">")
                    label(.closes)
                    out.text(colon)
                    for f in action.findings {
                        out.markup("<a href=\"#")
                        out.text(HTMLReporter.anchorSafe("\(f.ruleID)-\(f.targetID ?? "venue")"))
                        out.markup("\" title=\"")
                        out.text(f.title[language])
                        out.markup("\">")
                        out.text(f.ruleID)
                        out.markup("</a> ")
                    }
                    out.markup("</span></li>\n")
                }
                out.markup("</ol>\n")
            }
            out.markup("</section>\n")
        }
        out.markup("\n")
    }

    mutating func severityBadge(_ severity: Severity) {
        out.markup("<span class=\"badge sev sev-")
        out.text(severity.rawValue)
        out.markup("\">")
        out.text(labels.severity(severity))
        out.markup("</span>")
    }

    mutating func stateBadge(_ state: FindingState) {
        out.markup("<span class=\"badge state-")
        out.text(state.rawValue)
        out.markup("\">")
        out.text(labels.state(state))
        out.markup("</span>")
    }

    // MARK: - Counts by state and by severity

    mutating func counts() {
        let states = result.countsByState
        let failing = result.failuresBySeverity
        out.markup("<table class=\"counts\"><caption>")
        label(.byState)
        out.markup("</caption>\n")
        for state in ReportFormatting.stateOrder {
            out.markup("<tr><th>")
            stateBadge(state)
            out.markup("</th><td class=\"n\">")
            out.text(states[state] ?? 0)
            out.markup("</td></tr>\n")
        }
        out.markup("</table>\n<table class=\"counts\"><caption>")
        label(.bySeverity)
        out.markup("</caption>\n")
        for severity in ReportFormatting.severityOrder {
            out.markup("<tr><th>")
            severityBadge(severity)
            out.markup("</th><td class=\"n\">")
            out.text(failing[severity] ?? 0)
            out.markup("</td></tr>\n")
        }
        out.markup("</table>\n\n\n")
    }

    // MARK: - Filter form (shown by the script)

    mutating func filters() {
        out.markup("<form id=\"filters\" hidden onsubmit=\"return false\">\n<strong>")
        label(.filters)
        out.markup("</strong>\n<select id=\"f-state\" aria-label=\"")
        label(.allStates)
        out.markup("\"><option value=\"\">")
        label(.allStates)
        out.markup("</option>\n")
        for state in ReportFormatting.stateOrder {
            option(state.rawValue, labels.state(state))
        }
        out.markup("</select>\n<select id=\"f-severity\" aria-label=\"")
        label(.allSeverities)
        out.markup("\"><option value=\"\">")
        label(.allSeverities)
        out.markup("</option>\n")
        for severity in ReportFormatting.severityOrder {
            option(severity.rawValue, labels.severity(severity))
        }
        out.markup("</select>\n<select id=\"f-pack\" aria-label=\"")
        label(.allLaws)
        out.markup("\"><option value=\"\">")
        label(.allLaws)
        out.markup("</option>\n")
        for pack in result.packs {
            option(pack.id, "\(pack.id) \(pack.version)")
        }
        out.markup("</select>\n<input type=\"search\" id=\"f-text\" placeholder=\"")
        label(.search)
        out.markup("\" aria-label=\"")
        label(.search)
        out.markup("\">\n</form>\n\n")
    }

    mutating func option(_ value: String, _ text: String) {
        out.markup("<option value=\"")
        out.text(value)
        out.markup("\">")
        out.text(text)
        out.markup("</option>")
    }

    // MARK: - Findings: sections by state, groups by target, one card per problem

    /// One section per state present, in reading order; within it, one group per target in
    /// order of first appearance (findings are already sorted for people).
    mutating func findings() {
        out.markup("<main>\n<h2>")
        label(.findings)
        out.markup("</h2>\n")
        // Positions into the findings throughout: grouping them copies no finding.
        let all = result.findings
        let sorted = ReportFormatting.sortedForPeople(all, Array(all.indices))
        var anySection = false
        for state in ReportFormatting.stateOrder {
            let inState = sorted.filter { all[$0].state == state }
            guard !inState.isEmpty else { continue }
            anySection = true
            var order: [String] = []
            var byTarget: [String: [Int]] = [:]
            for i in inState {
                let name = ReportFormatting.targetName(all[i], language)
                let key = name.prefix(1).uppercased() + name.dropFirst()
                if byTarget[key] == nil { order.append(key) }
                byTarget[key, default: []].append(i)
            }
            // Findings on one fact are one card: the lead finding, then its other rules as
            // further legal bases.
            let groups = order.map { key in (target: key, findings: byTarget[key] ?? []) }
            let problems = groups.map { ReportFormatting.problems(all, $0.findings) }
            out.markup("<section class=\"section\" data-section=\"")
            out.text(state.rawValue)
            out.markup("\">\n<h2 class=\"state-")
            out.text(state.rawValue)
            out.markup("\">")
            out.text(labels.section(state))
            out.markup(" (")
            out.text(
                HTMLReporter.problemCount(
                    problems: problems.reduce(0) { $0 + $1.count }, findings: inState.count, language: language))
            out.markup(")</h2>\n")
            for (group, groupProblems) in zip(groups, problems) {
                out.markup("<div class=\"group\">\n<h3")
                if let first = group.findings.first, let path = all[first].targetPath {
                    out.markup(" title=\"")
                    out.text(path)
                    out.markup("\"")
                }
                out.markup(">")
                out.text(group.target)
                out.markup("</h3>\n")
                for problem in groupProblems {
                    if all[problem[0]].state != .pass && all[problem[0]].state != .notApplicable {
                        card(problem.map { all[$0] })
                    } else {
                        compactCard(all[problem[0]])
                        // A one-line card names no further rules, but their anchors are
                        // counted all the same, as for a full card.
                        for other in problem.dropFirst() { _ = anchor(all[other]) }
                    }
                }
                out.markup("</div>\n")
            }
            out.markup("</section>\n")
        }
        if !anySection { out.markup("<p>—</p>") }
        out.markup("\n</main>\n\n")
    }

    /// The anchor of a finding's card or line: its rule and target, numbered from the second use.
    mutating func anchor(_ f: Finding) -> String {
        let base = "\(f.ruleID)-\(f.targetID ?? "venue")"
        anchors[base, default: 0] += 1
        let n = anchors[base] ?? 1
        return HTMLReporter.anchorSafe(n == 1 ? base : "\(base)-\(n)")
    }

    /// A failing, erroneous, unknown or waived problem in full: the lead finding, then the
    /// further rules the same fact fails.
    mutating func card(_ problem: [Finding]) {
        let f = problem[0]
        let jurisdiction = result.venue.jurisdiction
        out.markup("<article class=\"finding state-")
        out.text(f.state.rawValue)
        out.markup("\" id=\"")
        out.text(anchor(f))
        out.markup("\" data-state=\"")
        out.text(f.state.rawValue)
        out.markup("\" data-severity=\"")
        out.text(f.severity.rawValue)
        out.markup("\" data-pack=\"")
        var packs: [String] = []
        for member in problem where !packs.contains(member.packID) { packs.append(member.packID) }
        out.text(packs.joined(separator: " "))
        out.markup("\">\n<h4>")
        stateBadge(f.state)
        out.markup(" ")
        severityBadge(f.severity)
        out.markup(" ")
        out.text(f.title[language])
        out.markup("</h4>\n<div class=\"rule\"><a href=\"")
        out.text(context.ruleDocURL(f.ruleID))
        out.markup("\" title=\"")
        out.text(f.packID)
        out.markup("\">")
        out.text(f.ruleID)
        out.markup("</a> · ")
        out.text(f.force.label[language])
        out.markup("</div>\n<p class=\"message\">")
        out.text(f.message[language])
        out.markup("</p>\n<dl>\n")
        if let expects = f.expects {
            term(.expected, expects[language])
        }
        let binding = f.citations.filter { $0.binds(venueJurisdiction: jurisdiction) }
        let guidance = f.citations.filter { !$0.binds(venueJurisdiction: jurisdiction) }
        if !binding.isEmpty { citationList(.citations, binding) }
        if !guidance.isEmpty { citationList(.guidance, guidance) }
        if let waiver = f.waiver {
            termStart(.waiver, "<dd>")
            out.text(waiver.reason)
            out.markup(" (")
            out.text(waiver.approvedBy)
            out.markup("; ")
            label(.waiverExpires)
            out.markup(" ")
            out.text(waiver.expires.description)
            out.markup(")")
            if !waiver.active {
                out.markup(" <strong class=\"state-fail\">")
                label(.waiverInactive)
                out.markup("</strong>")
            }
            out.markup("</dd>\n")
        }
        termStart(.remediation, "<dd><ol class=\"actions\">")
        let actions = ReportFormatting.actions(f.remediation[language])
        for action in actions.isEmpty ? [f.remediation[language]] : actions {
            out.markup("<li>")
            out.text(action)
            out.markup("</li>")
        }
        out.markup("</ol></dd>\n")
        if problem.count > 1 {
            termStart(.sameProblem, "<dd><ul class=\"plain related\">")
            for other in problem.dropFirst() { related(other) }
            out.markup("</ul></dd>\n")
        }
        out.markup("</dl>\n")
        ruleLogic(f)
        out.markup("\n</article>\n")
    }

    /// A passed or not-applicable finding in one line.
    mutating func compactCard(_ f: Finding) {
        out.markup("<article class=\"finding compact state-")
        out.text(f.state.rawValue)
        out.markup("\" id=\"")
        out.text(anchor(f))
        out.markup("\" data-state=\"")
        out.text(f.state.rawValue)
        out.markup("\" data-severity=\"")
        out.text(f.severity.rawValue)
        out.markup("\" data-pack=\"")
        out.text(f.packID)
        out.markup("\">\n<h4>")
        stateBadge(f.state)
        out.markup(" <a class=\"rule\" href=\"")
        out.text(context.ruleDocURL(f.ruleID))
        out.markup("\">")
        out.text(f.ruleID)
        out.markup("</a> ")
        if f.state == .pass {
            out.text(f.message[language])
        } else {
            out.text(f.title[language])
            out.markup(" <span class=\"summary\">")
            out.text(f.message[language])
            out.markup("</span>")
        }
        out.markup("</h4>\n</article>\n")
    }

    /// Where the finding comes from and why, folded away: location, source line, condition,
    /// evidence.
    mutating func ruleLogic(_ f: Finding) {
        guard f.expected != nil || f.location != nil || !f.evidence.isEmpty else { return }
        out.markup("<details class=\"logic\"><summary>")
        label(.ruleLogic)
        out.markup("</summary>\n<dl>\n")
        if let location = f.location {
            termStart(.location, "<dd class=\"loc\">")
            out.text(location.description)
            out.markup("</dd>\n")
        }
        if let sourceLine = f.sourceLine {
            termStart(.sourceLine, "<dd><pre class=\"source\">")
            out.text(sourceLine)
            out.markup("</pre></dd>\n")
        }
        if let expected = f.expected {
            termStart(.condition, "<dd><code>")
            out.text(expected[language])
            out.markup("</code></dd>\n")
        }
        if !f.evidence.isEmpty {
            termStart(.evidence, "<dd><ul class=\"plain\">")
            for e in f.evidence {
                out.markup("<li><code>")
                out.text(e.name)
                out.markup("</code> = ")
                out.text(e.value)
                if let location = e.location { locationInBrackets(location) }
                out.markup("</li>")
            }
            out.markup("</ul></dd>\n")
        }
        out.markup("</dl>\n</details>")
    }

    mutating func locationInBrackets(_ location: FileLocation) {
        out.markup(" <span class=\"loc\">(")
        out.text(location.description)
        out.markup(")</span>")
    }

    // MARK: - Related rules and citations

    /// A further rule failed by the same fact as the card's lead finding: its rule, severity,
    /// title and citations, in one line.
    mutating func related(_ f: Finding) {
        let jurisdiction = result.venue.jurisdiction
        out.markup("<li id=\"")
        out.text(anchor(f))
        out.markup("\">")
        severityBadge(f.severity)
        out.markup(" ")
        out.text(f.title[language])
        out.markup(" <a class=\"rule\" href=\"")
        out.text(context.ruleDocURL(f.ruleID))
        out.markup("\" title=\"")
        out.text(f.packID)
        out.markup("\">")
        out.text(f.ruleID)
        out.markup("</a> · ")
        out.text(f.force.label[language])
        // Binding instruments first; guidance keeps its force label in brackets.
        let cited =
            f.citations.filter { $0.binds(venueJurisdiction: jurisdiction) }
            + f.citations.filter { !$0.binds(venueJurisdiction: jurisdiction) }
        for c in cited {
            out.markup("<br><span class=\"cite\">")
            citation(c)
            out.markup("</span>")
        }
        out.markup("</li>")
    }

    mutating func citationList(_ key: ReportLabels.Key, _ citations: [Citation]) {
        termStart(key, "<dd><ul class=\"plain\">")
        for c in citations {
            out.markup("<li>")
            citation(c)
            out.markup("</li>")
        }
        out.markup("</ul></dd>\n")
    }

    /// One cited instrument and provision, a link when the source has a web address; the
    /// instrument's force follows it in brackets.
    mutating func citation(_ c: Citation) {
        let url = c.url ?? ""
        let linkable = url.hasPrefix("https://") || url.hasPrefix("http://")
        if linkable {
            out.markup("<a href=\"")
            out.text(url)
            out.markup("\" rel=\"noreferrer\">")
        }
        out.text(c.instrument[language])
        out.text(citationJoin)
        out.text(c.provisionText(in: language))
        if let force = c.force {
            out.text(language == .zh ? "（\(force.label.zh)）" : " (\(force.label.en))")
        }
        if linkable { out.markup("</a>") }
    }

    // MARK: - Observations on site

    mutating func observations() {
        if !result.observations.isEmpty {
            out.markup("<h2>")
            label(.observations)
            out.markup("</h2>\n<ul>\n")
            for o in result.observations {
                out.markup("<li><strong title=\"")
                out.text(o.kind)
                out.markup("\">")
                out.text(VocabularyLabels.words(o.kind, .observationKind, language))
                out.markup("</strong>")
                if let at = o.at {
                    out.markup(" · <code>")
                    out.text(at)
                    out.markup("</code>")
                }
                if let location = o.location { locationInBrackets(location) }
                if let note = o.note {
                    out.text(colon)
                    out.text(note)
                }
                if !o.evidence.isEmpty {
                    out.markup("<ul class=\"plain\">")
                    for e in o.evidence {
                        out.markup("<li>")
                        out.text(e)
                        out.markup("</li>")
                    }
                    out.markup("</ul>")
                }
                out.markup("</li>\n")
            }
            out.markup("</ul>\n")
        }
        out.markup("\n")
    }

    // MARK: - Notes on the input file (diagnostics)

    mutating func diagnostics() {
        if !result.diagnostics.isEmpty {
            out.markup("<h2>")
            label(.diagnostics)
            out.markup("</h2>\n<ul>\n")
            for d in result.diagnostics {
                out.markup("<li><span class=\"loc\">")
                out.text(d.location?.description ?? "")
                out.markup("</span> <strong>")
                out.text(d.severity.rawValue)
                out.markup("</strong> [")
                out.text(d.code)
                out.markup("] ")
                out.text(d.message)
                for note in d.notes {
                    out.markup("<br><span class=\"loc\">")
                    label(.note)
                    out.text(colon)
                    out.markup("</span>")
                    out.text(note)
                }
                out.markup("</li>\n")
            }
            out.markup("</ul>\n")
        }
        out.markup("\n")
    }

    // MARK: - Sign-off (printed only) and footer

    mutating func signoff() {
        out.markup("<section class=\"signoff\" aria-label=\"")
        label(.signoff)
        out.markup("\">\n<h2>")
        label(.signoff)
        out.markup("</h2>\n<p class=\"meta\">")
        label(.signoffNote)
        out.markup("</p>\n<table>\n<tr><th></th><th>")
        label(.name)
        out.markup("</th><th>")
        label(.signature)
        out.markup("</th><th>")
        label(.date)
        out.markup("</th></tr>\n<tr><th>")
        label(.inspector)
        out.markup("</th><td>")
        if let assessor = result.assessment.assessor { out.text(assessor) }
        out.markup("</td><td></td><td></td></tr>\n<tr><th>")
        label(.venueRepresentative)
        out.markup("</th><td></td><td></td><td></td></tr>\n</table>\n</section>\n\n")
    }

    mutating func footer() {
        out.markup("<footer>\n<dl class=\"meta\">\n<dt>")
        label(.input)
        out.markup("</dt><dd><code>")
        out.text(result.input.path)
        out.markup("</code> (#")
        out.text(result.input.documentIndex)
        out.markup(")</dd>\n<dt>")
        label(.sha256)
        out.markup("</dt><dd><code>")
        out.text(result.input.sha256)
        out.markup("</code></dd><br>\n<dt>")
        label(.profile)
        out.markup("</dt><dd class=\"nw\">")
        out.text("\(result.profile.id) \(result.profile.version)")
        out.markup("</dd>\n<dt>")
        label(.packs)
        out.markup("</dt><dd>")
        for pack in result.packs {
            out.text(pack.id)
            out.markup(" ")
            out.text(pack.version)
            out.markup(" ")
        }
        out.markup("</dd>\n<dt>")
        label(.asOf)
        out.markup("</dt><dd class=\"nw\">")
        out.text(result.asOf.description)
        out.markup("</dd><br>\n<dt>")
        label(.tool)
        out.markup("</dt><dd class=\"nw\">venue-audit ")
        out.text(context.toolVersion)
        out.markup("</dd>\n<dt>")
        label(.generated)
        out.markup("</dt><dd class=\"nw\">")
        out.text(context.generatedAtISO)
        out.markup("</dd>\n</dl>\n</footer>\n\n")
    }
}
