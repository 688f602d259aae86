import AuditBasics
import AuditResults
import Reporters
import TestSupport
import Testing

@Suite("The terminal tells the story in order")
struct TextOrderTests {
    @Test("failures most severe first, even when a lesser one comes earlier in the file; then errors, then unknowns")
    func order() throws {
        let findings = [
            Fixtures.finding("R-UNKNOWN-EARLY", .unknown, .critical, location: Fixtures.at(1, 1)),
            Fixtures.finding("R-LOW-EARLY", .fail, .low, location: Fixtures.at(2, 1)),
            Fixtures.finding("R-ERROR", .error, .high, location: Fixtures.at(3, 1)),
            Fixtures.finding("R-CRITICAL-LATE", .fail, .critical, location: Fixtures.at(9, 1)),
            Fixtures.finding("R-HIGH-MIDDLE", .fail, .high, location: Fixtures.at(5, 1)),
            Fixtures.finding("R-PASS", .pass, .critical, location: Fixtures.at(4, 1)),
        ]
        let text = try TextReporter(context: .pinnedForTests).render(Fixtures.result(findings: findings))
        let firstLines = text.split(separator: "\n").filter { $0.contains(": [R-") || $0.hasPrefix("==") }.map(String.init)
        #expect(
            firstLines.map { line in line.hasPrefix("==") ? line : String(line.split(separator: "[")[1].split(separator: "]")[0]) } == [
                "== What to do first ==", "== Failures, most severe first: 3 findings ==", "R-CRITICAL-LATE", "R-HIGH-MIDDLE",
                "R-LOW-EARLY",
                "== Could not be evaluated: 1 finding ==", "R-ERROR", "== Insufficient evidence: 1 finding ==", "R-UNKNOWN-EARLY",
            ])
        #expect(text.split(separator: "\n").last?.contains("Of 6 findings, 3 failed") == true)
    }
}
