import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import TestSupport
import Testing

/// One example of one rule of the real catalogue in policies/.
struct RuleExampleCase: CustomTestStringConvertible, Sendable {
    var ruleID: String
    var index: Int
    var name: String
    var testDescription: String { "\(ruleID) › \(name)" }

    /// Loaded once for all cases; a catalogue that fails to load gives no cases, and the
    /// catalogue test below then fails with the diagnostics.
    static let catalog: Catalog? = try? TestCatalogs.real()

    static var all: [RuleExampleCase] {
        (catalog?.rules ?? []).flatMap { rule in
            rule.examples.enumerated().map { RuleExampleCase(ruleID: rule.id, index: $0.offset, name: $0.element.name) }
        }
    }

    var rule: Rule? { Self.catalog?.rule(ruleID) }
    var example: RuleExample? { rule.map { $0.examples[index] } }
}

@Suite("Rule examples of policies/")
struct RuleExampleTests {
    @Test("the catalogue loads, lints clean, and every rule has pass, fail and unknown examples")
    func catalogueIsClean() throws {
        do throws(CatalogLoader.Failure) {
            let (catalog, warnings) = try CatalogLoader.load(directory: RepositoryPaths.path("policies"))
            #expect(warnings.isEmpty, "\(warnings)")
            let lint = CatalogLint.check(catalog)
            #expect(lint.isEmpty, "\(lint.map(\.description).joined(separator: "\n"))")
            #expect(catalog.rules.count >= 60)
            #expect(Set(catalog.rules.map(\.id)).count == catalog.rules.count)
            for instrument in catalog.legal.instruments.values {
                #expect(!instrument.source.isEmpty, "\(instrument.key) names no source")
            }
        } catch {
            Issue.record("policies/ does not load:\n\(error.diagnostics.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("each example gives its expected result at the expected node", arguments: RuleExampleCase.all)
    func expectedResult(_ c: RuleExampleCase) throws {
        let catalog = try #require(RuleExampleCase.catalog)
        let rule = try #require(c.rule)
        let outcome = RuleExampleRunner(catalog: catalog).run(try #require(c.example), of: rule)
        #expect(outcome.passed, "\(outcome.problem ?? "")")
    }

    @Test(
        "a rule for some jurisdictions is unknown, not skipped, when its failing example loses venue.jurisdiction",
        arguments: RuleExampleCase.all.filter { $0.rule?.jurisdictions != nil && $0.example?.state == .fail })
    func missingJurisdictionIsUnknown(_ c: RuleExampleCase) throws {
        let catalog = try #require(RuleExampleCase.catalog)
        let example = try #require(c.example)
        let outcome = RuleExampleRunner(catalog: catalog).run(example, of: try #require(c.rule), removingPath: "venue.jurisdiction")
        #expect(outcome.finding?.state == .unknown, "\(outcome.problem ?? "")")
        #expect(outcome.finding?.message.en.contains("venue.jurisdiction is not recorded") == true)
    }

    @Test("every intl-contact-tracing rule names its jurisdictions, and no applies_if guards on venue.jurisdiction")
    func intlRulesAreScoped() throws {
        let catalog = try #require(RuleExampleCase.catalog)
        let intl = try #require(catalog.pack("intl-contact-tracing"))
        #expect(intl.rules.count == 42)
        for rule in intl.rules {
            #expect(rule.jurisdictions?.count == 1, "\(rule.id)")
        }
        // A requirement may still compare jurisdictions (PRACTICE-DIGITAL-HOSTING: data hosted
        // where the venue is); a prefix test in applies_if is what `jurisdictions:` replaces.
        for rule in catalog.rules {
            #expect(rule.appliesIf?.source.contains("venue.jurisdiction.startsWith") != true, "\(rule.id)")
        }
    }

    @Test(
        "removing the node a failing example points at gives unknown, never pass",
        arguments: RuleExampleCase.all.filter { $0.example?.state == .fail && $0.example?.at != nil })
    func missingFactIsUnknown(_ c: RuleExampleCase) throws {
        let catalog = try #require(RuleExampleCase.catalog)
        let example = try #require(c.example)
        // Removing one element of a list records a different fact (a shorter list), not a
        // missing one, so for `sharing[0]` the whole `sharing` list is removed.
        var path = example.at ?? ""
        while path.hasSuffix("]"), let open = path.lastIndex(of: "[") { path = String(path[..<open]) }
        let outcome = RuleExampleRunner(catalog: catalog).run(example, of: try #require(c.rule), removingPath: path)
        let state = outcome.finding?.state
        #expect(state != .pass, "removing \(path) made it pass")
        #expect(state == .unknown || state == .notApplicable || state == .fail, "\(outcome.problem ?? "")")
    }
}
