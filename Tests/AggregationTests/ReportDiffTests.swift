import Aggregation
import AuditBasics
import AuditResults
import Foundation
import Reporters
import TestSupport
import Testing

@Suite("Report diff")
struct ReportDiffTests {
    /// Writes `result` as XML and reads it back as the diff command does.
    func summary(_ result: AuditResult, date: String) throws -> ReportSummary {
        var r = result
        r.assessment.date = Fixtures.date(date)
        let xml = try XMLReporter(context: .pinnedForTests).render(r)
        return try ReportReader().read(bytes: Array(xml.utf8), path: "\(date).xml").get()
    }

    @Test("each finding is new, fixed, still failing, newly waived, unverified or severity changed")
    func categories() throws {
        func f(_ rule: String, _ state: FindingState, _ severity: Severity, _ pack: String, _ target: String) -> Finding {
            Fixtures.finding(rule, state, severity, pack: pack, target: target)
        }
        let old = Fixtures.result(findings: [
            f("XA-A-FIXED", .fail, .high, "test-pack", "book"), f("XA-B-STILL", .fail, .medium, "test-pack", "book"),
            f("XA-C-NEW", .pass, .high, "test-pack", "book"), f("XA-D-WAIVED", .fail, .medium, "test-pack", "book"),
            f("XA-E-SEVERITY", .pass, .medium, "test-pack", "book"), f("XA-F-UNKNOWN", .fail, .low, "test-pack", "book"),
            f("XA-G-GONE", .fail, .low, "test-pack", "slips"), f("XA-H-SAME", .pass, .low, "test-pack", "book"),
            f("XA-B-STILL", .fail, .medium, "test-pack", "slips"),
        ])
        let new = Fixtures.result(findings: [
            f("XA-A-FIXED", .pass, .high, "test-pack", "book"), f("XA-B-STILL", .fail, .medium, "test-pack", "book"),
            f("XA-C-NEW", .fail, .high, "test-pack", "book"), f("XA-D-WAIVED", .waived, .medium, "test-pack", "book"),
            f("XA-E-SEVERITY", .pass, .high, "test-pack", "book"), f("XA-F-UNKNOWN", .unknown, .low, "test-pack", "book"),
            f("XA-H-SAME", .pass, .low, "test-pack", "book"), f("XA-B-STILL", .fail, .critical, "test-pack", "slips"),
        ])
        let diff = ReportDiff(old: try summary(old, date: "2021-03-01"), new: try summary(new, date: "2021-06-01"))
        let got = diff.entries.map { "\($0.change.rawValue) \($0.key)" }
        #expect(
            got == [
                "new XA-C-NEW[book]", "fixed XA-A-FIXED[book]", "fixed XA-G-GONE[slips]",
                "still_failing XA-B-STILL[book]", "still_failing XA-B-STILL[slips]", "newly_waived XA-D-WAIVED[book]",
                "unverified XA-F-UNKNOWN[book]", "severity_changed XA-E-SEVERITY[book]",
            ])
        #expect(diff.unchanged == 1)
        #expect(diff.entries.first { $0.key == "XA-B-STILL[slips]" }?.severityChanged == true)

        let sarif = DiffRenderer.sarif(diff, newPath: "new.xml", toolVersion: "0.0.0-test")
        let doc = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        let results = ((doc?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let states = results.map { "\($0["ruleId"] ?? "") \($0["baselineState"] ?? "")" }
        #expect(
            states == [
                "XA-C-NEW new", "XA-A-FIXED absent", "XA-G-GONE absent", "XA-B-STILL unchanged", "XA-B-STILL updated",
                "XA-D-WAIVED updated", "XA-F-UNKNOWN updated", "XA-E-SEVERITY updated",
            ])
        let text = DiffRenderer.text(diff, oldPath: "old.xml", newPath: "new.xml")
        #expect(text.contains("new.xml: error: [XA-C-NEW] new: XA-C-NEW[book]"))
        #expect(text.hasSuffix("1 new, 2 fixed, 2 still failing, 1 newly waived, 1 unverified, 1 severity changed, 1 unchanged\n"))
        let html = DiffRenderer.html(diff, oldPath: "old.xml", newPath: "<new>.xml", language: .zh)
        #expect(html.contains("&lt;new&gt;.xml") && html.contains("新增") && html.contains("data-figure=\"diff/fixed\">2<"))
    }
}
