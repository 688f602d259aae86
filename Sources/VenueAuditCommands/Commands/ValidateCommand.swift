import ArgumentParser
import AuditBasics
import VenueModel

/// `venue-audit validate PATH...`: reads and checks venue descriptions without auditing them.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check venue descriptions against the input format.",
        discussion: """
            Prints problems as file:line:column: error|warning: [code] message. Folders are
            searched for *.yaml and *.yml. Exit status 0 when no file has an error, 2 otherwise;
            every file is checked either way.
            """
    )

    @Argument(help: "Venue description files or folders.")
    var paths: [String]

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        let (files, missing) = InputFiles.expand(paths)
        for diagnostic in missing { Console.err(diagnostic.description) }
        var failed = missing.count
        var warnings = 0
        var venues = 0
        let reader = VenueFileReader()
        for file in files {
            let diagnostics: [Diagnostic]
            switch InputFiles.read(file) {
            case .failure(let problem):
                diagnostics = [problem]
            case .success(let bytes):
                let result = reader.read(bytes: bytes, path: file)
                venues += result.venues.count
                diagnostics = result.diagnostics
            }
            for diagnostic in diagnostics { Console.err(diagnostic.description) }
            let fileWarnings = diagnostics.filter { $0.severity == .warning }.count
            warnings += fileWarnings
            if diagnostics.hasErrors || (strict && fileWarnings > 0) { failed += 1 }
        }
        let total = files.count + missing.count
        Console.out(
            "validated \(total) file\(total == 1 ? "" : "s") (\(venues) venue\(venues == 1 ? "" : "s")): "
                + "\(total - failed) ok, \(failed) with errors, \(warnings) warning\(warnings == 1 ? "" : "s")")
        if failed > 0 { throw ExitCode(ExitStatus.badInput.rawValue) }
    }
}
