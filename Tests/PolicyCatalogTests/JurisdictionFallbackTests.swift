import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import TestSupport
import Testing
import VenueModel
import YAMLReader

@Suite("A jurisdiction falls back to the one that contains it")
struct JurisdictionFallbackTests {
    @Test("profiles: a subdivision falls back to its country, a member state to the EU, an unknown country to nothing")
    func profiles() throws {
        let catalog = try #require(RuleExampleCase.catalog)
        #expect(catalog.profile(forJurisdiction: "CN-SC")?.id == "CN")
        #expect(catalog.profile(forJurisdiction: "DE-BE")?.id == "DE-BE")
        #expect(catalog.profile(forJurisdiction: "IE")?.id == "IE")
        #expect(catalog.profile(forJurisdiction: "FR")?.id == "EU")
        #expect(catalog.profile(forJurisdiction: "FR-75")?.id == "EU")
        #expect(catalog.profile(forJurisdiction: "DE-BY")?.id == "EU")
        #expect(catalog.profile(forJurisdiction: "IT")?.id == "EU")
        #expect(catalog.profile(forJurisdiction: "GB-WLS") == nil)
        #expect(catalog.profile(forJurisdiction: "US") == nil)
        #expect(catalog.profile(forJurisdiction: "EUR") == nil)
    }

    @Test("health data is a special category in every member state, not only in the five listed before")
    func sensitivity() throws {
        let taxonomy = try #require(RuleExampleCase.catalog).taxonomy
        for code in ["FR", "IT", "ES", "NL", "PL", "IE", "DE-BY", "AT"] {
            #expect(taxonomy.isSensitive("body_temperature", in: code), "\(code)")
        }
        #expect(taxonomy.isSensitive("symptoms", in: "GB-ENG"))
        #expect(!taxonomy.isSensitive("body_temperature", in: "US"))
        #expect(!taxonomy.isSensitive("phone", in: "FR"))
        #expect(taxonomy.containing("FR-75") == ["FR-75", "FR", "EU"])
    }

    @Test("a French bar recording temperatures is audited under the EU profile without --profile, and Art. 9 fails")
    func frenchBar() throws {
        let catalog = try #require(RuleExampleCase.catalog)
        let text = """
            format: venue-audit/1
            venue: { id: FR-75-0001, type: bar, jurisdiction: FR }
            assessment: { kind: inspection, date: 2020-10-10 }
            collection_points:
              - { id: slips, method: paper_slip, purpose: [epidemic_contact_tracing], fields: [name, phone, body_temperature] }
            incidents: []
            """
        let file = VenueFileReader().read(bytes: Array(text.utf8), path: "fr.yaml")
        let venue = try #require(file.venues.first)
        #expect(catalog.jurisdictionProblem(in: venue) == nil)
        let engine = AuditEngine(catalog: catalog, options: AuditOptions())
        let result = try engine.audit(venue, source: file.source, input: InputInfo(path: "fr.yaml", sha256: ""))
        let art9 = try #require(result.findings.first { $0.ruleID == "EU-GDPR-9-HEALTH-DATA" })
        #expect(art9.state == .fail)
    }
}
