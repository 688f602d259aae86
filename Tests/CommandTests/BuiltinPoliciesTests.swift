import Foundation
import TestSupport
import Testing

/// The binary carries its rule packs: it audits from any folder, exports them, and names them in
/// `--version`.
@Suite("built-in rule packs")
struct BuiltinPoliciesTests {
    private static let sample = RepositoryPaths.path("samples/cn-chengdu-mall-2020.yaml")

    @Test("audit works from a folder with no policies/ in it, with the same output as in the repository")
    func auditFromElsewhere() throws {
        let elsewhere = try temporaryFolder([:])
        let there = try ToolRunner.run(["audit", "--quiet", Self.sample], in: elsewhere)
        #expect(there.status == 1, "\(there.stderr)")
        #expect(there.stderr.isEmpty)
        #expect(there.stdout.contains("Non-compliant"))
        let here = try ToolRunner.run(["audit", "--quiet", Self.sample])
        #expect(here.stdout == there.stdout)
        let root = try ToolRunner.run(["policies", "list"], in: "/")
        #expect(root.status == 0)
        #expect(root.stdoutLines.last?.hasSuffix("profiles") == true)
    }

    @Test("policies export writes the built-in packs byte for byte, and never over existing files")
    func export() throws {
        let dir = try temporaryFolder([:]) + "/mine"
        let first = try ToolRunner.run(["policies", "export", dir], in: "/")
        #expect(first.status == 0, "\(first.stderr)")
        let repo = RepositoryPaths.path("policies")
        let walker = try #require(FileManager.default.enumerator(atPath: repo))
        var compared = 0
        for case let relative as String in walker where relative.hasSuffix(".yaml") {
            let exported = FileManager.default.contents(atPath: "\(dir)/\(relative)")
            #expect(exported == FileManager.default.contents(atPath: "\(repo)/\(relative)"), "\(relative)")
            compared += 1
        }
        #expect(compared > 20)
        let lint = try ToolRunner.run(["policies", "lint", dir], in: "/")
        #expect(lint.status == 0, "\(lint.stderr)")
        let again = try ToolRunner.run(["policies", "export", dir], in: "/")
        #expect(again.status == 2)
        #expect(again.stderr.contains("\(dir)/legal-sources.yaml: error: [export-exists]"))
    }

    @Test("--policies and VENUE_AUDIT_POLICIES replace the built-in packs")
    func replaced() throws {
        let fixtures = RepositoryPaths.path("Tests/Fixtures/policies")
        let flag = try ToolRunner.run(["policies", "list", "--policies", fixtures], in: "/")
        let env = try ToolRunner.run(["policies", "list"], in: "/", environment: ["VENUE_AUDIT_POLICIES": fixtures])
        let builtin = try ToolRunner.run(["policies", "list"], in: "/")
        #expect(flag.status == 0 && env.status == 0)
        #expect(flag.stdout == env.stdout)
        #expect(flag.stdout != builtin.stdout)
        #expect(flag.stdout.contains("XA-TEST-1-EXPOSURE"))
    }

    @Test("--version names the tool and every built-in pack with its version")
    func version() throws {
        let run = try ToolRunner.run(["--version"], in: "/")
        #expect(run.status == 0)
        #expect(run.stdoutLines.first?.hasPrefix("venue-audit ") == true)
        #expect(run.stdoutLines.contains("  cn-pipl 1.1.0"))
        #expect(run.stdoutLines.contains("  cn-consumer-rights 1.0.0"))
        #expect(run.stdoutLines.count == 13)
    }

    @Test("reports link rule pages under --rules-docs-base, and by default never into a build folder")
    func rulesDocsBase() throws {
        let out = try temporaryFolder([:])
        let run = try ToolRunner.run(
            ["audit", Self.sample, "--rules-docs-base", "https://rules.example/va", "--out", out, "--format", "text"], in: "/")
        #expect(run.status == 1)
        #expect(run.stdout.contains("see https://rules.example/va/CN-GBT35273-7.2-SHARED-BOOK.md"))
        let plain = try ToolRunner.run(["audit", Self.sample], in: "/")
        #expect(plain.stdout.contains("see docs/rules/CN-GBT35273-7.2-SHARED-BOOK.md"))
        #expect(!plain.stdout.contains("../"))
    }
}
