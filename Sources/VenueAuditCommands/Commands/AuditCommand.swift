import ArgumentParser
import AuditBasics
import AuditEngine
import AuditResults
import Foundation
import ReportSignature
import Reporters

/// `venue-audit audit PATH...`: evaluates venues against the rule packs.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit venue descriptions against the legal and retention rules.",
        discussion: """
            Prints findings like a compiler (file:line:column: error: [RULE-ID] message), a \
            summary per venue and one for the batch; with --out, writes reports in every \
            --format. Exit status: 0 no failing finding at or above --fail-on, 1 findings, \
            2 bad input or usage (the other files of a batch are still audited).
            """
    )

    @Argument(help: "Venue description files or folders.")
    var paths: [String]

    @Option(help: "A profile id (such as CN or GB-ENG); by default each venue's jurisdiction picks one.")
    var profile: String?

    @Option(help: "The folder of rule packs and profiles.")
    var policies: String?

    @Option(name: .customLong("as-of"), help: "Audit under the law in force on this date (YYYY-MM-DD); default: each assessment's date.")
    var asOf: String?

    @Option(name: .customLong("rule"), help: "Run only this rule (repeatable).")
    var rules: [String] = []

    @Option(name: .customLong("skip-rule"), help: "Do not run this rule (repeatable).")
    var skipRules: [String] = []

    @Option(
        name: .customLong("reference"), help: "Run only rules citing INSTRUMENT or INSTRUMENT:ARTICLE, such as cn-pipl:art-19 (repeatable)."
    )
    var references: [String] = []

    @Option(name: .customLong("fail-on"), help: "The lowest severity that fails: critical, high, medium, low, info.")
    var failOn: String = "high"

    @Option(help: "Organisation-wide waivers: a YAML file with a top-level 'waivers:' list.")
    var waivers: String?

    @Option(help: "Language of messages and reports: en, zh, or en,zh (HTML in both).")
    var lang: String = "en"

    @Option(help: "Report formats to write with --out, comma-separated: \(Reporters.identifiers.joined(separator: ", ")).")
    var format: String = "xml,html"

    @Option(name: .customLong("out"), help: "Write reports into this folder.")
    var out: String?

    @Option(
        name: .customLong("rules-docs-base"),
        help: "Where reports link each rule's page: a URL or path ending in '/' (default: the installed rule pages, else docs/rules/).")
    var rulesDocsBase: String?

    @Option(
        name: .customLong("sign-key"),
        help: "Sign every XML report with this private key (PEM, readable only by you; see `keys new`).")
    var signKey: String?

    @Flag(help: "Print only the summaries, not each finding.")
    var quiet = false

    @OptionGroup var jobs: JobsOption

    func validate() throws {
        if let asOf, CivilDate(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date written YYYY-MM-DD")
        }
        guard Severity(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on '\(failOn)' must be one of critical, high, medium, low, info")
        }
        for name in formatNames where Reporters.named(name) == nil {
            throw ValidationError("unknown --format '\(name)'; expected one of \(Reporters.identifiers.joined(separator: ", "))")
        }
        if signKey != nil, out == nil || !formatNames.contains("xml") {
            throw ValidationError("--sign-key signs XML reports: give --out DIR and a --format that includes xml")
        }
        guard !languages.isEmpty, lang.split(separator: ",").allSatisfy({ Language(rawValue: String($0)) != nil }) else {
            throw ValidationError("--lang must be en, zh or en,zh")
        }
    }

    /// Where reports link rule pages when `--rules-docs-base` is not given: the pages
    /// `make install` put beside the binary (`PREFIX/share/doc/venue-audit/rules/`), else
    /// `docs/rules/`, where they are in the tool's repository. Never a path of the machine that
    /// built the tool.
    static func defaultRulesDocsBase() -> String {
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/doc/venue-audit/rules").standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: installed.path, isDirectory: &isFolder), isFolder.boolValue {
            return installed.path + "/"
        }
        return "docs/rules/"
    }

    var formatNames: [String] { format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    var languages: [Language] { lang.split(separator: ",").compactMap { Language(rawValue: String($0)) } }

    func run() throws {
        var options = AuditOptions()
        options.profileID = profile
        options.asOf = asOf.flatMap { CivilDate(iso: $0) }
        options.failOn = Severity(rawValue: failOn) ?? .high
        options.onlyRules = Set(rules)
        options.skipRules = Set(skipRules)
        options.references = references
        options.toolVersion = VenueAudit.version
        let batch = try AuditBatch(policies: policies, options: options, waiverFile: waivers, language: languages.first ?? .en)
        let docsBase = rulesDocsBase.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? Self.defaultRulesDocsBase()
        var signer: ReportSigner?
        if let signKey {
            do {
                signer = ReportSigner(key: try SigningKey.read(path: signKey))
            } catch {
                Console.err("venue-audit: error: \(error.message)")
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
        }
        var writer: ReportWriter?
        if let out {
            let context = ReportContext(
                toolVersion: VenueAudit.version, generatedAt: Date(), language: languages.first ?? .en,
                rulesDocsBase: docsBase)
            writer = try ReportWriter(
                directory: out, formats: formatNames.compactMap(Reporters.named), languages: languages, context: context,
                signer: signer)
        }
        let status = batch.run(paths: paths, quiet: quiet, jobs: jobs.count, rulesDocsBase: docsBase, writer: &writer)
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
