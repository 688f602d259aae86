import AuditBasics
import PolicyCatalog
import TestSupport
import Testing

@testable import AuditEngine

@Suite("Failure message templates")
struct MessageTemplateTests {
    let params = Fact(.map([FactEntry(key: "max_days", value: Fact(.int(28)))]))

    @Test("parameters are filled when prepared; evidence and the target id per finding")
    func fillsEveryPlaceholder() {
        let template = MessageTemplate("{target.id} kept records {days} days (limit {params.max_days})", params: params)
        let text = template.fill(targetID: "north-book") { $0 == "days" ? "40" : nil }
        #expect(text == "north-book kept records 40 days (limit 28)")
        #expect(template.fill(targetID: nil) { _ in "9" } == "venue kept records 9 days (limit 28)")
    }

    @Test("unknown names become '?'; an unclosed brace stays as written")
    func oddPlaceholders() {
        #expect(MessageTemplate("{params.nope} and {missing}", params: params).fill(targetID: nil) { _ in nil } == "? and ?")
        #expect(MessageTemplate("open {brace", params: params).fill(targetID: nil) { _ in nil } == "open {brace")
        #expect(MessageTemplate("plain text", params: params).fill(targetID: "x") { _ in "y" } == "plain text")
    }

    @Test("vocabulary values among the parameters read in the message's language; other values as they are")
    func vocabularyInWords() {
        let types = Fact(
            .map([
                FactEntry(key: "types", value: Fact(.list([Fact(.string("hotel")), Fact(.string("ktv"))]))),
                FactEntry(key: "name", value: Fact(.string("north-book"))),
            ]))
        let template = "{params.types} ({params.name})"
        #expect(
            MessageTemplate(template, params: types, language: .en).fill(targetID: nil) { _ in nil } == "hotel, karaoke (KTV) (north-book)")
        #expect(MessageTemplate(template, params: types, language: .zh).fill(targetID: nil) { _ in nil } == "酒店、KTV歌厅 (north-book)")
    }

    @Test("the pack loader's check and the engine read the same placeholders")
    func oneParser() {
        let template = "{a} x {b{c} y {target.id} {d"
        #expect(MessagePlaceholders.names(in: template) == ["a", "c", "target.id"])
        #expect(MessageTemplate(template, params: params).fill(targetID: "t") { "<\($0)>" } == "<a> x {b<c> y t {d")
    }
}

@Suite("Rules prepared once per profile")
struct PreparedRuleSharingTests {
    private func rule(_ id: String, _ profile: String, _ engine: AuditEngine) throws -> AuditEngine.PreparedRule {
        try #require(engine.prepared(profile)?.first { $0.rule.id == id })
    }

    @Test("profiles with the same parameters and severity share a prepared rule")
    func sharedAcrossProfiles() throws {
        let engine = AuditEngine(catalog: try TestCatalogs.real(), options: AuditOptions())
        // Both English and Scottish venues run the GDPR pack with its defaults.
        #expect(try rule("EU-GDPR-5.1.C-MINIMISATION", "GB-ENG", engine) === rule("EU-GDPR-5.1.C-MINIMISATION", "GB-SCT", engine))
    }

    @Test("a profile that tailors a pack's parameters gets rules prepared with its own values")
    func tailoredParamsAreNotShared() throws {
        let engine = AuditEngine(catalog: try TestCatalogs.fixture(), options: AuditOptions())
        let xa = try rule("XA-TEST-2-RETENTION", "XA", engine)
        let xb = try rule("XA-TEST-2-RETENTION", "XA-B", engine)
        #expect(xa !== xb)
        #expect(xa.expected.en == "days_kept <= 28")
        #expect(xb.expected.en == "days_kept <= 14")
        #expect(xa.expects?.en == "The oldest record is no older than 28 days")
        #expect(xb.expects?.zh == "最早的记录不超过 14 天")
        let joined = Fact(.list([Fact(.string("a, b"))]))
        let split = Fact(.list([Fact(.string("a")), Fact(.string("b"))]))
        #expect(AuditEngine.exactKey(joined) != AuditEngine.exactKey(split))
    }
}
