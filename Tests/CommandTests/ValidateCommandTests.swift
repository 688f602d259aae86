import Foundation
import TestSupport
import Testing

/// Writes `files` into a fresh temporary folder and returns its path.
func temporaryFolder(_ files: [String: [UInt8]]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("venue-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, bytes) in files {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
    return dir.path
}

let goodVenue = Array("format: venue-audit/1\nvenue: { id: V-1, type: bar, jurisdiction: IE }\nincidents: []\n".utf8)

@Suite("validate command")
struct ValidateCommandTests {
    @Test("every sample validates with no errors and no warnings")
    func samplesAreClean() throws {
        let run = try ToolRunner.run(["validate", "samples"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("0 with errors, 0 warnings"))
        #expect(RepositoryPaths.samples.count >= 12)
    }

    @Test("a batch goes on past a bad file, names it, and exits 2")
    func batchContinuesPastBadFile() throws {
        let dir = try temporaryFolder([
            "a-good.yaml": goodVenue,
            "b-bad.yaml": Array("format: venue-audit/1\nvenue:\n  id: X\n  id: Y\n".utf8),
            "c-good.yml": goodVenue,
            "d-binary.yaml": [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE],
        ])
        let run = try ToolRunner.run(["validate", "."], in: dir)
        #expect(run.status == 2)
        #expect(run.stderrLines.contains("./b-bad.yaml:4:3: error: [duplicate-key] duplicate key 'id' (first at line 3, column 3)"))
        #expect(run.stderrLines.contains { $0.hasPrefix("./d-binary.yaml:1:") && $0.contains("error: [yaml-encoding]") })
        #expect(run.stdout.contains("validated 4 files (2 venues): 2 ok, 2 with errors"))
    }

    @Test("a warning alone exits 0; --strict makes it an error")
    func warningsAndStrict() throws {
        let dir = try temporaryFolder([
            "w.yaml": Array("format: venue-audit/1\nvenue: { id: V-1, colour: red }\n".utf8)
        ])
        let lenient = try ToolRunner.run(["validate", "w.yaml"], in: dir)
        #expect(lenient.status == 0)
        #expect(lenient.stderrLines.first == "w.yaml:2:19: warning: [unknown-field] unknown field 'colour' in venue; it is ignored")
        let strict = try ToolRunner.run(["validate", "--strict", "w.yaml"], in: dir)
        #expect(strict.status == 2)
    }

    @Test("a path that does not exist is an error and the others are still checked")
    func missingPath() throws {
        let dir = try temporaryFolder(["ok.yaml": goodVenue])
        let run = try ToolRunner.run(["validate", "nope.yaml", "ok.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderrLines == ["nope.yaml:1:1: error: [no-such-file] no such file or folder"])
        #expect(run.stdout.contains("validated 2 files (1 venue): 1 ok, 1 with errors"))
    }

    @Test("usage errors exit 2, not ArgumentParser's 64", arguments: [["validate"], ["no-such-command"], ["validate", "--bogus", "x"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let run = try ToolRunner.run(arguments)
        #expect(run.status == 2)
        #expect(!run.stderr.isEmpty)
    }

    @Test("a jurisdiction the rule packs do not know fails validate, with a suggestion and the known codes")
    func unknownJurisdiction() throws {
        func venue(_ code: String) -> [UInt8] {
            Array("format: venue-audit/1\nvenue: { id: V-1, type: bar, jurisdiction: \(code) }\nincidents: []\n".utf8)
        }
        let dir = try temporaryFolder([
            "chengdu.yaml": venue("Chengdu"), "lower.yaml": venue("cn-sc"), "sub.yaml": venue("CN-SC"), "uk.yaml": venue("GB-ENG"),
        ])
        let run = try ToolRunner.run(["validate", "chengdu.yaml", "lower.yaml", "sub.yaml", "uk.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(
            run.stderrLines.contains(
                "chengdu.yaml:2:44: error: [unknown-jurisdiction] no rule profile covers jurisdiction 'Chengdu'; write an ISO 3166 code the rule packs know"
            ), "\(run.stderr)")
        #expect(run.stderr.contains("note: known: AT, AU-NSW,"))
        #expect(run.stderr.contains("(CN-SC falls under CN)"))
        #expect(run.stderrLines.contains("lower.yaml:2:44: note: did you mean 'CN-SC'?"))
        #expect(!run.stderr.contains("sub.yaml") && !run.stderr.contains("uk.yaml"))
        #expect(run.stdout.contains("2 ok, 2 with errors"))
        // audit refuses it with the same words, and suggests --profile as well.
        let audit = try ToolRunner.run(["audit", "chengdu.yaml"], in: dir)
        #expect(audit.status == 2)
        #expect(audit.stderr.contains("[unknown-jurisdiction] no rule profile covers jurisdiction 'Chengdu'"))
        #expect(audit.stderr.contains("note: or pass --profile ID"))
    }

    @Test(
        "each command's help explains itself in one paragraph wrapped to the width, not in lines broken early",
        arguments: ["audit", "validate", "init", "aggregate", "diff", "keys new", "verify", "serve", "corpus"]
    )
    func helpParagraphs(_ command: String) throws {
        let help = try ToolRunner.run(command.split(separator: " ").map(String.init) + ["--help"])
        #expect(help.status == 0)
        // The discussion: the paragraph after the overview, before USAGE.
        let paragraphs = help.stdout.components(separatedBy: "\n\n")
        let discussion = try #require(paragraphs.dropFirst().first { !$0.hasPrefix("USAGE") })
        let lines = discussion.split(separator: "\n")
        #expect(lines.count >= 2, "\(command): \(discussion)")
        for line in lines.dropLast() {
            #expect(line.count >= 60, "\(command): a line broken early: \(line)")
        }
    }

    @Test("--help and --version exit 0")
    func helpAndVersion() throws {
        #expect(try ToolRunner.run(["--help"]).status == 0)
        let version = try ToolRunner.run(["--version"])
        #expect(version.status == 0)
        let first = try #require(version.stdoutLines.first)
        #expect(first.hasPrefix("venue-audit ") && first.split(separator: ".").count == 3)
    }
}

@Suite("init command")
struct InitCommandTests {
    @Test("the starter description validates cleanly", arguments: ["CN", "GB-ENG", "AU-NSW"])
    func starterValidates(_ jurisdiction: String) throws {
        let dir = try temporaryFolder([:])
        let made = try ToolRunner.run(["init", "--jurisdiction", jurisdiction, "--output", "venue.yaml"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: dir + "/venue.yaml", encoding: .utf8)
        #expect(text.contains("jurisdiction: \(jurisdiction)"))
        let check = try ToolRunner.run(["validate", "--strict", "venue.yaml"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("init never overwrites a file and rejects a bad jurisdiction")
    func initRefuses() throws {
        let dir = try temporaryFolder(["venue.yaml": Array("keep me".utf8)])
        #expect(try ToolRunner.run(["init", "--output", "venue.yaml"], in: dir).status == 2)
        #expect(try String(contentsOfFile: dir + "/venue.yaml", encoding: .utf8) == "keep me")
        #expect(try ToolRunner.run(["init", "--jurisdiction", "china!"], in: dir).status == 2)
    }
}
