import Foundation
import TestSupport
import Testing

/// One bad-input fixture and what it must produce (see Tests/Fixtures/bad/README.md).
struct BadInputCase: CustomTestStringConvertible, Sendable {
    var name: String
    /// `line:column` and the words each diagnostic line must contain.
    var expected: [(position: String, words: [String])]

    var testDescription: String { name }

    static let folder = RepositoryPaths.path("Tests/Fixtures/bad")

    static var all: [BadInputCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { file in
            let name = String(file.dropLast(5))
            let text = (try? String(contentsOfFile: "\(folder)/\(name).expected", encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n").map { line in
                let parts = line.split(separator: "|").map(String.init)
                return (parts[0], Array(parts.dropFirst()))
            }
            return BadInputCase(name: name, expected: lines)
        }
    }
}

@Suite("Bad input never crashes and never passes silently")
struct BadInputTests {
    @Test("there is a fixture for every kind of bad input")
    func fixturesExist() {
        #expect(BadInputCase.all.count >= 14)
        #expect(BadInputCase.all.allSatisfy { !$0.expected.isEmpty })
    }

    @Test("each bad file gives its diagnostics at the exact line and column", arguments: BadInputCase.all)
    func exactDiagnostics(_ fixture: BadInputCase) throws {
        let run = try ToolRunner.run(["validate", "\(fixture.name).yaml"], in: BadInputCase.folder)
        let lines = run.stderrLines.filter { !$0.contains(": note: ") }
        #expect(lines.count == fixture.expected.count, "\(run.stderr)")
        for (line, expected) in zip(lines, fixture.expected) {
            #expect(line.hasPrefix("\(fixture.name).yaml:\(expected.position): "), "\(line)")
            for word in expected.words {
                #expect(line.lowercased().contains(word.lowercased()), "'\(word)' missing from: \(line)")
            }
        }
        let onlyWarnings = fixture.expected.allSatisfy { $0.words.contains("warning") }
        #expect(run.status == (onlyWarnings ? 0 : 2))
    }

    @Test("a batch of every bad file plus a good one checks them all and exits 2")
    func wholeBatch() throws {
        let dir = try temporaryFolder(["zz-good.yaml": goodVenue])
        let names = BadInputCase.all.map { "\(BadInputCase.folder)/\($0.name).yaml" }
        let run = try ToolRunner.run(["validate"] + names + ["\(dir)/zz-good.yaml"])
        #expect(run.status == 2)
        let withErrors = BadInputCase.all.filter { !$0.expected.allSatisfy { $0.words.contains("warning") } }.count
        #expect(run.stdout.contains("\(withErrors) with errors"), "\(run.stdout)")
        #expect(run.stdout.contains("\(names.count + 1 - withErrors) ok"))
    }
}
