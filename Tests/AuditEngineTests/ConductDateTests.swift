import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import TestSupport
import Testing

/// A Chinese mall inspected in 2022 that records an incident and one register book.
private func mall(incidentDate: String?, assessed: String = "2022-03-01", since: String? = nil) -> String {
    let date = incidentDate.map { "date: \($0), " } ?? ""
    let sinceLine = since.map { "\n    since: \($0)" } ?? ""
    return """
        format: venue-audit/1
        venue: { id: CN-TEST-0001, name: Test Mall, type: shopping_mall, jurisdiction: CN-SC }
        assessment: { kind: inspection, date: \(assessed) }
        collection_points:
          - id: book
            method: paper_register\(sinceLine)
            purpose: [epidemic_contact_tracing]
            fields: [name, phone]
            storage: { medium: paper, visible_to_other_visitors: true, attended: never, locked_when_unattended: false }
        incidents:
          - { \(date)kind: disclosure, records_affected: 40, reported_to_authority_within_hours: null, individuals_notified: false }
        """
}

@Suite("Conduct judged by the law in force at its own date")
struct ConductDateTests {
    let catalog: Catalog

    init() throws { catalog = try TestCatalogs.real() }

    @Test("an incident of 2020-12-08 recorded in 2022 is not judged under PIPL Art. 57 or Civil Code Art. 1038")
    func incidentBeforeTheLaw() throws {
        let result = try TestCatalogs.audit(mall(incidentDate: "2020-12-08"), catalog: catalog)
        for rule in ["CN-PIPL-57-REPORT-AUTHORITY", "CN-PIPL-57-NOTIFY-INDIVIDUALS", "CN-CC-1038-LEAK-REMEDY"] {
            let findings = result.findings(rule)
            #expect(findings.map(\.state) == [.notApplicable], "\(rule)")
            #expect(findings.first?.message.en.hasPrefix("not in force on 2020-12-08, when this incident happened") == true)
        }
        // The same incident in 2022 is judged under both.
        let later = try TestCatalogs.audit(mall(incidentDate: "2022-01-15"), catalog: catalog)
        #expect(later.findings("CN-PIPL-57-REPORT-AUTHORITY").map(\.state) == [.fail])
        #expect(later.findings("CN-CC-1038-LEAK-REMEDY").map(\.state) == [.fail])
    }

    @Test(
        "an undated incident is unknown under a law that started within the possible span; a month is enough when the law covers all of it")
    func undatedAndMonthOnlyIncidents() throws {
        let undated = try TestCatalogs.audit(mall(incidentDate: nil), catalog: catalog)
        let pipl = try #require(undated.findings("CN-PIPL-57-REPORT-AUTHORITY").first)
        #expect(pipl.state == .unknown)
        #expect(pipl.message.en.contains("the incident's date is not recorded"))
        let month = try TestCatalogs.audit(mall(incidentDate: "2021-11"), catalog: catalog)
        #expect(month.findings("CN-PIPL-57-REPORT-AUTHORITY").map(\.state) == [.fail])
        let before = try TestCatalogs.audit(mall(incidentDate: "2021-10"), catalog: catalog)
        #expect(before.findings("CN-PIPL-57-REPORT-AUTHORITY").map(\.state) == [.notApplicable])
    }

    @Test("a practice is judged by any law in force during its span, and only the edition of a standard then in force is cited")
    func practiceSpanAndEditions() throws {
        // Assessed in August 2020: only the 2017 edition of GB/T 35273 was in force.
        let early = try TestCatalogs.audit(mall(incidentDate: "2020-07-01", assessed: "2020-08-01"), catalog: catalog)
        let display2020 = try #require(early.findings("CN-GBT35273-7.2-DISPLAY").first)
        #expect(display2020.state == .fail)
        #expect(display2020.citations.map(\.key) == ["cn-gbt35273-2017#cl-7.2"])
        // Assessed in 2022, a practice begun in 2021: only the 2020 edition.
        let late = try TestCatalogs.audit(mall(incidentDate: "2022-01-15", since: "2021-03-01"), catalog: catalog)
        #expect(try #require(late.findings("CN-GBT35273-7.2-DISPLAY").first).citations.map(\.key) == ["cn-gbt35273-2020#cl-7.2"])
        // A practice that ran since 2019: both editions applied in turn.
        let long = try TestCatalogs.audit(mall(incidentDate: "2022-01-15", since: "2019-06-01"), catalog: catalog)
        #expect(
            try #require(long.findings("CN-GBT35273-7.2-DISPLAY").first).citations.map(\.key)
                == ["cn-gbt35273-2017#cl-7.2", "cn-gbt35273-2020#cl-7.2"])
    }

    @Test("a failure of a recommended standard or good practice alone does not make a venue non-compliant")
    func forceWeighsInTheVerdict() throws {
        let result = try TestCatalogs.audit(mall(incidentDate: "2020-07-01", assessed: "2020-08-01"), catalog: catalog)
        let binding = result.findings.filter { $0.state == .fail && $0.severity >= result.failThreshold && $0.bindsVenue }
        let advisory = result.findings.filter { $0.state == .fail && !$0.bindsVenue }
        #expect(!advisory.isEmpty)
        #expect(advisory.allSatisfy { [.recommendedStandard, .guidance, .goodPractice].contains($0.force) })
        #expect(!binding.isEmpty)
        #expect(result.verdict == .nonCompliant)
        // Take away every binding failure: what is left cannot make the venue non-compliant.
        var onlyAdvisory = result
        onlyAdvisory.findings = result.findings.filter { !($0.state == .fail && $0.bindsVenue) }
            .map { f in
                var f = f
                if f.state == .unknown || f.state == .error { f.state = .notApplicable }
                return f
            }
        #expect(onlyAdvisory.findings.contains { $0.state == .fail && $0.severity >= result.failThreshold })
        #expect(onlyAdvisory.verdict == .compliant)
        #expect(onlyAdvisory.failuresBelowThreshold == advisory.count)
    }

    @Test(
        "after the 2017 Cybersecurity Law text ended: a paper book is not applicable whatever the date, a QR form of unknown start is unknown, one begun in 2026 is not applicable"
    )
    func endedLawAndTheKindOfTarget() throws {
        let base = mall(incidentDate: "2026-01-10", assessed: "2026-02-01")
        let paper = try TestCatalogs.audit(
            base.replacingOccurrences(of: "fields: [name, phone]", with: "fields: [name, phone, id_number]"), catalog: catalog)
        #expect(paper.findings("CN-CSL-41-MINIMUM").map(\.state) == [.notApplicable])
        #expect(paper.findings("CN-CSL-41-MINIMUM").first?.message.en == "does not apply here")
        let form = base.replacingOccurrences(of: "method: paper_register", with: "method: venue_qr_form")
            .replacingOccurrences(of: "fields: [name, phone]", with: "fields: [name, phone, id_number]")
        let unknown = try #require(try TestCatalogs.audit(form, catalog: catalog).findings("CN-CSL-41-MINIMUM").first)
        #expect(unknown.state == .unknown)
        #expect(unknown.message.en.contains("when it began (since) is not recorded"))
        let old = try TestCatalogs.audit(
            form.replacingOccurrences(of: "method: venue_qr_form", with: "method: venue_qr_form\n    since: 2025-03-01"), catalog: catalog)
        #expect(old.findings("CN-CSL-41-MINIMUM").map(\.state) == [.fail])
        let new = try TestCatalogs.audit(
            form.replacingOccurrences(of: "method: venue_qr_form", with: "method: venue_qr_form\n    since: 2026-01-05"), catalog: catalog)
        #expect(new.findings("CN-CSL-41-MINIMUM").map(\.state) == [.notApplicable])
    }

    @Test("an ID number is sensitive in China from the day GB/T 35273 Annex B listed it, judged on the conduct's date")
    func idNumberSensitivityByDate() throws {
        let taxonomy = catalog.taxonomy
        #expect(!taxonomy.isSensitive("id_number", in: "CN-SC", on: try #require(CivilDate(iso: "2018-04-30"))))
        #expect(taxonomy.isSensitive("id_number", in: "CN-SC", on: try #require(CivilDate(iso: "2018-05-01"))))
        #expect(taxonomy.isSensitive("id_number", in: "CN", on: try #require(CivilDate(iso: "2026-01-01"))))
        #expect(!taxonomy.isSensitive("id_number", in: "GB-ENG", on: try #require(CivilDate(iso: "2021-01-01"))))
        // PIPL Art. 28 in 2022: an ID number collected with no stated necessity.
        let result = try TestCatalogs.audit(
            mall(incidentDate: "2022-01-15").replacingOccurrences(of: "fields: [name, phone]", with: "fields: [name, phone, id_number]"),
            catalog: catalog)
        let pipl28 = try #require(result.findings("CN-PIPL-28-SENSITIVE-NECESSITY").first)
        #expect(pipl28.state == .fail)
        #expect(pipl28.message.en.contains("id_number") || pipl28.message.en.contains("ID number"), "\(pipl28.message.en)")
    }

    @Test("guidance and other jurisdictions' law cited by a rule are not the legal basis of a Chinese venue")
    func legalBasisIsWhatBindsTheVenue() throws {
        let result = try TestCatalogs.audit(mall(incidentDate: "2020-07-01", assessed: "2020-12-10"), catalog: catalog)
        let hidden = try #require(result.findings("PRACTICE-REGISTER-HIDDEN").first)
        #expect(!hidden.citations.isEmpty)
        #expect(hidden.citations.allSatisfy { !$0.binds(venueJurisdiction: "CN-SC") })
        let cac = try #require(result.findings("CN-CAC2020-4-SECURITY").first)
        #expect(cac.citations.allSatisfy { $0.binds(venueJurisdiction: "CN-SC") })
        #expect(cac.force == .normativeNotice)
        // The GDPR binds a French venue although its registry code is EU; the UK GDPR does not.
        let gdpr = Citation(
            key: "eu-gdpr#art-32", instrument: LocalizedText("GDPR"), provision: "Art. 32", url: nil, force: .statute, jurisdiction: "EU")
        #expect(gdpr.binds(venueJurisdiction: "FR-75"))
        #expect(!gdpr.binds(venueJurisdiction: "GB-ENG"))
    }
}
