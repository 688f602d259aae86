import ArgumentParser
import AuditBasics
import PolicyCatalog
import VenueModel

/// `venue-audit validate PATH...`: reads and checks venue descriptions without auditing them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check venue descriptions against the input format.",
        discussion: """
            Prints problems as file:line:column: error|warning: [code] message. Folders are \
            searched for *.yaml and *.yml. Besides the input format, each venue's jurisdiction \
            must be a code the rule packs know. Exit status 0 when no file has an error, 2 \
            otherwise; every file is checked either way.
            """
    )

    @Argument(help: "Venue description files or folders.")
    var paths: [String]

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "The folder of rule packs and profiles whose jurisdictions are known (default: the built-in packs).")
    var policies: String?

    @OptionGroup var jobs: JobsOption

    /// What one file contributes: its diagnostics, in the order the reader found them.
    struct ValidatedFile: Sendable {
        var diagnostics: [Diagnostic]
        var venues: Int
    }

    /// Reads and checks one file on any thread; `bytes` were read in input order.
    static func check(file: String, bytes: Result<[UInt8], Diagnostic>, reader: VenueFileReader, catalog: Catalog) -> ValidatedFile {
        switch bytes {
        case .failure(let problem):
            return ValidatedFile(diagnostics: [problem], venues: 0)
        case .success(let bytes):
            // Documents are checked one at a time and dropped; only their diagnostics are kept.
            var checked = ValidatedFile(diagnostics: [], venues: 0)
            let (_, error) = reader.read(bytes: bytes, path: file) { venue, _ in
                checked.diagnostics += venue.diagnostics
                if let problem = catalog.jurisdictionProblem(in: venue) { checked.diagnostics.append(problem) }
                checked.venues += 1
            }
            if let error { checked.diagnostics.append(error) }
            return checked
        }
    }

    func run() throws {
        let (catalog, _) = try PoliciesCommand.catalog(policies)
        let (files, missing) = InputFiles.expand(paths)
        for diagnostic in missing { Console.err(diagnostic.description) }
        var failed = missing.count
        var warnings = 0
        var venues = 0
        let reader = VenueFileReader()
        var pending = files.makeIterator()
        // Several files per hand-over, as in `audit`: a wake-up per file was a noticeable cost.
        let chunk = HandOver.size(items: files.count, jobs: jobs.count, atMost: 32)
        OrderedParallelMap<[(String, Result<[UInt8], Diagnostic>)], [ValidatedFile]>(jobs: max(1, min(jobs.count, files.count))).run(
            produce: { InputFiles.readNext(chunk, from: &pending) },
            transform: { batch in batch.map { Self.check(file: $0.0, bytes: $0.1, reader: reader, catalog: catalog) } },
            emit: { batch in
                for checked in batch {
                    for diagnostic in checked.diagnostics { Console.err(diagnostic.description) }
                    venues += checked.venues
                    let fileWarnings = checked.diagnostics.filter { $0.severity == .warning }.count
                    warnings += fileWarnings
                    if checked.diagnostics.hasErrors || (strict && fileWarnings > 0) { failed += 1 }
                }
            })
        let total = files.count + missing.count
        Console.out(
            "validated \(total) file\(total == 1 ? "" : "s") (\(venues) venue\(venues == 1 ? "" : "s")): "
                + "\(total - failed) ok, \(failed) with errors, \(warnings) warning\(warnings == 1 ? "" : "s")")
        if failed > 0 { throw ExitCode(ExitStatus.badInput.rawValue) }
    }
}
