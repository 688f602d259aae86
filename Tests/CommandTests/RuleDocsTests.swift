import Foundation
import TestSupport
import Testing

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

    @Test("`policies show` and the rule page name the jurisdictions of a rule that has them")
    func jurisdictionsShown() throws {
        let policies = RepositoryPaths.path("Tests/Fixtures/policies")
        let show = try ToolRunner.run(["policies", "show", "XA-TEST-4-LOCKED", "--policies", policies])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdoutLines.contains("  jurisdictions: XA-B"))
        #expect(show.stdoutLines.contains("  example (out_of_scope): the rest of the country"))
        let everywhere = try ToolRunner.run(["policies", "show", "XA-TEST-1-EXPOSURE", "--policies", policies])
        #expect(!everywhere.stdout.contains("jurisdictions"))

        let dir = try temporaryFolder([:])
        let docs = try ToolRunner.run(["policies", "docs", "--policies", policies, "--out", dir])
        #expect(docs.status == 0, "\(docs.stderr)")
        let page = try String(contentsOfFile: "\(dir)/XA-TEST-4-LOCKED.md", encoding: .utf8)
        #expect(page.contains("| jurisdictions | XA-B |\n"))
        #expect(page.contains("Runs only for venues whose `venue.jurisdiction` is `XA-B` or lies within it"))
        #expect(page.contains("### out_of_scope: the rest of the country\n"))
        let other = try String(contentsOfFile: "\(dir)/XA-TEST-1-EXPOSURE.md", encoding: .utf8)
        #expect(!other.contains("jurisdictions"))
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
