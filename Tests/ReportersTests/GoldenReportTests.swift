import AuditBasics
import AuditResults
import Reporters
import TestSupport
import Testing

@Suite("Golden reports")
struct GoldenReportTests {
    @Test("every format of every fixture matches its golden file", arguments: Reporters.identifiers, Fixtures.names)
    func matchesGolden(format: String, fixture: String) throws {
        let type = try #require(Reporters.named(format))
        let text = try type.init(context: .pinnedForTests).render(Fixtures.auditResult(named: fixture))
        try expectGolden(text, named: "\(fixture).\(type.fileExtension)")
    }

    @Test("Chinese HTML and text of the mall match their golden files", arguments: ["html", "text"])
    func chineseMatchesGolden(format: String) throws {
        let type = try #require(Reporters.named(format))
        var context = ReportContext.pinnedForTests
        context.language = .zh
        let text = try type.init(context: context).render(Fixtures.mall)
        try expectGolden(text, named: "mall.zh.\(type.fileExtension)")
    }

    @Test("coloured terminal text matches its golden file")
    func colouredText() throws {
        var context = ReportContext.pinnedForTests
        context.colour = true
        try expectGolden(try TextReporter(context: context).render(Fixtures.mall), named: "mall.colour.txt")
    }

    @Test("rendering twice gives the same bytes", arguments: Reporters.identifiers)
    func deterministic(format: String) throws {
        let type = try #require(Reporters.named(format))
        let a = try type.init(context: .pinnedForTests).render(Fixtures.mall)
        let b = try type.init(context: .pinnedForTests).render(Fixtures.mall)
        #expect(a == b)
    }
}
