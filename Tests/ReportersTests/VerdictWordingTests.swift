import AuditBasics
import AuditResults
import Foundation
import Reporters
import TestSupport
import Testing

/// "Compliant: 11 fail" reads as a contradiction to a venue manager; every human format says
/// what it means instead, in both languages.
@Suite("Verdict wording")
struct VerdictWordingTests {
    /// The mall fixture with every fail at or above the threshold, every unknown and every error
    /// removed: compliant at the threshold, with lower fails left.
    private static var compliantWithLowerFails: AuditResult {
        var result = Fixtures.mall
        result.findings.removeAll { f in
            (f.state == .fail && f.severity >= result.failThreshold) || f.state == .unknown || f.state == .error
        }
        return result
    }

    @Test("a compliant venue with lower fails reads as compliant at the threshold, with them to fix")
    func compliantWithLowerFindings() throws {
        let result = Self.compliantWithLowerFails
        #expect(result.verdict == .compliant)
        let n = result.failuresBelowThreshold
        #expect(n > 0)
        let en = "Compliant at the high threshold, with \(n) lower or non-binding findings to fix"
        let zh = "在“高”级门槛下合规，仍有 \(n) 项较低级别或无约束力的问题需要整改"
        #expect(result.verdictHeadline == LocalizedText(en: en, zh: zh))

        var context = ReportContext.pinnedForTests
        #expect(TextReporter(context: context).summaryLine(result).contains(": \(en). Of "))
        #expect(try HTMLReporter(context: context).render(result).contains(en))
        #expect(try JSONReporter(context: context).render(result).contains("\"en\": \"\(en)\""))
        context.language = .zh
        #expect(TextReporter(context: context).summaryLine(result).contains(": \(zh)。共 "))
        #expect(try HTMLReporter(context: context).render(result).contains(zh))
    }

    @Test("the other verdicts keep their plain words, and one lower finding is singular")
    func plainVerdicts() {
        #expect(Verdict.headline(.compliant, threshold: .high, lowerFailures: 0).en == "Compliant")
        #expect(Verdict.headline(.nonCompliant, threshold: .high, lowerFailures: 3).en == "Non-compliant")
        #expect(Verdict.headline(.incomplete, threshold: .high, lowerFailures: 0).en == "Incomplete: evidence missing")
        #expect(
            Verdict.headline(.compliant, threshold: .medium, lowerFailures: 1).en
                == "Compliant at the medium threshold, with 1 lower or non-binding finding to fix")
        #expect(
            Verdict.headline(.incomplete, threshold: .high, lowerFailures: 2).zh
                == "不完整：证据不足，仍有 2 项较低级别或无约束力的问题需要整改")
    }
}
