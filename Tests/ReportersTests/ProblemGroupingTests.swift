import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import Reporters
import TestSupport
import Testing

/// Findings about one fact read as one problem with several legal bases, while each rule keeps
/// its own finding: grouped in the HTML and text reports, numbered in XML, JSON and SARIF.
@Suite("One problem, several legal bases")
struct ProblemGroupingTests {
    /// ID numbers in the register's fields fail three rules at one node; a fourth rule fails
    /// elsewhere; a pass at the same node and an unknown there are not part of the problem.
    static let findings = [
        Fixtures.finding(
            "CN-CAC-2", .fail, .high, pack: "cn-cac-2020", location: Fixtures.at(30, 20),
            title: LocalizedText(en: "Beyond the minimum scope", zh: "超出最小范围")),
        Fixtures.finding("CN-OTHER", .fail, .medium, location: Fixtures.at(44, 7)),
        Fixtures.finding(
            "CN-GBT-5.2", .fail, .medium, pack: "cn-gbt35273", location: Fixtures.at(30, 20),
            title: LocalizedText(en: "ID numbers not needed", zh: "无需身份证号码")),
        Fixtures.finding(
            "CN-PIPL-6", .fail, .high, pack: "cn-pipl", location: Fixtures.at(30, 20),
            title: LocalizedText(en: "Not the minimum", zh: "非最小必要")),
        Fixtures.finding("CN-PASS", .pass, .high, location: Fixtures.at(30, 20)),
        Fixtures.finding("CN-UNKNOWN", .unknown, .high, location: Fixtures.at(30, 20)),
        // Same node, another target: another fact.
        Fixtures.finding("CN-ELSEWHERE", .fail, .high, target: "side-door-book", location: Fixtures.at(30, 20)),
    ]

    @Test("the text report prints the problem once, led by its most severe rule, the others as notes")
    func text() throws {
        let text = try TextReporter(context: .pinnedForTests).render(Fixtures.result(findings: Self.findings))
        let lines = text.split(separator: "\n").map(String.init)
        let failures = lines.drop { !$0.hasPrefix("== Failures") }
        #expect(failures.first == "== Failures, most severe first: 3 problems (5 findings) ==")
        let errors = failures.filter { $0.contains(": error: ") }
        #expect(errors.count == 2)  // the ID-number problem (high) and the other book's (high)
        #expect(errors.contains { $0.contains("[CN-CAC-2]") })
        #expect(!errors.contains { $0.contains("[CN-PIPL-6]") || $0.contains("[CN-GBT-5.2]") })
        #expect(
            failures.contains(
                "samples/mall.yaml:30:20: note: same problem, also [CN-PIPL-6] (high): Not the minimum; see docs/rules/CN-PIPL-6.md"))
        #expect(
            failures.contains(
                "samples/mall.yaml:30:20: note: same problem, also [CN-GBT-5.2] (medium): ID numbers not needed; see docs/rules/CN-GBT-5.2.md"
            ))
        #expect(failures.contains { $0.contains("warning: [CN-OTHER]") })
        // A problem of one finding has no "same problem" note; the unknown stays its own.
        #expect(lines.contains("== Insufficient evidence: 1 finding =="))
        #expect(lines.filter { $0.contains("same problem") }.count == 2)
    }

    @Test("the Chinese text heading counts problems and findings")
    func textChinese() throws {
        var context = ReportContext.pinnedForTests
        context.language = .zh
        let text = try TextReporter(context: context).render(Fixtures.result(findings: Self.findings))
        #expect(text.contains("== 未通过项（按严重程度从高到低）：3 个问题（5 项） =="))
        #expect(text.contains("note: 同一问题还涉及 [CN-PIPL-6]（严重程度：高）：非最小必要"))
    }

    @Test("the HTML report shows one card per problem, each further rule with its own anchor and the card filterable by every pack")
    func html() throws {
        let html = try HTMLReporter(context: .pinnedForTests).render(Fixtures.result(findings: Self.findings))
        // The lead's card, then the others listed inside it with their own ids.
        let card = try #require(html.range(of: "id=\"CN-CAC-2-north-gate-book\""))
        let related = try #require(html.range(of: "The same problem under other rules"))
        let pipl = try #require(html.range(of: "<li id=\"CN-PIPL-6-north-gate-book\">"))
        let gbt = try #require(html.range(of: "<li id=\"CN-GBT-5.2-north-gate-book\">"))
        #expect(card.upperBound < related.lowerBound && related.upperBound < pipl.lowerBound && pipl.upperBound < gbt.lowerBound)
        // No card of their own.
        #expect(!html.contains("<article class=\"finding state-fail\" id=\"CN-PIPL-6-north-gate-book\""))
        #expect(html.contains("data-pack=\"cn-cac-2020 cn-pipl cn-gbt35273\""))
        #expect(html.contains("(3 problems, 5 findings)"))
        // The plan still links to each rule's anchor, and every anchor it links to exists.
        for anchor in ["CN-CAC-2-north-gate-book", "CN-PIPL-6-north-gate-book", "CN-GBT-5.2-north-gate-book"] {
            #expect(html.contains("href=\"#\(anchor)\""))
            #expect(html.contains("id=\"\(anchor)\""))
        }
    }

    @Test("XML, JSON and SARIF keep one finding per rule and number the shared problem")
    func machineFormats() throws {
        let result = Fixtures.result(findings: Self.findings)
        let xml = try XMLReporter(context: .pinnedForTests).render(result)
        let elements = ["<finding ", "<pass ", "<not-applicable "].map { xml.components(separatedBy: $0).count - 1 }
        #expect(elements.reduce(0, +) == Self.findings.count)
        #expect(xml.components(separatedBy: "problem=\"1\"").count - 1 == 3)
        #expect(!xml.contains("problem=\"2\""))
        let problems = try XMLSchemaValidator.reportSchema().validate(xml: xml)
        #expect(problems.isEmpty, "\(problems)")

        let json = try #require(
            JSONSerialization.jsonObject(with: Data(try JSONReporter(context: .pinnedForTests).render(result).utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let numbered = findings.filter { $0["problem"] as? Int == 1 }.compactMap { $0["rule_id"] as? String }
        #expect(numbered.sorted() == ["CN-CAC-2", "CN-GBT-5.2", "CN-PIPL-6"])
        #expect(findings.first { $0["rule_id"] as? String == "CN-PASS" }?["problem"] is NSNull)

        let sarif = try #require(
            JSONSerialization.jsonObject(with: Data(try SARIFReporter(context: .pinnedForTests).render(result).utf8)) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.count == Self.findings.count)
        let withProblem = results.filter { (($0["properties"] as? [String: Any])?["problem"] as? Int) == 1 }
        #expect(withProblem.count == 3)
    }
}
