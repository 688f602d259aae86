import Foundation
import TestSupport
import Testing

/// The integrity holes found by probing the tool as an attacker would, each tested as the
/// numbered item that described it.
@Suite("Integrity")
struct IntegrityTests {
    private static func mall(oldest: String, incident: String? = nil) -> [UInt8] {
        let incidents = incident.map { "incidents:\n  - { date: \($0), kind: loss }\n" } ?? "incidents: []\n"
        return Array(
            """
            format: venue-audit/1
            venue: { id: CN-SC-X-9, name: Test Mall, type: shopping_mall, jurisdiction: CN-SC }
            assessment: { kind: inspection, date: 2020-12-10 }
            collection_points:
              - id: book
                method: paper_register
                fields: [name, phone]
                storage: { medium: paper, location: locked_drawer, attended: always, visible_to_other_visitors: false }
                retention: { policy_days: 28, oldest_record_date: \(oldest) }

            """.utf8) + Array(incidents.utf8)
    }

    @Test("item 9: a record or incident dated after the assessment is an error, never a pass")
    func item9ImpossibleDate() throws {
        let dir = try temporaryFolder([
            "future.yaml": Self.mall(oldest: "2021-01-05"), "incident.yaml": Self.mall(oldest: "2020-12-01", incident: "2021-02"),
            "same-month.yaml": Self.mall(oldest: "2020-12"),
        ])
        let validate = try ToolRunner.run(["validate", "future.yaml", "incident.yaml", "same-month.yaml"], in: dir)
        #expect(validate.status == 2)
        #expect(
            validate.stderrLines.contains(
                "future.yaml:9:55: error: [date-order] 'collection_points[0].retention.oldest_record_date' (2021-01-05) is after the assessment date (2020-12-10): a record seen on the visit cannot be dated after the visit"
            ), "\(validate.stderr)")
        #expect(validate.stderr.contains("incident.yaml:11:13: error: [date-order] 'incidents[0].date' (2021-02)"))
        #expect(!validate.stderr.contains("same-month.yaml"))
        let audit = try ToolRunner.run(["audit", "future.yaml"], in: dir)
        #expect(audit.status == 2)
        #expect(!audit.stdout.contains("RETENTION"))
    }

    @Test("a practice's since and until cannot lie after the visit, and until cannot come before since")
    func practiceDates() throws {
        func mall(_ dates: String) -> [UInt8] {
            Self.mall(oldest: "2020-12-01").replacing(
                Array("    method: paper_register\n".utf8), with: Array("    method: paper_register\n    \(dates)\n".utf8))
        }
        let dir = try temporaryFolder([
            "late.yaml": mall("since: 2021-01-02"), "reversed.yaml": mall("since: 2020-10-02\n    until: 2020-09-30"),
            "month.yaml": mall("since: 2020-10-12\n    until: 2020-10"), "fine.yaml": mall("since: 2020-06\n    until: 2020-12-01"),
        ])
        let validate = try ToolRunner.run(["validate", "late.yaml", "reversed.yaml", "month.yaml", "fine.yaml"], in: dir)
        #expect(validate.status == 2)
        #expect(
            validate.stderr.contains(
                "late.yaml:7:12: error: [date-order] 'collection_points[0].since' (2021-01-02) is after the assessment date"),
            "\(validate.stderr)")
        #expect(
            validate.stderr.contains(
                "reversed.yaml:8:12: error: [date-order] 'collection_points[0].until' (2020-09-30) is before its 'since' (2020-10-02)"),
            "\(validate.stderr)")
        #expect(!validate.stderr.contains("month.yaml"))
        #expect(!validate.stderr.contains("fine.yaml"))
    }

    @Test("item 4: links planted in --out never redirect a write outside it")
    func item4PlantedSymlinks() throws {
        let dir = try temporaryFolder(["venue.yaml": Self.mall(oldest: "2020-12-01")])
        let outside = try temporaryFolder(["victim.txt": Array("keep me".utf8)])
        let fm = FileManager.default
        try fm.createDirectory(atPath: "\(dir)/out", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: "\(dir)/out/CN-SC-X-9_2020-12-10.xml", withDestinationPath: "\(outside)/victim.txt")
        let audit = try ToolRunner.run(["audit", "venue.yaml", "--out", "out", "--format", "xml"], in: dir)
        #expect(audit.status == 0 || audit.status == 1, "\(audit.stderr)")
        #expect(try String(contentsOfFile: "\(outside)/victim.txt", encoding: .utf8) == "keep me")
        let attributes = try fm.attributesOfItem(atPath: "\(dir)/out/CN-SC-X-9_2020-12-10.xml")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)

        // A csv/ folder or a store in the aggregate's --out that is a link is refused up front.
        try fm.createDirectory(atPath: "\(dir)/dash", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: "\(dir)/dash/csv", withDestinationPath: outside)
        let aggregate = try ToolRunner.run(["aggregate", "out", "--out", "dash"], in: dir)
        #expect(aggregate.status == 2)
        #expect(aggregate.stderr.contains("dash/csv is a symbolic link; nothing is written through it"), "\(aggregate.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: outside) == ["victim.txt"])
        try fm.removeItem(atPath: "\(dir)/dash/csv")
        try fm.createSymbolicLink(atPath: "\(dir)/dash/reports.sqlite", withDestinationPath: "\(outside)/victim.txt")
        let store = try ToolRunner.run(["aggregate", "out", "--out", "dash"], in: dir)
        #expect(store.status == 2)
        #expect(store.stderr.contains("reports.sqlite is a symbolic link"))
        #expect(try String(contentsOfFile: "\(outside)/victim.txt", encoding: .utf8) == "keep me")
    }

    @Test("item 7: collection points, list items and text length are limited, each with a clear error")
    func item7InputLimits() throws {
        var many = "format: venue-audit/1\nvenue: { id: CN-SC-BIG-1, type: shopping_mall, jurisdiction: CN-SC }\n"
        many += "assessment: { kind: inspection, date: 2020-12-10 }\ncollection_points:\n"
        for i in 0..<201 { many += "  - { id: p\(i), method: paper_register }\n" }
        many += "incidents: []\n"
        let note = String(repeating: "x", count: 65_537)
        let long = String(decoding: Self.mall(oldest: "2020-12-01"), as: UTF8.self) + "observations:\n  - { kind: other, note: \(note) }\n"
        let dir = try temporaryFolder(["many.yaml": Array(many.utf8), "long.yaml": Array(long.utf8)])
        let run = try ToolRunner.run(["audit", "--quiet", "many.yaml", "long.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(
            run.stderrLines.contains("many.yaml:5:3: error: [limit-items] 'collection_points' has 201 items; the limit is 200"),
            "\(run.stderr)")
        #expect(run.stderr.contains("long.yaml:12:26: error: [bad-value] 'observations[0].note' is 65537 bytes long; the limit is 65536"))
        #expect(run.stdout.contains("audited 0 venues in 2 files"))
    }

    @Test("item 8: a pack that fails lint does not load, and a rule cannot take its pattern from the venue")
    func item8LintAndPatterns() throws {
        let fixtures = RepositoryPaths.path("Tests/Fixtures/policies")
        let dir = try temporaryFolder([:])
        let fm = FileManager.default
        try fm.copyItem(atPath: fixtures, toPath: "\(dir)/policies")
        let pack = "\(dir)/policies/packs/test-pack.yaml"
        let text = try String(contentsOfFile: pack, encoding: .utf8)
        // A rule without an unknown example: lint's error, which once only `policies lint` reported.
        try text.replacingOccurrences(
            of: "      - name: not recorded\n        expect: unknown", with: "      - name: not recorded\n        expect: not_applicable"
        )
        .write(toFile: pack, atomically: true, encoding: .utf8)
        let run = try ToolRunner.run(["policies", "list", "--policies", "\(dir)/policies"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: [lint-examples] XA-TEST-1-EXPOSURE has no 'unknown' example"), "\(run.stderr)")

        let bad = text.replacingOccurrences(
            of: "require: target.storage.visible_to_other_visitors == false",
            with: "require: target.storage.visible_to_other_visitors == false && !venue.name.matches(venue.district)")
        try bad.write(toFile: pack, atomically: true, encoding: .utf8)
        let pattern = try ToolRunner.run(["policies", "list", "--policies", "\(dir)/policies"], in: dir)
        #expect(pattern.status == 2)
        #expect(pattern.stderr.contains("matches() takes a literal pattern"), "\(pattern.stderr)")
    }

    @Test("item 5: reports never overwrite each other or the index, and keep their date however long the id")
    func item5ReportNames() throws {
        func venue(_ id: String, date: String? = "2020-12-10") -> [UInt8] {
            let assessment = date.map { "assessment: { kind: inspection, date: \($0) }\n" } ?? "assessment: { kind: inspection }\n"
            return Array("format: venue-audit/1\nvenue: { id: \"\(id)\", type: bar, jurisdiction: XA }\n\(assessment)incidents: []\n".utf8)
        }
        let long = String(repeating: "L", count: 150)
        let dir = try temporaryFolder([
            "a.yaml": venue("A"), "a-zh.yaml": venue("A_2020-12-10.zh", date: nil), "a-junit.yaml": venue("A_2020-12-10.junit", date: nil),
            "index.yaml": venue("index", date: nil), "dash.yaml": venue("CN\u{2010}SC"), "under.yaml": venue("CN_SC"),
            "long.yaml": venue(long), "again.yaml": venue("A"),
        ])
        let policies = RepositoryPaths.path("Tests/Fixtures/policies")
        let run = try ToolRunner.run(
            [
                "audit", "--policies", policies, "--as-of", "2020-12-10", "--quiet", "--out", "out", "--format", "xml,junit,html", "--lang",
                "en,zh", "--jobs", "1",
                "a.yaml", "a-zh.yaml", "a-junit.yaml", "index.yaml", "dash.yaml", "under.yaml", "long.yaml", "again.yaml",
            ],
            in: dir)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/out"))
        // Eight venues, three files each (XML, JUnit, two HTML), plus the index.
        #expect(files.count == 8 * 4 + 1, "\(files.sorted())")
        #expect(files.contains("A_2020-12-10.xml") && files.contains("A_2020-12-10-2.xml"))
        #expect(
            run.stderr.contains("note: [report-name] reports named A_2020-12-10 were already written in this run; these are A_2020-12-10-2")
        )
        #expect(files.contains("index_undated.xml") && files.contains("index.html"))
        #expect(files.contains("CN_SC_2020-12-10.xml"))
        #expect(files.contains { $0.hasPrefix("CN_SC-") && $0.hasSuffix("_2020-12-10.xml") })
        #expect(files.contains { $0.hasPrefix(String(repeating: "L", count: 80) + "-") && $0.hasSuffix("_2020-12-10.xml") })
        // The same run again gives the same names: nothing new, nothing lost.
        let again = try ToolRunner.run(
            [
                "audit", "--policies", policies, "--as-of", "2020-12-10", "--quiet", "--out", "out", "--format", "xml,junit,html", "--lang",
                "en,zh", "--jobs", "1",
                "a.yaml", "a-zh.yaml", "a-junit.yaml", "index.yaml", "dash.yaml", "under.yaml", "long.yaml", "again.yaml",
            ],
            in: dir)
        #expect(again.status == run.status)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/out")) == files)
    }

    @Test("item 6: personal data written differently, in ids and in diagnostics, is masked in every output")
    func item6MaskingVariants() throws {
        let planted = [
            "１３９００００１２３４", "139\u{200B}0000\u{200B}1234", "139\u{00A0}0000\u{00A0}1234", "5101-0419-9901-0100-22",
            "510104 19990101 0022", "139/0000/1234", "(139) 0000 1234", "(028)86001234", "张伟@例子.公司", "ｄａｖｅ＠ｅｘａｍｐｌｅ．ｃｎ",
        ]
        let note = planted.enumerated().map { "(\($0.offset)) \($0.element)" }.joined(separator: "; ")
        let venue = """
            format: venue-audit/1
            venue: { id: CN-SC-13900001234, name: Test Mall, type: shopping_mall, jurisdiction: CN-SC }
            assessment: { kind: inspection, date: 2020-12-10 }
            collection_points:
              - id: book-13811112222
                method: paper_register
                fields: [name, phone]
            incidents: []
            observations:
              - kind: other
                note: "\(note)"

            """
        let bad = "format: venue-audit/1\nvenue: { id: V-1, type: \"13900001234\", jurisdiction: CN-SC }\nincidents: []\n"
        let dir = try temporaryFolder(["venue.yaml": Array(venue.utf8), "bad.yaml": Array(bad.utf8)])
        let audit = try ToolRunner.run(
            ["audit", "venue.yaml", "--out", "out", "--format", "xml,html,sarif,junit,json,text", "--lang", "en,zh"], in: dir)
        #expect(audit.status == 0 || audit.status == 1, "\(audit.stderr)")
        // Separators people put between digits are dropped, so a number is found however it
        // was grouped or spaced; letters and other text still divide numbers.
        let compact: (String) -> String = { text in
            String(text.unicodeScalars.filter { !" -/().\u{200B}\u{00A0}".unicodeScalars.contains($0) }.map(Character.init))
        }
        let secrets = ["13900001234", "13811112222", "510104199901010022", "02886001234", "１３９００００１２３４"]
        var outputs = ["stdout": audit.stdout, "stderr": audit.stderr]
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/out") {
            outputs[name] = try String(contentsOfFile: "\(dir)/out/\(name)", encoding: .utf8)
            for secret in secrets { #expect(!compact(name).contains(secret), "file name \(name)") }
        }
        #expect(outputs.count == 2 + 8)
        for (name, text) in outputs {
            for secret in secrets { #expect(!compact(text).contains(secret), "\(name) shows \(secret)") }
            #expect(!text.contains("张伟@") && !text.lowercased().contains("dave@") && !text.contains("ｄａｖｅ"), "\(name) shows an e-mail")
        }
        let xml = try #require(outputs.first { $0.key.hasSuffix("_2020-12-10.xml") && !$0.key.hasSuffix("junit.xml") }?.value)
        #expect(xml.contains("personal-data-found=\"true\""))

        let validate = try ToolRunner.run(["validate", "bad.yaml"], in: dir)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains("139****1234") && !validate.stderr.contains("13900001234"), "\(validate.stderr)")
    }

    @Test("item 10: an organisation-wide waiver is for the venue it names, and warns only in that venue's report")
    func item10WaiversPerVenue() throws {
        func venue(_ id: String) -> [UInt8] {
            Array(
                """
                format: venue-audit/1
                venue: { id: \(id), name: Test venue, type: bar, jurisdiction: XA }
                assessment: { kind: inspection, date: 2022-06-10 }
                collection_points:
                  - { id: book, method: paper_register, fields: [name], storage: { visible_to_other_visitors: true } }
                incidents: []

                """.utf8)
        }
        let waivers = """
            waivers:
              - { venue: XA-1, rule: XA-TEST-1-EXPOSURE, target: book, reason: Box on order, approved_by: Chain DPO, expires: 2022-07-01 }
              - { venue: XA-1, rule: XA-TEST-1-EXPOSURE, target: lobby, reason: Old, approved_by: Chain DPO, expires: 2022-07-01 }

            """
        let dir = try temporaryFolder(["a.yaml": venue("XA-1"), "b.yaml": venue("XA-2"), "w.yaml": Array(waivers.utf8)])
        let policies = RepositoryPaths.path("Tests/Fixtures/policies")
        let run = try ToolRunner.run(["audit", "--policies", policies, "--waivers", "w.yaml", "--jobs", "1", "a.yaml", "b.yaml"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdoutLines.contains { $0.hasPrefix("XA-1 Test venue:") && $0.contains("1 waived") })
        #expect(
            run.stdoutLines.contains("b.yaml:5:95: error: [XA-TEST-1-EXPOSURE] book lets visitors read earlier entries"), "\(run.stdout)")
        let orphans = (run.stdout + run.stderr).components(separatedBy: "orphan-waiver").count - 1
        #expect(orphans == 1, "\(run.stdout)")
        let missing = try temporaryFolder([
            "w.yaml": Array(
                "waivers:\n  - { rule: XA-TEST-1-EXPOSURE, target: book, reason: r, approved_by: a, expires: 2022-07-01 }\n".utf8)
        ])
        let lint = try ToolRunner.run(["waivers", "lint", "--policies", policies, "w.yaml"], in: missing)
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("w.yaml:2:5: error: [missing-field] waiver has no 'venue'; it is required"), "\(lint.stderr)")
    }

    @Test("item 10: raw control characters and bidirectional overrides never reach the HTML or the terminal")
    func item10ControlCharacters() throws {
        let venue =
            String(decoding: Self.mall(oldest: "2020-12-01"), as: UTF8.self)
            + "observations:\n  - { kind: other, note: \"red \\e[31m, C1 \\u009B, bidi \\u202Eevil\\u202C end\" }\n"
        let dir = try temporaryFolder(["v.yaml": Array(venue.utf8)])
        let run = try ToolRunner.run(["audit", "v.yaml", "--out", "out", "--format", "html,text"], in: dir)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        var texts = [run.stdout]
        for name in try FileManager.default.contentsOfDirectory(atPath: "\(dir)/out") {
            texts.append(try String(contentsOfFile: "\(dir)/out/\(name)", encoding: .utf8))
        }
        #expect(texts.count == 4)
        #expect(texts.contains { $0.contains("red \u{FFFD}[31m") })
        for text in texts {
            #expect(!text.unicodeScalars.contains { [0x1B, 0x9B, 0x202E, 0x202C].contains($0.value) })
        }
    }

    @Test("item 2: files are told apart by their root element: no id or file name makes a report vanish")
    func item2RootElement() throws {
        func venue(_ id: String) -> [UInt8] {
            Array(
                "format: venue-audit/1\nvenue: { id: \"\(id)\", type: bar, jurisdiction: XA }\nassessment: { kind: inspection, date: 2022-06-10 }\nincidents: []\n"
                    .utf8)
        }
        let dir = try temporaryFolder([
            "a.yaml": venue("XA-urn:venue-audit:aggregate:1"), "b.yaml": venue("XA-" + String(repeating: "B", count: 130) + ".junit"),
        ])
        let policies = RepositoryPaths.path("Tests/Fixtures/policies")
        let audit = try ToolRunner.run(
            ["audit", "--policies", policies, "--quiet", "--out", "r", "--format", "xml,junit", "a.yaml", "b.yaml"], in: dir)
        #expect(audit.status == 0 || audit.status == 1, "\(audit.stderr)")
        let fm = FileManager.default
        // A report under a JUnit-looking name is still a report.
        let reports = try fm.contentsOfDirectory(atPath: "\(dir)/r").filter { $0.hasSuffix(".xml") && !$0.hasSuffix(".junit.xml") }.sorted()
        #expect(reports.count == 2)
        try fm.moveItem(atPath: "\(dir)/r/\(reports[1])", toPath: "\(dir)/r/renamed.junit.xml")
        let first = try ToolRunner.run(["aggregate", "r", "--out", "dash", "-q"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 added"), "\(first.stdout)")
        // The JUnit files and an aggregate among the reports are skipped by name and reason, -q or not.
        try fm.copyItem(atPath: "\(dir)/dash/aggregate.xml", toPath: "\(dir)/r/aggregate.xml")
        let again = try ToolRunner.run(["aggregate", "r", "--out", "dash2", "-q"], in: dir)
        #expect(again.stdout.contains("2 added"), "\(again.stdout)")
        #expect(
            again.stderr.contains("r/aggregate.xml:1:1: note: [not-a-report] skipped: an aggregate written by venue-audit, not a report"))
        #expect(again.stderr.components(separatedBy: "skipped: a JUnit file, not a report").count - 1 == 2, "\(again.stderr)")
    }

    @Test("item 10: diff shows report text display-safe, and refuses two venues or the later report first")
    func item10Diff() throws {
        func venue(_ id: String, _ date: String, visible: Bool) -> [UInt8] {
            Array(
                """
                format: venue-audit/1
                venue: { id: \(id), name: "Bar\\nforged: error: line\\e[31m \\u202Eevil", type: bar, jurisdiction: XA }
                assessment: { kind: inspection, date: \(date) }
                collection_points:
                  - { id: book, method: paper_register, fields: [name], storage: { visible_to_other_visitors: \(visible) } }
                incidents: []

                """.utf8)
        }
        let dir = try temporaryFolder([
            "old.yaml": venue("XA-1", "2022-06-10", visible: false), "new.yaml": venue("XA-1", "2022-07-10", visible: true),
            "other.yaml": venue("XA-2", "2022-07-10", visible: true),
        ])
        let policies = RepositoryPaths.path("Tests/Fixtures/policies")
        for name in ["old", "new", "other"] {
            _ = try ToolRunner.run(["audit", "--policies", policies, "--quiet", "--out", name, "--format", "xml", "\(name).yaml"], in: dir)
        }
        func report(_ folder: String) throws -> String {
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/\(folder)").first { $0.hasSuffix(".xml") })
            return "\(folder)/\(name)"
        }
        let diff = try ToolRunner.run(["diff", try report("old"), try report("new")], in: dir)
        #expect(diff.status == 1, "\(diff.stderr)")
        #expect(
            diff.stdoutLines.first?.hasPrefix("XA-1 Bar forged: error: line\u{FFFD}[31m \u{FFFD}evil: 2022-06-10 -> 2022-07-10") == true,
            "\(diff.stdout)")
        #expect(!diff.stdout.unicodeScalars.contains { [0x1B, 0x202E].contains($0.value) })
        let backwards = try ToolRunner.run(["diff", try report("new"), try report("old")], in: dir)
        #expect(backwards.status == 2)
        #expect(backwards.stderr.contains("is later than"), "\(backwards.stderr)")
        let others = try ToolRunner.run(["diff", try report("old"), try report("other")], in: dir)
        #expect(others.status == 2)
        #expect(others.stderr.contains("the reports are of different venues (XA-1, XA-2)"))
    }

    @Test("item 10: a report the tool writes from the longest note it accepts is one aggregate accepts")
    func item10LongestNoteAggregates() throws {
        let note = String(repeating: "n", count: 65_536)
        let venue =
            String(decoding: Self.mall(oldest: "2020-12-01"), as: UTF8.self)
            + "observations:\n  - { kind: other, note: \(note) }\n  - { kind: other, note: \(note) }\n"
        let dir = try temporaryFolder(["v.yaml": Array(venue.utf8)])
        let audit = try ToolRunner.run(["audit", "v.yaml", "--quiet", "--out", "r", "--format", "xml"], in: dir)
        #expect(audit.status == 0 || audit.status == 1, "\(audit.stderr)")
        let aggregate = try ToolRunner.run(["aggregate", "r", "--out", "dash", "-q"], in: dir)
        #expect(aggregate.status == 0, "\(aggregate.stderr)")
        #expect(aggregate.stdout.contains("1 added, 0 already stored, 0 duplicates, 0 rejected"), "\(aggregate.stdout)")
    }

    @Test("a description over the size limit is refused before it is read, and the rest of the batch is audited")
    func oversizedDescription() throws {
        let dir = try temporaryFolder(["ok.yaml": Self.mall(oldest: "2020-12-01")])
        // A sparse file: 300 MiB on paper, nothing on disk.
        let handle = try #require(FileHandle(forWritingAtPath: try temporaryFile(in: dir, "huge.yaml")))
        try handle.truncate(atOffset: 300 << 20)
        try handle.close()
        let run = try ToolRunner.run(["audit", "--quiet", "huge.yaml", "ok.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("huge.yaml:1:1: error: [limit-size] file is 314572800 bytes; the limit is 268435456"), "\(run.stderr)")
        #expect(run.stdout.contains("audited 1 venue in 2 files"), "\(run.stdout)")
    }

    @Test("a report file over 64 MiB is rejected by aggregate before it is read")
    func oversizedReport() throws {
        let dir = try temporaryFolder([:])
        let handle = try #require(FileHandle(forWritingAtPath: try temporaryFile(in: dir, "huge.xml")))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let run = try ToolRunner.run(["aggregate", "huge.xml", "--out", "dash", "-q"], in: dir)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "huge.xml:1:1: error: [report-unreadable] the file is 1073741824 bytes; a report is at most 67108864 (64 MiB)"),
            "\(run.stderr)")
    }

    private func temporaryFile(in dir: String, _ name: String) throws -> String {
        let path = "\(dir)/\(name)"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        return path
    }
}
