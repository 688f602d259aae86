import AuditBasics
import AuditResults
import Reporters
import TestSupport
import Testing

@Suite("The printed report is a document")
struct PrintedReportTests {
    @Test("A4 pages carry the venue, the assessment date and the page number, in the report's language")
    func runningHeader() throws {
        let en = try HTMLReporter(context: .pinnedForTests).render(Fixtures.mall)
        #expect(en.contains("size: A4"))
        #expect(en.contains(#"@top-left { content: "Chunxi Road Mall, north entrance (CN-SC-CD-JJ-000417)";"#))
        #expect(en.contains(#"@top-right { content: "Assessed 2020-12-10";"#))
        #expect(en.contains(#"@bottom-right { content: "Page " counter(page) " of " counter(pages);"#))
        var context = ReportContext.pinnedForTests
        context.language = .zh
        let zh = try HTMLReporter(context: context).render(Fixtures.mall)
        #expect(zh.contains(#"@top-right { content: "检查日期 2020-12-10";"#))
        #expect(zh.contains(#"content: "第 " counter(page) " 页，共 " counter(pages) " 页";"#))
    }

    @Test("a venue name cannot break out of the CSS string or the style element")
    func hostileName() throws {
        var venue = Fixtures.mallVenue
        venue.name = #"Bar "X" </style><script>alert(1)</script> \ & 'Y'"#
        let html = try HTMLReporter(context: .pinnedForTests).render(Fixtures.result(findings: [], venue: venue))
        let style = try #require(html.range(of: "<style>")).upperBound..<(try #require(html.range(of: "</style>")).lowerBound)
        let css = String(html[style])
        #expect(
            css.contains(
                #"@top-left { content: "Bar \22 X\22  \3c /style\3e \3c script\3e alert(1)\3c /script\3e  \5c  \26  \27 Y\27  (CN-SC-CD-JJ-000417)";"#
            ))
        #expect(html.components(separatedBy: "</style>").count == 2)
        #expect(!html.contains("<script>alert"))
    }

    @Test("the last part of the printed report is a sign-off block for inspector and venue representative")
    func signOff() throws {
        let html = try HTMLReporter(context: .pinnedForTests).render(Fixtures.mall)
        let block = try #require(html.range(of: #"<section class="signoff""#))
        #expect(html[block.upperBound...].contains("<th>Inspector</th>"))
        #expect(html[block.upperBound...].contains("<th>Venue representative</th>"))
        #expect(html[block.upperBound...].contains("<th>Signature</th><th>Date</th>"))
        // Only the footer follows it.
        #expect(!html[block.upperBound...].contains("<main>"))
        #expect(html.contains(".signoff { display: block !important;"))
    }
}
