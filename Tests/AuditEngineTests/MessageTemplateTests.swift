import AuditBasics
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
}
