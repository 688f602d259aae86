import AuditBasics
import Foundation
import PolicyCatalog
import TestSupport
import Testing

/// Copies the fixture catalogue into a temporary folder with one edit to the pack text.
private func catalogWith(_ replace: String, by replacement: String, in file: String = "packs/test-pack.yaml") throws -> String {
    let source = RepositoryPaths.path("Tests/Fixtures/policies")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policies-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: source, toPath: dir)
    let path = "\(dir)/\(file)"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(replace), "fixture no longer contains \(replace)")
    try text.replacingOccurrences(of: replace, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
    return dir
}

/// The diagnostics that stop the catalogue loading.
private func loadErrors(_ dir: String) -> [Diagnostic] {
    do throws(CatalogLoader.Failure) {
        _ = try CatalogLoader.load(directory: dir)
        return []
    } catch {
        return error.diagnostics.filter { $0.severity == .error }
    }
}

@Suite("A bad pack fails to load, with its location; never a silent skip")
struct BadPackTests {
    @Test("the fixture catalogue itself loads cleanly")
    func fixtureLoads() throws {
        let (catalog, warnings) = try CatalogLoader.load(directory: RepositoryPaths.path("Tests/Fixtures/policies"))
        #expect(catalog.rules.count == 4)
        #expect(catalog.rule("XA-TEST-4-LOCKED")?.jurisdictions == ["XA-B"])
        #expect(catalog.rule("XA-TEST-1-EXPOSURE")?.jurisdictions == nil)
        #expect(warnings.isEmpty)
        #expect(CatalogLint.check(catalog).isEmpty)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var by: String
        var code: String
        var line: Int
        var column: Int
        var words: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "syntax error", replace: "require: target.storage.visible_to_other_visitors == false",
            by: "require: target.storage.visible_to_other_visitors == (false", code: "condition-syntax", line: 12, column: 64, words: ""),
        Case(
            name: "unknown function", replace: "require: evidence.days_kept <= params.max_retention_days",
            by: "require: evidence.days_kept <= maximum(params.max_retention_days)", code: "condition-unknown-name", line: 44, column: 36,
            words: "maximum"),
        Case(
            name: "type error", replace: "require: evidence.days_kept <= params.max_retention_days",
            by: "require: '\"a\" < 3'", code: "condition-type", line: 44, column: 19, words: "cannot compare string with int"),
        Case(
            name: "unknown field of the venue format", replace: "require: target.storage.visible_to_other_visitors == false",
            by: "require: target.storage.visible_to_other_visiters == false", code: "condition-unknown-name", line: 12, column: 29,
            words: "visible_to_other_visitors"),
        Case(
            name: "misspelt vocabulary value", replace: "applies_if: target.method == \"paper_register\"",
            by: "applies_if: target.method == \"paper_registr\"", code: "condition-bad-value", line: 11, column: 34, words: "paper_register"
        ),
        Case(
            name: "duplicate rule id", replace: "id: XA-TEST-3-SENSITIVE", by: "id: XA-TEST-1-EXPOSURE",
            code: "policy-duplicate", line: 72, column: 9, words: "already used"),
        Case(
            name: "citation that resolves to nothing", replace: "citations: [test-law#art-2]",
            by: "citations: [test-law#art-22]", code: "policy-citation", line: 50, column: 17, words: "test-law#art-2"),
        Case(
            name: "placeholder that names nothing", replace: "the limit is {params.max_retention_days}\"",
            by: "the limit is {params.max_days}\"", code: "policy-placeholder", line: 48, column: 14, words: "params.max_days"),
        Case(
            name: "expects placeholder that names no param", replace: "no older than {params.max_retention_days} days",
            by: "no older than {days_kept} days", code: "policy-placeholder", line: 46, column: 14,
            words: "'{days_kept}' in the en expects of XA-TEST-2-RETENTION"),
        Case(
            name: "misspelt key in a rule", replace: "    severity: medium", by: "    severty: medium",
            code: "policy-unknown-key", line: 38, column: 5, words: "severty"),
        Case(
            name: "bad severity", replace: "    severity: medium", by: "    severity: urgent",
            code: "policy-value", line: 38, column: 15, words: "critical, high"),
        Case(
            name: "empty jurisdictions", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions: []",
            code: "policy-type", line: 101, column: 20, words: "non-empty list of jurisdiction codes"),
        Case(
            name: "jurisdictions with no value", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions:",
            code: "policy-type", line: 101, column: 19, words: "non-empty list of jurisdiction codes"),
        Case(
            name: "jurisdictions as one code, not a list", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions: XA-B",
            code: "policy-type", line: 101, column: 20, words: "non-empty list"),
        Case(
            name: "jurisdictions holding a map", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions: [{ code: XA-B }]",
            code: "policy-type", line: 101, column: 21, words: "not a list holding a map"),
        Case(
            name: "malformed jurisdiction code", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions: [XA-B, xa-c]",
            code: "policy-value", line: 101, column: 27,
            words: "'xa-c' in 'jurisdictions' of rule XA-TEST-4-LOCKED is not a jurisdiction code"),
        Case(
            name: "jurisdiction code that is a number", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions: [86]",
            code: "policy-value", line: 101, column: 21, words: "'86'"),
        Case(
            name: "jurisdiction listed twice", replace: "    jurisdictions: [XA-B]", by: "    jurisdictions: [XA-B, XA-B]",
            code: "policy-duplicate", line: 101, column: 27, words: "listed twice"),
        Case(
            name: "jurisdictions on the pack rather than on a rule", replace: "kind: law\n", by: "kind: law\njurisdictions: [XA]\n",
            code: "policy-unknown-key", line: 4, column: 1, words: "jurisdictions"),
        Case(
            name: "misspelt jurisdictions key", replace: "    jurisdictions: [XA-B]", by: "    jurisdiction: [XA-B]",
            code: "policy-unknown-key", line: 101, column: 5, words: "jurisdiction"),
        Case(
            name: "out_of_scope example of a rule without jurisdictions",
            replace: "expect: not_applicable\n        given: |\n          collection_points: [{ id: qr",
            by: "expect: out_of_scope\n        given: |\n          collection_points: [{ id: qr",
            code: "policy-value", line: 33, column: 17, words: "out_of_scope needs the rule to list 'jurisdictions'"),
        Case(
            name: "out_of_scope example that points somewhere", replace: "        expect: out_of_scope",
            by: "        expect: { state: out_of_scope, at: \"collection_points[book]\" }",
            code: "policy-value", line: 127, column: 44, words: "nothing to point at"),
    ]

    @Test("each problem is an error at its file:line:column", arguments: cases)
    func badPack(_ c: Case) throws {
        let dir = try catalogWith(c.replace, by: c.by)
        let errors = loadErrors(dir)
        let hit = errors.first { $0.code == c.code }
        #expect(hit != nil, "\(c.code) not among \(errors.map(\.description))")
        #expect(hit?.location?.file.hasSuffix("packs/test-pack.yaml") == true)
        #expect(hit?.location?.line == c.line, "\(hit?.description ?? "")")
        #expect(hit?.location?.column == c.column, "\(hit?.description ?? "")")
        if !c.words.isEmpty { #expect(hit?.description.contains(c.words) == true, "\(hit?.description ?? "")") }
    }

    @Test("a rule that does not say what it expects in words fails lint and so does not load, in either language")
    func lintWantsExpects() throws {
        let line = "    expects: { en: No sensitive field is collected, zh: 不收集敏感字段 }\n"
        let without = loadErrors(try catalogWith(line, by: ""))
        #expect(without.map(\.code) == ["lint-expects"], "\(without.map(\.description))")
        #expect(without.first?.message.contains("XA-TEST-3-SENSITIVE") == true)
        #expect(without.first?.location?.line == 72)
        let emptyChinese = loadErrors(
            try catalogWith(line, by: "    expects: { en: No sensitive field is collected, zh: \"\" }\n"))
        #expect(emptyChinese.map(\.message) == ["XA-TEST-3-SENSITIVE has an empty zh expects"])
        // Spaces of any script and tabs count as empty (an ideographic space, a tab, a space).
        let blankChinese = loadErrors(
            try catalogWith(line, by: "    expects: { en: No sensitive field is collected, zh: \"\u{3000}\\t \" }\n"))
        #expect(blankChinese.map(\.message) == ["XA-TEST-3-SENSITIVE has an empty zh expects"])
    }

    @Test("a rule cannot claim more force than the instruments it cites")
    func forceNoMoreThanItsSources() throws {
        let dir = try catalogWith("    force: statute", by: "    force: guidance", in: "legal-sources.yaml")
        let errors = loadErrors(dir).filter { $0.code == "policy-force" }
        #expect(errors.count == 4, "\(errors.map(\.description))")  // every rule cites test-law
        #expect(
            errors.contains { $0.message.contains("XA-TEST-2-RETENTION has the force statute") && $0.location?.line == 37 },
            "\(errors.map(\.description))")
        // Said of the rule itself, the force it is allowed loads.
        let guidance = try catalogWith("kind: law\n", by: "force: guidance\n")
        let fine = try catalogWith("    force: statute", by: "    force: guidance", in: "legal-sources.yaml")
        try FileManager.default.removeItem(atPath: "\(fine)/packs/test-pack.yaml")
        try FileManager.default.copyItem(atPath: "\(guidance)/packs/test-pack.yaml", toPath: "\(fine)/packs/test-pack.yaml")
        #expect(loadErrors(fine).isEmpty)
        let catalog = try CatalogLoader.load(directory: guidance).catalog
        #expect(catalog.rule("XA-TEST-2-RETENTION")?.force == .guidance)
    }

    @Test("purposes, effective_from_by and force are checked when the pack loads")
    func newRuleKeysChecked() throws {
        let purpose = loadErrors(
            try catalogWith("    effective_from: 2021-01-01\n", by: "    effective_from: 2021-01-01\n    purposes: [contact_tracing]\n"))
        #expect(purpose.contains { $0.code == "policy-value" && $0.message.contains("'contact_tracing' is not a purpose") })
        let by = loadErrors(
            try catalogWith("    effective_from: 2021-01-01\n", by: "    effective_from: 2021-01-01\n    effective_from_by: 2020-06-01\n"))
        #expect(by.contains { $0.message.contains("'effective_from_by' needs an 'effective_from' on or before it") })
        let both = loadErrors(try catalogWith("kind: law\n", by: "kind: law\nforce: statute\n"))
        #expect(both.contains { $0.message.contains("give 'force' or the older 'kind', not both") })
        let bad = loadErrors(try catalogWith("kind: law\n", by: "force: law\n"))
        #expect(bad.contains { $0.message.contains("'force' of the pack must be one of statute") })
    }

    @Test("a dated sensitivity must rest on a provision of the registry")
    func datedSensitivitySource() throws {
        let path = RepositoryPaths.path("Tests/Fixtures/policies/taxonomy.yaml")
        let last = try #require(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").last.map(String.init))
        let good = try catalogWith(
            last, by: last + "\nsensitive_dated:\n  XA:\n    - { field: phone, from: 2021-01-01, source: \"test-law#art-1\" }",
            in: "taxonomy.yaml")
        let catalog = try CatalogLoader.load(directory: good).catalog
        #expect(catalog.taxonomy.isSensitive("phone", in: "XA-B", on: try #require(CivilDate(iso: "2021-01-01"))))
        #expect(!catalog.taxonomy.isSensitive("phone", in: "XA-B", on: try #require(CivilDate(iso: "2020-12-31"))))
        let bad = try catalogWith(
            last, by: last + "\nsensitive_dated:\n  XA:\n    - { field: id_number, from: 2021-01-01, source: \"test-law#art-9\" }",
            in: "taxonomy.yaml")
        #expect(loadErrors(bad).contains { $0.code == "policy-citation" && $0.message.contains("test-law#art-9") })
    }

    @Test("a profile naming a missing pack, rule or param fails to load")
    func badProfile() throws {
        let dir = try catalogWith("packs: [test-pack]", by: "packs: [test-pack, no-such-pack]", in: "profiles/xa.yaml")
        #expect(loadErrors(dir).contains { $0.code == "policy-reference" && $0.message.contains("no-such-pack") && $0.location?.line == 4 })
        let dir2 = try catalogWith("test-pack.max_retention_days: 14", by: "test-pack.max_days: 14", in: "profiles/xa-b.yaml")
        #expect(loadErrors(dir2).contains { $0.code == "policy-reference" && $0.message.contains("max_days") })
    }

    @Test("the command exits 2 and prints the location when the packs do not load")
    func commandExitsTwo() throws {
        let dir = try catalogWith("citations: [test-law#art-2]", by: "citations: [test-law#art-22]")
        let run = try ToolRunner.run(["audit", "--policies", dir, "samples/cn-chengdu-mall-2020.yaml"])
        #expect(run.status == 2)
        #expect(
            run.stderrLines.contains {
                $0.hasSuffix("error: [policy-citation] citation 'test-law#art-22' resolves to nothing in legal-sources.yaml")
                    && $0.contains("test-pack.yaml:50:17")
            })
    }

    @Test("a bad jurisdictions value stops the audit the same way")
    func badJurisdictionsExitsTwo() throws {
        let dir = try catalogWith("    jurisdictions: [XA-B]", by: "    jurisdictions: [XA-B, XA/C]")
        let run = try ToolRunner.run(["audit", "--policies", dir, "samples/cn-chengdu-mall-2020.yaml"])
        #expect(run.status == 2)
        #expect(run.stderrLines.contains { $0.contains("test-pack.yaml:101:27: error: [policy-value] 'XA/C' in 'jurisdictions'") })
    }
}
