import ArgumentParser
import Foundation
import PolicyCatalog

/// The root command.
struct VenueAudit: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "venue-audit",
        abstract: "Audit how venues handle their visitors' personal data.",
        discussion: """
            Reads YAML venue descriptions, checks them against legal and retention rules, and \
            writes reports. Exit status: 0 no finding at or above --fail-on, 1 findings, \
            2 bad input or usage.
            """,
        version: version,
        subcommands: [
            AuditCommand.self, ValidateCommand.self, PoliciesCommand.self, WaiversCommand.self, InitCommand.self, SchemaCommand.self,
            AggregateCommand.self, DiffCommand.self, KeysCommand.self, VerifyCommand.self, ServeCommand.self, TokensCommand.self,
            CorpusCommand.self,
        ]
    )

    /// `--version`: the tool, then each rule pack built into it with its version.
    static var versionText: String {
        var lines = ["venue-audit \(version)"]
        if let catalog = try? CatalogLoader.loadBuiltin().catalog {
            for pack in catalog.packs.sorted(by: { $0.id < $1.id }) {
                lines.append("  \(pack.id) \(pack.version)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Runs the command line and maps every outcome to the documented exit codes.
public enum VenueAuditMain {
    public static func run() async {
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            Console.out(VenueAudit.versionText)
            return
        }
        do {
            var command = try VenueAudit.parseAsRoot()
            if var serving = command as? any AsyncParsableCommand {
                try await serving.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = VenueAudit.exitCode(for: error)
            if code == .success {
                // --help and --version arrive as errors with a success code.
                VenueAudit.exit(withError: error)
            }
            // ArgumentParser exits 64 (EX_USAGE) for usage errors; the design promises 2.
            Console.err(VenueAudit.fullMessage(for: error))
            Foundation.exit(ExitStatus.badInput.rawValue)
        }
    }
}
