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
    private let schema1: XMLSchemaValidator

    init() throws {
        schema = try XMLSchemaValidator.reportSchema(version: 2)
        schema1 = try XMLSchemaValidator.reportSchema(version: 1)
    }

    @Test("the embedded XSDs are the files in schemas/", arguments: [2, 1])
    func embeddedSchemaMatchesFile(version: Int) throws {
        let url = repositoryRoot.appendingPathComponent("schemas/venue-audit-report-\(version).xsd")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        let embedded = version == 2 ? ReportSchema.xsd : ReportSchema.xsd1
        #expect(embedded == onDisk, "the build embedded another text than \(url.lastPathComponent)")
        let namespace = version == 2 ? XMLReporter.namespace : XMLReporterV1.namespace
        #expect(namespace == "urn:venue-audit:report:\(version)")
        #expect(embedded.contains("targetNamespace=\"\(namespace)\""))
        // The file on disk compiles too (and gives the same verdicts).
        _ = try XMLSchemaValidator(path: url.path)
    }

    @Test("the XML of every fixture is valid, in both format versions", arguments: Fixtures.names + ["hostile", "planted"])
    func fixturesAreValid(fixture: String) throws {
        for language in Language.allCases {
            var context = ReportContext.pinnedForTests
            context.language = language
            let result = try Fixtures.auditResult(named: fixture)
            let xml = try XMLReporter(context: context).render(result)
            let problems = schema.validate(xml: xml, name: "\(fixture).xml")
            #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
            let v1 = try XMLReporterV1(context: context).render(result)
            let problems1 = schema1.validate(xml: v1, name: "\(fixture).v1.xml")
            #expect(problems1.isEmpty, "\(problems1.map(\.description).joined(separator: "\n"))")
            // Each version's document is invalid against the other's schema (the namespace).
            #expect(!schema1.validate(xml: xml).isEmpty)
        }
    }

    @Test("the golden XML files are valid, read from disk (streaming)", arguments: Fixtures.names)
    func goldenFilesAreValid(fixture: String) {
        let path = goldenDirectory.appendingPathComponent("\(fixture).xml").path
        let problems = schema.validate(file: path)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        let path1 = goldenDirectory.appendingPathComponent("\(fixture).v1.xml").path
        let problems1 = schema1.validate(file: path1)
        #expect(problems1.isEmpty, "\(problems1.map(\.description).joined(separator: "\n"))")
    }

    @Test("a version 2 report writes each rule once and passes in one element; it is a fraction of version 1")
    func smaller() throws {
        // The mall, with its collection point copied to five more targets: most rules then have
        // several findings, as in a real venue with several entrances.
        let mall = Fixtures.mall
        var findings = mall.findings
        for n in 1...5 {
            findings += mall.findings.filter { $0.targetID != nil }.map { f in
                var copy = f
                copy.targetID = "\(f.targetID ?? "")-\(n)"
                return copy
            }
        }
        var result = mall
        result.findings = findings
        let v2 = try XMLReporter(context: .pinnedForTests).render(result)
        let v1 = try XMLReporterV1(context: .pinnedForTests).render(result)
        #expect(v2.utf8.count * 5 < v1.utf8.count * 2, "\(v2.utf8.count) bytes against \(v1.utf8.count)")
        let detailed = Set(findings.filter { $0.state != .pass && $0.state != .notApplicable }.map(\.ruleID))
        #expect(v2.components(separatedBy: "<title lang=\"en\">").count - 1 == detailed.count, "a title per rule written in full")
        #expect(v2.components(separatedBy: "<pass ").count - 1 == findings.filter { $0.state == .pass }.count)
        #expect(
            v2.contains(
                "<pass rule=\"CN-PIPL-13-PURPOSE\" severity=\"medium\" scope=\"collection_points\" target=\"north-gate-book-3\"/>"))
        #expect(try XMLSchemaValidator.reportSchema().validate(xml: v2).isEmpty)
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
            xml: "<report xmlns=\"urn:venue-audit:report:2\"><input></report>",
            name: "m.xml"
        )
        #expect(malformed.contains { $0.level == .fatal && $0.line == 1 })

        let wrongNamespace = schema.validate(
            xml: good.replacingOccurrences(of: "urn:venue-audit:report:2", with: "urn:x")
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
            "wrong namespace": good.replacingOccurrences(of: "urn:venue-audit:report:2", with: "urn:x"),
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
                            ? xml : xml.replacingOccurrences(of: "state=\"unknown\"", with: "state=\"x\"")
                    ).count
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.filter { $0 == 0 }.count == 4)
    }
}
