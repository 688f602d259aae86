import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import Reporters
import TestSupport
import Testing

@Suite("XML report schema")
struct XMLSchemaTests {
    private let schema: XMLSchemaValidator

    init() throws { schema = try XMLSchemaValidator.reportSchema() }

    @Test("the embedded XSD is the file in schemas/")
    func embeddedSchemaMatchesFile() throws {
        let url = repositoryRoot.appendingPathComponent("schemas/venue-audit-report-1.xsd")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(ReportSchema.xsd == onDisk, "the build embedded another text than schemas/venue-audit-report-1.xsd")
        #expect(ReportSchema.xsd.contains("targetNamespace=\"\(XMLReporter.namespace)\""))
        // The file on disk compiles too (and gives the same verdicts).
        _ = try XMLSchemaValidator(path: url.path)
    }

    @Test("the XML of every fixture is valid", arguments: Fixtures.names + ["hostile", "planted"])
    func fixturesAreValid(fixture: String) throws {
        for language in Language.allCases {
            var context = ReportContext.pinnedForTests
            context.language = language
            let xml = try XMLReporter(context: context).render(Fixtures.auditResult(named: fixture))
            let problems = schema.validate(xml: xml, name: "\(fixture).xml")
            #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("the golden XML files are valid, read from disk (streaming)", arguments: Fixtures.names)
    func goldenFilesAreValid(fixture: String) {
        let path = goldenDirectory.appendingPathComponent("\(fixture).xml").path
        let problems = schema.validate(file: path)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("hostile strings survive: sanitised, escaped, 100 KB values intact")
    func hostileContent() throws {
        let xml = try XMLReporter(context: .pinnedForTests).render(Fixtures.hostile)
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        #expect(!xml.contains("\u{FFFE}"))
        #expect(xml.contains("&lt;&gt;&amp;"))
        #expect(xml.contains("]]&gt;"))
        #expect(xml.contains("春熙路商场"))
        #expect(xml.count > 300_000)
    }

    @Test("invalid documents give file:line:column diagnostics")
    func invalidDocuments() throws {
        let good = try XMLReporter(context: .pinnedForTests).render(Fixtures.mall)
        let badState = good.replacingOccurrences(of: "state=\"unknown\"", with: "state=\"maybe\"")
        let problems = schema.validate(xml: badState, name: "bad.xml")
        let first = try #require(problems.first)
        #expect(first.level == .error)
        #expect(first.file == "bad.xml")
        #expect(first.line > 1)
        #expect(first.column > 0)
        #expect(first.message.contains("maybe"))
        #expect(first.description.hasPrefix("bad.xml:\(first.line):\(first.column): error:"))
        #expect(first.diagnostic.code == "xml-schema")

        let malformed = schema.validate(
            xml: "<report xmlns=\"urn:venue-audit:report:1\"><input></report>",
            name: "m.xml"
        )
        #expect(malformed.contains { $0.level == .fatal && $0.line == 1 })

        let wrongNamespace = schema.validate(
            xml: good.replacingOccurrences(of: "urn:venue-audit:report:1", with: "urn:x")
        )
        #expect(!wrongNamespace.isEmpty)
        #expect(!schema.validate(xml: "").isEmpty)
    }

    @Test("reading with validation finds what validating the file finds: the same messages, lines and columns")
    func readingValidates() throws {
        let good = try XMLReporter(context: .pinnedForTests).render(Fixtures.mall)
        let lastFinding = try #require(good.range(of: "<finding ", options: .backwards))
        var documents: [String: String] = [
            "good": good,
            "empty": "",
            "not xml": "state: fail\n",
            "broken tag": good.replacingOccurrences(of: "<summary", with: "<summary <"),
            "bad state": good.replacingOccurrences(of: "state=\"unknown\"", with: "state=\"maybe\""),
            "unexpected element": good.replacingOccurrences(of: "<packs>", with: "<packs><extra/>"),
            "bad last finding": good.replacingCharacters(in: lastFinding, with: "<finding colour=\"red\" "),
            "bad digest element": good.replacingOccurrences(of: "algorithm=\"sha-256\"", with: "algorithm=\"md5\""),
            "wrong namespace": good.replacingOccurrences(of: "urn:venue-audit:report:1", with: "urn:x"),
            "second root": good + "<report/>",
        ]
        for eighth in 1..<8 { documents["cut at \(eighth) of 8"] = String(good.prefix(good.count * eighth / 8)) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, xml) in documents.sorted(by: { $0.key < $1.key }) {
            let path = dir.appendingPathComponent("\(name).xml").path
            try xml.write(toFile: path, atomically: true, encoding: .utf8)
            let streamed = schema.validate(file: path)
            var nodes = 0
            let read = Array(xml.utf8).withUnsafeBytes { schema.read(bytes: $0, name: path) { _ in nodes += 1 } }
            #expect(read == streamed, "\(name)")
            if name != "empty" {
                #expect(read == schema.validate(xml: xml, name: path), "\(name)")
            }
            #expect(nodes > 0 || name == "empty" || name == "not xml", "\(name)")
            #expect(read.isEmpty == (name == "good"), "\(name)")
        }
    }

    @Test("a broken XSD is reported, not trapped")
    func brokenSchema() {
        #expect(throws: XMLSchemaError.self) {
            try XMLSchemaValidator(
                xsd:
                    "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"a\" type=\"xs:nope\"/></xs:schema>"
            )
        }
    }

    @Test("one schema validates concurrently")
    func concurrentValidation() async throws {
        let xml = try XMLReporter(context: .pinnedForTests).render(Fixtures.mall)
        let schema = self.schema
        let counts = await withTaskGroup(of: Int.self) { group in
            for i in 0..<8 {
                group.addTask {
                    schema.validate(
                        xml: i.isMultiple(of: 2)
                            ? xml : xml.replacingOccurrences(of: "state=\"pass\"", with: "state=\"x\"")
                    ).count
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.filter { $0 == 0 }.count == 4)
    }
}
