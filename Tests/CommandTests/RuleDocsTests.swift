import Foundation
import Testing
import TestSupport

@Suite("Rule documentation")
struct RuleDocsTests {
    @Test("docs/rules is what the packs generate; run `make docs` when this fails")
    func docsAreCurrent() throws {
        let dir = try temporaryFolder([:])
        let run = try ToolRunner.run(["policies", "docs", "--out", dir])
        #expect(run.status == 0, "\(run.stderr)")
        let committed = RepositoryPaths.path("docs/rules")
        let fresh = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let existing = ((try? FileManager.default.contentsOfDirectory(atPath: committed)) ?? []).sorted()
        #expect(fresh == existing, "docs/rules is out of date; run `make docs`")
        for name in fresh where existing.contains(name) {
            let a = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
            let b = try String(contentsOfFile: "\(committed)/\(name)", encoding: .utf8)
            #expect(a == b, "docs/rules/\(name) is out of date; run `make docs`")
        }
    }

    @Test("every rule a finding can name has its page")
    func everyRuleHasAPage() throws {
        let list = try ToolRunner.run(["policies", "list"])
        let ids = list.stdoutLines.dropLast().compactMap { $0.split(separator: "\t").first.map(String.init) }
        #expect(ids.count >= 60)
        for id in ids {
            #expect(FileManager.default.fileExists(atPath: RepositoryPaths.path("docs/rules/\(id).md")), "\(id)")
        }
    }
}
