import Foundation
import TestSupport
import Testing

/// Generates `count` venue descriptions with the corpus command and audits them into XML
/// reports with the test catalogue; returns the reports folder.
func generatedReports(_ count: Int, seed: Int = 3) throws -> String {
    let dir = try temporaryFolder([:])
    let corpus = try ToolRunner.run([
        "corpus", "--out", "\(dir)/corpus", "--reports", "\(count)", "--jurisdiction", "XA", "--seed", "\(seed)",
    ])
    #expect(corpus.status == 0, "\(corpus.stderr)")
    let audit = try ToolRunner.run([
        "audit", "\(dir)/corpus", "--policies", RepositoryPaths.path("Tests/Fixtures/policies"), "--format", "xml",
        "--out", "\(dir)/reports", "--quiet",
    ])
    #expect(audit.status != 2, "\(audit.stderr)")
    return "\(dir)/reports"
}

@Suite("aggregate, diff and corpus commands")
struct AggregateCommandTests {
    @Test("the corpus generator is deterministic and its descriptions validate")
    func corpusIsDeterministic() throws {
        let dir = try temporaryFolder([:])
        for name in ["a", "b"] {
            let run = try ToolRunner.run(["corpus", "--out", "\(dir)/\(name)", "--reports", "40", "--seed", "9"])
            #expect(run.stdout == "wrote 40 venue descriptions to \(dir)/\(name) (seed 9)\n")
        }
        let a = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/a").sorted()
        #expect(a == (try FileManager.default.contentsOfDirectory(atPath: "\(dir)/b").sorted()))
        for name in a {
            #expect(FileManager.default.contents(atPath: "\(dir)/a/\(name)") == FileManager.default.contents(atPath: "\(dir)/b/\(name)"))
        }
        let validate = try ToolRunner.run(["validate", "--strict", "\(dir)/a"])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test("aggregate writes every output; bad reports are named, counted and skipped; exit 2")
    func aggregateWithBadReports() throws {
        let reports = try generatedReports(60)
        let names = try FileManager.default.contentsOfDirectory(atPath: reports).filter { $0.hasSuffix(".xml") }.sorted()
        let good = try String(contentsOfFile: "\(reports)/\(names[0])", encoding: .utf8)
        try String(good.prefix(good.count / 3)).write(toFile: "\(reports)/cut.xml", atomically: true, encoding: .utf8)
        try good.replacingOccurrences(of: "<summary", with: "<summary <").write(
            toFile: "\(reports)/broken.xml", atomically: true, encoding: .utf8)
        try good.replacingOccurrences(of: "<packs>", with: "<packs><extra/>").write(
            toFile: "\(reports)/invalid.xml", atomically: true, encoding: .utf8)
        try good.replacingOccurrences(of: "verdict=\"", with: "verdict=\"x").replacingOccurrences(
            of: "verdict=\"xnon_compliant", with: "verdict=\"compliant"
        )
        .replacingOccurrences(of: "verdict=\"xincomplete", with: "verdict=\"compliant").replacingOccurrences(
            of: "verdict=\"xcompliant", with: "verdict=\"incomplete"
        )
        .write(toFile: "\(reports)/tampered.xml", atomically: true, encoding: .utf8)
        try good.write(toFile: "\(reports)/copy.xml", atomically: true, encoding: .utf8)

        let out = try temporaryFolder([:])
        let run = try ToolRunner.run(["aggregate", reports, "--out", out, "--lang", "en,zh"])
        #expect(run.status == 2)
        for (file, code) in [
            ("cut.xml", "report-truncated"), ("broken.xml", "report-malformed"), ("invalid.xml", "report-schema-invalid"),
            ("tampered.xml", "report-tampered"),
        ] {
            #expect(
                run.stderrLines.contains { $0.hasPrefix("\(reports)/\(file):") && $0.contains("error: [\(code)]") },
                "\(file): \(run.stderr)")
        }
        #expect(
            run.stderrLines.contains(
                "\(reports)/copy.xml:1:1: note: [report-duplicate] the same report as \(reports)/\(names[0]); counted once"))
        #expect(
            run.stdoutLines.first?.hasPrefix(
                "read 65 report files: 60 added, 0 already stored, 1 duplicate, 4 rejected (1 malformed, 1 truncated, 1 schema-invalid, 1 tampered); aggregated 60 reports"
            ) == true, "\(run.stdout)")
        for file in [
            "dashboard.html", "dashboard.zh.html", "aggregate.xml", "aggregate.json", "reports.sqlite", "csv/by-district.csv",
            "csv/rules.csv", "csv/repeat-offences.csv",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file)")
        }
        let zh = try String(contentsOfFile: "\(out)/dashboard.zh.html", encoding: .utf8)
        #expect(zh.contains("<html lang=\"zh-CN\">") && zh.contains("data-figure=\"ingest/rejected/tampered\">1<"))

        // Again: nothing new; then re-render from the store alone.
        let again = try ToolRunner.run(["aggregate", reports, "--out", out])
        #expect(
            again.stdoutLines.first?.hasPrefix("read 65 report files: 0 added, 60 already stored, 1 duplicate, 4 rejected") == true,
            "\(again.stdout)")
        let out2 = try temporaryFolder([:])
        let rerender = try ToolRunner.run(["aggregate", "--db", "\(out)/reports.sqlite", "--out", out2])
        #expect(rerender.status == 0, "\(rerender.stderr)")
        #expect(
            rerender.stdoutLines.first?.hasPrefix(
                "read 0 report files: 0 added, 0 already stored, 0 duplicates, 0 rejected; aggregated 60 reports") == true,
            "\(rerender.stdout)")
        func rollups(_ dir: String) throws -> String {
            let json = try String(contentsOfFile: "\(dir)/aggregate.json", encoding: .utf8)
            return json.split(separator: "\n").filter { !$0.contains("generated_at") }.joined(separator: "\n")
                .replacingOccurrences(of: #""ingest": \{[^}]*\}"#, with: "", options: .regularExpression)
        }
        #expect(try rollups(out) == rollups(out2))
    }

    @Test("diff exits 1 on new fails and writes SARIF with baselineState")
    func diffCommand() throws {
        let reports = try generatedReports(40, seed: 5)
        let names = try FileManager.default.contentsOfDirectory(atPath: reports).filter { $0.hasSuffix(".xml") }.sorted()
        // Two assessments of one venue: file names are VENUE_DATE.xml.
        let venue = try #require(Dictionary(grouping: names) { String($0.prefix { $0 != "_" }) }.first { $0.value.count >= 2 })
        let pair = venue.value.sorted()
        let run = try ToolRunner.run(["diff", "\(reports)/\(pair[0])", "\(reports)/\(pair[1])", "--format", "sarif"])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(doc?["version"] as? String == "2.1.0")
        let text = try ToolRunner.run(["diff", "\(reports)/\(pair[0])", "\(reports)/\(pair[1])"])
        #expect(text.status == run.status)
        #expect(text.stdoutLines.last?.hasSuffix("unchanged") == true, "\(text.stdout)")
        let bad = try ToolRunner.run(["diff", "\(reports)/\(pair[0])", "\(reports)/missing.xml"])
        #expect(bad.status == 2)
        #expect(bad.stderrLines.first?.contains("[report-unreadable]") == true)
    }

    // Under AddressSanitizer freed memory waits in a quarantine of up to 256 MiB, so peak
    // memory no longer tells whether the tool holds what it read.
    @Test(
        "peak memory of aggregate grows less than 1.5x from 300 to 3,000 reports",
        .disabled(if: ProcessInfo.processInfo.environment["VENUE_AUDIT_SANITIZER"] != nil, "peak memory means nothing under a sanitizer"))
    func memoryStaysFlat() throws {
        var peaks: [Int] = []
        for count in [300, 3000] {
            let reports = try generatedReports(count, seed: 11)
            let out = try temporaryFolder([:])
            let run = try ToolRunner.run(["aggregate", reports, "--out", out, "--stats", "-q"])
            #expect(run.status == 0, "\(run.stderr)")
            let line = try #require(run.stderrLines.first { $0.hasPrefix("stats: ") })
            let kib = try #require(Int(line.split(separator: " ").dropLast().last ?? ""))
            #expect(line.contains("\(count) stored reports"))
            peaks.append(kib)
        }
        #expect(Double(peaks[1]) < 1.5 * Double(peaks[0]), "peak memory \(peaks[0]) KiB at 300 reports, \(peaks[1]) KiB at 3,000")
    }
}
