import AuditBasics
import AuditEngine
import AuditResults
import Foundation
import PolicyCatalog
import Reporters
import TestSupport
import Testing
import VenueModel

/// Issue 19's "done when": no HTML or text report written from `samples/`, in either language,
/// shows a vocabulary code or a condition expression outside the collapsed rule-logic detail.
@Suite("Reports of the samples read without codes or expressions")
struct ReadableSampleReportTests {
    static let samples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.path("samples"))) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Pieces of condition syntax that never occur in the reports' own words.
    static let expressionMarks = [
        "target.", "params.", "evidence.", "venue.type", " == ", " != ", "&&", "||", ".exists(", ".all(", ".filter(",
        "has(", "days_between(",
    ]

    static func results(_ name: String) throws -> [AuditResult] {
        let catalog = try #require(RuleExampleCase.catalog)
        let engine = AuditEngine(catalog: catalog, options: AuditOptions())
        let text = try String(contentsOfFile: RepositoryPaths.path("samples/\(name)"), encoding: .utf8)
        let file = VenueFileReader().read(bytes: Array(text.utf8), path: "samples/\(name)")
        return try file.venues.map { try engine.audit($0, source: file.source, input: InputInfo(path: name, sha256: "")) }
    }

    /// Text that comes from the input or the legal registry as written (notes, names, waiver
    /// reasons, citation labels), in the forms a report may print it; removed before scanning,
    /// since an assessor's English note may well contain the word "phone".
    static func quoted(_ result: AuditResult) -> [String] {
        var texts: [String] = []
        texts += result.observations.flatMap { [$0.note, $0.at].compactMap { $0 } + $0.evidence }
        texts += [result.venue.name, result.venue.operatorName, result.venue.district].compactMap { $0 }
        texts += [result.assessment.assessor, result.assessment.organization].compactMap { $0 }
        texts += result.findings.compactMap { $0.waiver.map { [$0.reason, $0.approvedBy] } }.flatMap { $0 }
        texts += result.findings.flatMap { $0.citations.flatMap { [$0.provision, $0.instrument.en] } }
        let escaped = texts.map {
            $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
        }
        return (texts + escaped).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// The HTML a person reads without opening anything: no style, script, tags (so no
    /// attributes: codes may sit in `title`), and no collapsed rule-logic detail.
    static func visibleHTML(_ html: String) -> String {
        var text = html
        for pattern in [
            #"<details class="logic">[\s\S]*?</details>"#, #"<style>[\s\S]*?</style>"#, #"<script>[\s\S]*?</script>"#, "<[^>]*>",
        ] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    /// The text report without what quotes the input for editors: diagnostics about the input
    /// file (they come first and quote it) and the quoted source line above each caret.
    static func readableText(_ text: String, _ result: AuditResult) -> String {
        var lines = text.components(separatedBy: "\n")
        lines.removeFirst(min(lines.count, result.diagnostics.reduce(0) { $0 + $1.description.components(separatedBy: "\n").count }))
        var keep: [String] = []
        for (i, line) in lines.enumerated() {
            let isCaret = { (l: String) in !l.isEmpty && l.trimmingCharacters(in: .whitespaces) == "^" }
            if isCaret(line) || (i + 1 < lines.count && isCaret(lines[i + 1])) { continue }
            keep.append(line)
        }
        return keep.joined(separator: "\n")
    }

    /// Vocabulary codes standing as words in `text`: every code in Chinese, where no English
    /// word belongs; in English the codes with an underscore, since "phone" is also a word.
    static func codes(in text: String, language: Language) -> [String] {
        var found: Set<String> = []
        let wordChars = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-[].")
        var word = ""
        func flush() {
            if VocabularyLabels.allCodes.contains(word), language == .zh || word.contains("_") { found.insert(word) }
            word = ""
        }
        for u in text.unicodeScalars {
            if wordChars.contains(u) { word.unicodeScalars.append(u) } else { flush() }
        }
        flush()
        return found.sorted()
    }

    /// Up to 60 characters before `mark` and the mark itself, for a failure message.
    static func context(of mark: String, in text: String) -> String {
        guard let range = text.range(of: mark) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        return String(text[start..<range.upperBound])
    }

    @Test("HTML and text, English and Chinese, of every sample", arguments: samples)
    func sample(_ name: String) throws {
        for result in try Self.results(name) {
            for language in Language.allCases {
                var context = ReportContext.pinnedForTests
                context.language = language
                let quoted = Self.quoted(result)
                func strip(_ s: String) -> String { quoted.reduce(s) { $0.replacingOccurrences(of: $1, with: " ") } }
                let html = strip(Self.visibleHTML(try HTMLReporter(context: context).render(result)))
                let text = strip(Self.readableText(try TextReporter(context: context).render(result), result))
                for (format, shown) in [("html", html), ("text", text)] {
                    let where_ = "\(name) \(result.venue.id) \(format) \(language.rawValue)"
                    #expect(Self.codes(in: shown, language: language) == [], "\(where_)")
                    for mark in Self.expressionMarks {
                        #expect(!shown.contains(mark), "\(where_): '\(mark)' in \(Self.context(of: mark, in: shown))")
                    }
                }
            }
        }
    }

    @Test("the scan finds what it looks for: a code left in Chinese text, an expression outside the detail")
    func scannerWorks() {
        #expect(Self.samples.count >= 17)
        #expect(Self.codes(in: "类型 shopping_mall，方式 paper", language: .zh) == ["paper", "shopping_mall"])
        #expect(Self.codes(in: "the phone number; method paper_register", language: .en) == ["paper_register"])
        #expect(Self.codes(in: "collection_points[north-gate-book] 登记点", language: .zh) == [])
        let html = #"<p title="shopping_mall">购物中心</p><details class="logic"><code>target.kind != "x"</code></details><p>ok</p>"#
        #expect(!Self.visibleHTML(html).contains("shopping_mall"))
        #expect(!Self.visibleHTML(html).contains("target."))
        #expect(Self.visibleHTML("<p>days_kept &lt;= 28 and target.kind</p>").contains("target."))
    }
}
