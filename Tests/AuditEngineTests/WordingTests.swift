import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import TestSupport
import Testing

private let venue = """
    format: venue-audit/1
    venue: { id: CN-0001, name: Test Mall, type: shopping_mall, jurisdiction: CN-SC }
    assessment: { kind: inspection, date: 2022-06-10 }
    collection_points:
      - id: book
        method: paper_register
        purpose: [epidemic_contact_tracing]
        fields: [name, id_number, phone]
        storage: { medium: paper, visible_to_other_visitors: false }
    observations:
      - { at: book, kind: photo_of_register_taken }
      - { at: book, kind: records_in_trash }
    incidents:
      - { date: 2022-05-01, kind: leak, individuals_notified: true }
    """

@Suite("Words that do not mislead")
struct WordingTests {
    @Test("a passing rule says what was found to hold, not its title, which names the problem")
    func passSaysWhatHeld() throws {
        let result = try TestCatalogs.audit(venue, catalog: try TestCatalogs.real())
        // The second observation is not a photograph, so the photo rule passes for it.
        let photo = result.findings.filter { $0.ruleID == "PRACTICE-OBS-PHOTO-TAKEN" }
        #expect(photo.map(\.state) == [.fail, .pass])
        #expect(photo[1].message.en == "The assessor sees no one photograph the register")
        #expect(photo[1].message.zh == "检查人员未发现有人拍摄登记内容")
        #expect(!photo[1].message.en.contains(photo[1].title.en))
    }

    @Test("an unknown names the missing field in words and the incident once, counting from one")
    func incidentPath() throws {
        let result = try TestCatalogs.audit(venue, catalog: try TestCatalogs.real())
        let report = try #require(result.findings.first { $0.ruleID == "CN-PIPL-57-REPORT-AUTHORITY" })
        #expect(report.state == .unknown)
        #expect(report.message.en == "for incident 1, when it was reported to the authority is not recorded")
        #expect(report.message.zh == "事件 1 未记录向主管部门报告的时间")
        #expect(!result.findings.contains { $0.message.en.contains("incidents[incidents") })
    }

    @Test("every unknown about a position-named incident names it once, in words")
    func pathFallback() throws {
        let text = venue.replacingOccurrences(of: "kind: leak, individuals_notified: true", with: "kind: leak")
        let result = try TestCatalogs.audit(text, catalog: try TestCatalogs.real())
        #expect(!result.findings.contains { $0.message.en.contains("incidents[incidents") })
        let told = try #require(result.findings.first { $0.ruleID == "CN-PIPL-57-NOTIFY-INDIVIDUALS" })
        #expect(told.message.en == "for incident 1, whether the people affected were told is not recorded")
    }

    @Test("vocabulary values filled into a failure message read in its language")
    func messagesInWords() throws {
        let result = try TestCatalogs.audit(venue, catalog: try TestCatalogs.real())
        let photo = try #require(result.findings.first { $0.ruleID == "CN-PIPL-51-OBSERVED-EXPOSURE" && $0.state == .fail })
        #expect(photo.message.en == "observed at book: someone photographed the register")
        #expect(photo.message.zh.hasSuffix("有人拍摄了登记内容"))
        #expect(photo.evidence.first { $0.name == "kind" }?.value == "photo_of_register_taken")
    }

    @Test(
        "counts read as a sentence, plural-correct in English",
        arguments: [
            ([FindingState.pass: 1], [Severity: Int](), "of 1 finding, 1 passed", "共 1 项检查，其中 1 项通过"),
            (
                [.fail: 3, .unknown: 1, .notApplicable: 2], [.critical: 1, .medium: 2],
                "of 6 findings, 3 failed (1 critical, 2 medium), 1 lacked evidence, 2 did not apply",
                "共 6 项检查，其中 3 项未通过（严重 1 项、中 2 项），1 项证据不足，2 项不适用"
            ),
            ([:], [:], "no findings", "无检查结果"),
        ])
    func counts(states: [FindingState: Int], failing: [Severity: Int], en: String, zh: String) {
        #expect(CountWording.findings(states: states, failing: failing, language: .en) == en)
        #expect(CountWording.findings(states: states, failing: failing, language: .zh) == zh)
        #expect(CountWording.failing(1, language: .en) == "1 finding fails")
        #expect(CountWording.failing(4, language: .en) == "4 findings fail")
    }
}
