import Foundation
import TestSupport
import Testing

private let policies = RepositoryPaths.path("Tests/Fixtures/policies")

private func venue(_ id: String, visible: Bool, extra: String = "") -> [UInt8] {
    Array(
        """
        format: venue-audit/1
        venue: { id: \(id), name: Test venue, type: bar, jurisdiction: XA }
        assessment: { kind: inspection, date: 2022-06-10 }
        collection_points:
          - id: book
            method: paper_register
            fields: [name, phone]
            storage: { medium: paper, visible_to_other_visitors: \(visible) }
            retention: { oldest_record_date: 2022-06-01 }
        incidents: []
        \(extra)
        """.utf8)
}

@Suite("audit command")
struct AuditCommandTests {
    @Test("exit 0 when nothing fails at or above --fail-on, 1 when something does")
    func exitCodes() throws {
        let dir = try temporaryFolder(["ok.yaml": venue("XA-1", visible: false), "bad.yaml": venue("XA-2", visible: true)])
        let ok = try ToolRunner.run(["audit", "--policies", policies, "ok.yaml"], in: dir)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let bad = try ToolRunner.run(["audit", "--policies", policies, "bad.yaml"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stdoutLines.contains("bad.yaml:8:58: error: [XA-TEST-1-EXPOSURE] book lets visitors read earlier entries"))
        let lenient = try ToolRunner.run(["audit", "--policies", policies, "--fail-on", "critical", "bad.yaml"], in: dir)
        #expect(lenient.status == 0)
        #expect(lenient.stdoutLines.contains { $0.hasPrefix("bad.yaml:8:58: warning: [XA-TEST-1-EXPOSURE]") })
    }

    @Test("bad input exits 2 but the rest of the batch is audited")
    func badInputInBatch() throws {
        let dir = try temporaryFolder([
            "a.yaml": venue("XA-1", visible: false),
            "b.yaml": Array("format: venue-audit/1\nvenue: { id: X, type: barr }\n".utf8),
            "c.yaml": venue("XA-3", visible: true),
        ])
        let run = try ToolRunner.run(["audit", "--policies", policies, "."], in: dir)
        #expect(run.status == 2)
        #expect(run.stderrLines.first?.hasPrefix("./b.yaml:2:23: error: [bad-value] unknown venue type 'barr'") == true)
        #expect(run.stdoutLines.last == "audited 2 venues in 3 files: 1 non-compliant, 0 incomplete, 1 compliant; 1 file with errors")
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            ["audit"], ["audit", "--fail-on", "severe", "x.yaml"], ["audit", "--as-of", "2020-13-45", "x.yaml"],
            ["audit", "--format", "pdf", "x.yaml"],
        ])
    func usage(_ arguments: [String]) throws {
        #expect(try ToolRunner.run(arguments).status == 2)
    }

    @Test("--as-of before a rule's effective date changes the findings")
    func asOf() throws {
        let dir = try temporaryFolder(["v.yaml": venue("XA-1", visible: false)])
        let now = try ToolRunner.run(["audit", "--policies", policies, "--rule", "XA-TEST-2-RETENTION", "v.yaml"], in: dir)
        #expect(now.stdoutLines.contains { $0.contains("Of 1 finding, 1 passed") })
        let then = try ToolRunner.run(
            ["audit", "--policies", policies, "--rule", "XA-TEST-2-RETENTION", "--as-of", "2020-12-10", "v.yaml"], in: dir)
        #expect(then.stdoutLines.contains { $0.contains("Of 1 finding, 1 did not apply") })
    }

    @Test("--out writes every format atomically, names made safe from the venue id, inside the folder only")
    func reportsWritten() throws {
        let dir = try temporaryFolder(["v.yaml": venue("../../etc/passwd", visible: true)])
        let run = try ToolRunner.run(
            ["audit", "--policies", policies, "--out", "out", "--format", "xml,html,sarif,junit,json,text", "--lang", "en,zh", "v.yaml"],
            in: dir)
        #expect(run.status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").sorted()
        let stem = "______etc_passwd-3754d6cb_2022-06-10"
        #expect(
            files == [
                "\(stem).html", "\(stem).json", "\(stem).junit.xml", "\(stem).sarif", "\(stem).txt", "\(stem).xml", "\(stem).zh.html",
                "index.html",
            ])
        #expect(!FileManager.default.fileExists(atPath: dir + "/etc"))
    }

    @Test("the index reads in words: one venue (singular), the verdict in English and Chinese, the code only in a title")
    func indexWords() throws {
        let dir = try temporaryFolder(["v.yaml": venue("XA-1", visible: true)])
        let both = try ToolRunner.run(
            ["audit", "--policies", policies, "--out", "out", "--format", "html", "--lang", "en,zh", "v.yaml"], in: dir)
        #expect(both.status == 1)
        let index = try String(contentsOfFile: dir + "/out/index.html", encoding: .utf8)
        #expect(index.contains("One venue audited. <span lang=\"zh\">共审核 1 个场所。</span>"))
        #expect(index.contains("title=\"non_compliant\">Non-compliant <span lang=\"zh\">不合规</span></td>"))
        #expect(index.replacingOccurrences(of: "title=\"non_compliant\"", with: "").contains("non_compliant") == false)
        let english = try ToolRunner.run(["audit", "--policies", policies, "--out", "en", "--format", "html", "v.yaml"], in: dir)
        #expect(english.status == 1)
        let only = try String(contentsOfFile: dir + "/en/index.html", encoding: .utf8)
        #expect(only.contains("<p>One venue audited.</p>") && !only.contains("lang=\"zh\""))
    }

    @Test("the report XSDs are printed by schema report (format 2) and schema report-1")
    func schemaReport() throws {
        for (kind, version) in [("report", 2), ("report-1", 1)] {
            let run = try ToolRunner.run(["schema", kind])
            #expect(run.status == 0)
            #expect(run.stdout.contains("targetNamespace=\"urn:venue-audit:report:\(version)\""))
            let file = RepositoryPaths.path("schemas/venue-audit-report-\(version).xsd")
            #expect(run.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
        }
    }
}
