import ArgumentParser
import AuditBasics
import AuditEngine
import Foundation
import PolicyCatalog

/// `venue-audit policies list | show ID | lint [DIR] | test [DIR] | docs | export DIR`.
struct PoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "List, show, lint and test the rule packs.",
        subcommands: [List.self, Show.self, Lint.self, Test.self, Docs.self, Export.self]
    )

    /// Loads the catalogue or prints why not and exits 2.
    static func catalog(_ dir: String?) throws -> (Catalog, [Diagnostic]) {
        switch PolicyLocator.load(explicit: dir) {
        case .success(let loaded): return loaded
        case .failure(let failure):
            for d in failure.diagnostics { Console.err(d.description) }
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule: id, severity, scope, in force from, title.")
        @Option(help: "The folder of rule packs.") var policies: String?
        @Option(help: "Language of titles: en or zh.") var lang: String = "en"

        func run() throws {
            let (catalog, _) = try PoliciesCommand.catalog(policies)
            let language = Language(rawValue: lang) ?? .en
            for rule in catalog.rules {
                let from = rule.effectiveFrom?.description ?? "-"
                Console.out("\(rule.id)\t\(rule.severity.rawValue)\t\(rule.scope.rawValue)\t\(from)\t\(rule.title[language])")
            }
            Console.out("\(catalog.rules.count) rules in \(catalog.packs.count) packs; \(catalog.profiles.count) profiles")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one rule: texts, conditions, citations, examples.")
        @Argument(help: "The rule id.") var id: String
        @Option(help: "The folder of rule packs.") var policies: String?

        func run() throws {
            let (catalog, _) = try PoliciesCommand.catalog(policies)
            guard let rule = catalog.rule(id) else {
                Console.err("venue-audit: error: no rule '\(id)'")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            var lines = [
                "\(rule.id) (\(rule.packID), \(rule.severity.rawValue), scope \(rule.scope.rawValue))",
                "  \(rule.title.en)", "  \(rule.title.zh)",
                "  in force: \(rule.effectiveFrom?.description ?? "-") to \(rule.effectiveTo?.description ?? "-")"
                    + (rule.effectiveFromBy.map { " (surely in force from \($0))" } ?? ""),
                "  force: \(rule.force.rawValue)\(rule.force.binds ? "" : " (not binding: cannot make a venue non-compliant)")",
            ]
            if let purposes = rule.purposes { lines.append("  for records kept for: \(purposes.joined(separator: ", "))") }
            if let codes = rule.jurisdictions { lines.append("  jurisdictions: \(codes.joined(separator: ", "))") }
            if let a = rule.appliesIf { lines.append("  applies if: \(a.source)") }
            for (name, e) in rule.evidence { lines.append("  evidence \(name): \(e.source)") }
            lines.append("  requires: \(rule.require.source)")
            lines.append("  remediation: \(rule.remediation.en)")
            for c in rule.citations { lines.append("  cites: \(c.instrument.en), \(c.provision)\(c.url.map { " <\($0)>" } ?? "")") }
            for e in rule.examples { lines.append("  example (\(e.expected.name)): \(e.name)") }
            Console.out(lines.joined(separator: "\n"))
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load the packs and check every rule's texts, citations and examples.")
        @Argument(help: "The folder of rule packs.") var directory: String?

        func run() throws {
            let (catalog, warnings) = try PoliciesCommand.catalog(directory)
            let problems = warnings  // loading ran the lint; its warnings come back with the catalogue
            for d in problems { Console.err(d.description) }
            let errors = problems.filter { $0.severity == .error }.count
            Console.out(
                "\(catalog.rules.count) rules in \(catalog.packs.count) packs: \(errors) errors, \(problems.count - errors) warnings")
            if errors > 0 { throw ExitCode(ExitStatus.badInput.rawValue) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every rule's examples.")
        @Argument(help: "The folder of rule packs.") var directory: String?

        func run() throws {
            let (catalog, _) = try PoliciesCommand.catalog(directory)
            let runner = RuleExampleRunner(catalog: catalog)
            var passed = 0
            var failed = 0
            for rule in catalog.rules {
                for example in rule.examples {
                    let outcome = runner.run(example, of: rule)
                    if let problem = outcome.problem {
                        failed += 1
                        Console.err("\(example.location): error: [\(rule.id)] example '\(example.name)': \(problem)")
                    } else {
                        passed += 1
                    }
                }
            }
            Console.out("rule examples: \(passed) passed, \(failed) failed")
            if failed > 0 { throw ExitCode(ExitStatus.findings.rawValue) }
        }
    }
}

extension PoliciesCommand {
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one Markdown page per rule, and an index, into a folder.")
        @Option(help: "The folder of rule packs.") var policies: String?
        @Option(name: .customLong("out"), help: "The folder to write into.") var out: String = "docs/rules"

        func run() throws {
            let (catalog, _) = try PoliciesCommand.catalog(policies)
            let dir = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let pages = RuleDocsWriter.pages(catalog)
            let keep = Set(pages.map(\.name))
            for stale in (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            where stale.hasSuffix(".md") && !keep.contains(stale) {
                try FileManager.default.removeItem(at: dir.appendingPathComponent(stale))
            }
            for page in pages { try ReportWriter.atomicWrite(Data(page.text.utf8), to: dir.appendingPathComponent(page.name)) }
            Console.out("wrote \(pages.count) pages into \(out)")
        }
    }
}

extension PoliciesCommand {
    /// Writes the packs built into the tool out as files, the start of an organisation's own
    /// tailoring (then `--policies DIR`). Existing files are never overwritten.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in rule packs, profiles, legal sources and taxonomy into a folder.",
            discussion: "Edit the copy, check it with 'policies lint DIR' and 'policies test DIR', then audit with --policies DIR.")
        @Argument(help: "The folder to write into (created if missing; existing files are left alone and reported).")
        var directory: String

        func run() throws {
            let files = PolicyFiles.builtin.catalogueFiles()
            let dir = URL(fileURLWithPath: directory)
            let existing = files.map(\.path).filter { FileManager.default.fileExists(atPath: dir.appendingPathComponent($0).path) }
            guard existing.isEmpty else {
                for path in existing { Console.err("\(directory)/\(path): error: [export-exists] the file exists; nothing was written") }
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
            for file in files {
                let url = dir.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try ReportWriter.atomicWrite(Data(file.bytes), to: url)
            }
            Console.out("wrote \(files.count) files into \(directory); use them with --policies \(directory)")
        }
    }
}

/// `venue-audit waivers lint FILE`.
struct WaiversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waivers", abstract: "Check waiver files.", subcommands: [Lint.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a waiver file: required fields, known rules, expiry dates.")
        @Argument(help: "The waiver file.") var file: String
        @Option(help: "The folder of rule packs.") var policies: String?
        @Option(name: .customLong("as-of"), help: "Report waivers expired on this date (YYYY-MM-DD).") var asOf: String?

        func run() throws {
            let waivers = try AuditBatch.loadWaivers(file)
            let (catalog, _) = try PoliciesCommand.catalog(policies)
            var problems = 0
            for w in waivers {
                let place = w.location.map { "\($0): " } ?? ""
                if catalog.rule(w.rule) == nil {
                    Console.err("\(place)error: [waiver-rule] waiver names rule '\(w.rule)', which does not exist")
                    problems += 1
                }
                if let asOf = asOf.flatMap({ CivilDate(iso: $0) }), w.expires < asOf {
                    Console.err("\(place)warning: [waiver-expired] waiver for \(w.rule) on '\(w.target)' expired on \(w.expires)")
                }
            }
            Console.out("\(waivers.count) waivers: \(problems) errors")
            if problems > 0 { throw ExitCode(ExitStatus.badInput.rawValue) }
        }
    }
}
