import AuditBasics
import AuditResults
import Reporters
import TestSupport
import Testing

@Suite("What to do first")
struct ActionPlanTests {
    static let findings = [
        // Two rules on one fact: one action, led by the more severe, closing both.
        Fixtures.finding(
            "R-BOOK-MEDIUM", .fail, .medium, location: Fixtures.at(30, 5),
            remediation: LocalizedText(en: "Lock the book away.", zh: "锁好登记本。")),
        Fixtures.finding(
            "R-BOOK-HIGH", .fail, .high, location: Fixtures.at(30, 5),
            remediation: LocalizedText(en: "Move the book behind the desk.", zh: "把登记本放到服务台内。")),
        Fixtures.finding(
            "R-BOOK-LOW", .fail, .low, location: Fixtures.at(40, 5),
            remediation: LocalizedText(en: "Keep a log.", zh: "做好记录。")),
        // An observation made at the book joins the book's group.
        Fixtures.finding(
            "R-OBS-CRITICAL", .fail, .critical, target: "observations[0]", scope: "observations", location: Fixtures.at(80, 5),
            evidence: [EvidenceItem(name: "at", value: "north-gate-book", location: nil)],
            remediation: LocalizedText(en: "Treat it as a leak.", zh: "按泄露处理。")),
        Fixtures.finding("R-PASSES", .pass, .critical, location: Fixtures.at(30, 5)),
        Fixtures.finding("R-UNKNOWN", .unknown, .critical, location: Fixtures.at(31, 5)),
    ]

    @Test("the text report opens with actions, most severe first, grouped by collection point, naming what each closes")
    func text() throws {
        let text = try TextReporter(context: .pinnedForTests).render(Fixtures.result(findings: Self.findings))
        let block = text.split(separator: "\n").map(String.init).prefix { !$0.hasPrefix("== Failures") }
        #expect(
            Array(block) == [
                "== What to do first ==",
                "Collection point north-gate-book",
                "  1. [critical] Treat it as a leak.",
                "     closes: R-OBS-CRITICAL",
                "  2. [high] Move the book behind the desk.",
                "     closes: R-BOOK-HIGH, R-BOOK-MEDIUM",
                "  3. [low] Keep a log.",
                "     closes: R-BOOK-LOW",
            ])
    }

    @Test("the HTML report has the same plan above the findings, linking each rule to its finding, in Chinese too")
    func html() throws {
        var context = ReportContext.pinnedForTests
        context.language = .zh
        let html = try HTMLReporter(context: context).render(Fixtures.result(findings: Self.findings))
        let plan = try #require(html.range(of: "<h2 id=\"plan-h\">优先整改事项</h2>"))
        let findings = try #require(html.range(of: "<main>"))
        #expect(plan.upperBound < findings.lowerBound)
        #expect(html.contains("把登记本放到服务台内。</span> <br><span class=\"closes\">解决：<a href=\"#R-BOOK-HIGH-north-gate-book\""))
        #expect(!html[plan.upperBound..<findings.lowerBound].contains("R-PASSES"))
        #expect(!html[plan.upperBound..<findings.lowerBound].contains("R-UNKNOWN"))
    }

    @Test("no plan when nothing fails")
    func nothingToDo() throws {
        let result = Fixtures.result(findings: [Fixtures.finding("R-PASSES", .pass)])
        #expect(try !TextReporter(context: .pinnedForTests).render(result).contains("What to do first"))
        #expect(try !HTMLReporter(context: .pinnedForTests).render(result).contains("plan-h"))
    }
}

@Suite("Severity you can see")
struct SeverityBadgeTests {
    @Test("every severity badge is coloured by class and says its level in words, in both languages")
    func badges() throws {
        for (language, words) in [(Language.en, ["critical", "high", "medium", "low"]), (.zh, ["严重", "高", "中", "低"])] {
            var context = ReportContext.pinnedForTests
            context.language = language
            let html = try HTMLReporter(context: context).render(Fixtures.mall)
            for (severity, word) in zip(["critical", "high", "medium", "low"], words) {
                #expect(html.contains("<span class=\"badge sev sev-\(severity)\">\(word)</span>"), "\(language) \(severity)")
            }
            #expect(html.contains(".sev-critical { background:"))
            // No badge relies on colour alone: none is empty.
            #expect(!html.contains("sev-critical\"></span>"))
        }
    }
}
