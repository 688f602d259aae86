import Foundation
import TestSupport
import Testing

/// `--jobs N` must not change anything a user can see but the time taken: the same bytes on
/// standard output and standard error, the same exit status, the same report files.
@Suite("--jobs")
struct JobsTests {
    /// Good files, every bad fixture, a file of several documents, and a path that does not exist.
    static let mixedBatch = ["samples", "Tests/Fixtures/bad", "samples/cn-chengdu-noodle-shops-2020.yaml", "no-such-file.yaml"]

    /// Samples in which nothing fails at or above `high`.
    static let compliantSamples = [
        "au-nsw-cafe-2021", "au-vic-office-2021-self", "cn-beijing-office-2020",
        "gb-eng-pub-2020", "sg-orchard-mall-2021", "tw-taipei-gym-2020",
    ].map { "samples/\($0).yaml" }

    struct Scenario: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        /// Lines printed at least, so the comparison means something.
        var lines: Int
        var testDescription: String { arguments.joined(separator: " ") + " → \(status)" }
    }

    static let scenarios: [Scenario] = [
        Scenario(arguments: ["audit"] + mixedBatch, status: 2, lines: 500),
        Scenario(arguments: ["audit", "--quiet"] + mixedBatch, status: 2, lines: 40),
        Scenario(arguments: ["validate"] + mixedBatch, status: 2, lines: 15),
        Scenario(arguments: ["audit", "samples"], status: 1, lines: 200),
        Scenario(arguments: ["audit"] + compliantSamples, status: 0, lines: 8),
        Scenario(arguments: ["validate", "samples"], status: 0, lines: 1),
    ]

    @Test("standard output, standard error and exit status are the same bytes for --jobs 1, 2 and 8", arguments: scenarios)
    func sameOutputForAnyJobs(_ scenario: Scenario) throws {
        let sequential = try ToolRunner.run(scenario.arguments + ["--jobs", "1"])
        #expect(sequential.status == scenario.status, "\(sequential.stderr)")
        #expect(sequential.stdoutLines.count + sequential.stderrLines.count >= scenario.lines)
        for jobs in ["2", "8"] {
            let parallel = try ToolRunner.run(scenario.arguments + ["--jobs", jobs])
            #expect(parallel.status == sequential.status, "--jobs \(jobs)")
            #expect(parallel.stdout == sequential.stdout, "--jobs \(jobs)")
            #expect(parallel.stderr == sequential.stderr, "--jobs \(jobs)")
        }
    }

    @Test("the mixed batch reports bad files, several documents and a missing path, in input order")
    func mixedBatchIsWhatItSays() throws {
        let run = try ToolRunner.run(["audit", "--jobs", "8"] + Self.mixedBatch)
        let errors = run.stderrLines
        // A missing path is reported before any file is read; bad fixtures follow in path order.
        let firstBad = try #require(errors.firstIndex { $0.hasPrefix("Tests/Fixtures/bad/bad-date.yaml:") })
        let lastBad = try #require(errors.lastIndex { $0.hasPrefix("Tests/Fixtures/bad/wrong-types.yaml:") })
        #expect(firstBad < lastBad)
        #expect(errors.first == "no-such-file.yaml:1:1: error: [no-such-file] no such file or folder")
        let multi = run.stdoutLines.filter { $0.hasPrefix("CN-SC-CD-") && $0.contains(": Non-compliant. Of ") }
        #expect(multi.count >= 2)
        #expect(run.stdoutLines.last?.hasPrefix("audited ") == true)
    }

    @Test("--out writes the same report files, with the same contents but the time, for --jobs 1 and 8")
    func sameReportsForAnyJobs() throws {
        // A file given twice makes its venues' file names collide, so the -2 suffixes must go
        // to the same reports whichever thread finished first.
        let inputs =
            ["samples/cn-chengdu-noodle-shops-2020.yaml", "samples/cn-chengdu-mall-2020.yaml"] + Self.compliantSamples
            + ["samples/cn-chengdu-noodle-shops-2020.yaml"]
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("venue-audit-jobs-\(UUID().uuidString)").path
        var trees: [[String: String]] = []
        for jobs in ["1", "8"] {
            let out = "\(base)/jobs-\(jobs)"
            let run = try ToolRunner.run(
                ["audit", "--quiet", "--jobs", jobs, "--out", out, "--format", "xml,html,sarif,junit,json,text", "--lang", "en,zh"]
                    + inputs)
            #expect(run.status == 1, "\(run.stderr)")
            trees.append(try Self.normalisedContents(of: out))
        }
        #expect(trees[0].keys.sorted() == trees[1].keys.sorted())
        #expect(trees[0].keys.contains { $0.contains("-2.") }, "no name collision happened: \(trees[0].keys.sorted())")
        #expect(trees[0]["index.html"] != nil)
        for name in trees[0].keys.sorted() {
            #expect(trees[0][name] == trees[1][name], "\(name) differs")
        }
        try? FileManager.default.removeItem(atPath: base)
    }

    @Test("--jobs below 1 is a usage error", arguments: ["audit", "validate"], ["0", "-1"])
    func jobsMustBePositive(command: String, jobs: String) throws {
        let run = try ToolRunner.run([command, "--jobs=\(jobs)", "samples"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--jobs"))
        #expect(run.stdout.isEmpty)
    }

    /// Every file in `folder` by name, with the write time and the digests that cover it
    /// blanked out.
    static func normalisedContents(of folder: String) throws -> [String: String] {
        let time = try Regex(#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"#)
        let digest = try Regex(#"<digest algorithm="sha-256">[0-9a-f]{64}</digest>"#)
        var contents: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
            contents[name] = text.replacing(time, with: "TIME").replacing(digest, with: "DIGEST")
        }
        return contents
    }
}
