import Aggregation
import ArgumentParser
import AuditBasics
import Foundation
import ReportFormat
import ReportSignature

/// `venue-audit verify REPORT... --trust FILE`: who signed each report, or why its signature is
/// not accepted.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the signatures of XML reports against a trust file.",
        discussion: """
            For each report, prints that it is valid and by whom, or exactly why not: unsigned, \
            signature-malformed, unknown-signer, outside-validity, revoked, bad-signature, \
            altered, signature-of-another-report; a report whose digest does not match its \
            content is tampered. Exit status: 0 every report valid, 1 some report not valid, \
            2 a file unreadable or the trust file wrong.
            """
    )

    @Argument(help: "Signed XML reports.")
    var reports: [String]

    @Option(help: "The YAML trust file listing the signers you accept.")
    var trust: String

    /// The verifier of the trust file at `path`; its errors are printed and end the run with
    /// exit status 2. Shared with `aggregate --trust`.
    static func verifier(trustFile path: String) throws -> ReportVerifier {
        let loaded = TrustFile.read(path: path)
        for d in loaded.diagnostics { Console.err(d.location == nil ? "\(path): error: \(d.message)" : d.description) }
        guard let trust = loaded.trust else { throw ExitCode(ExitStatus.badInput.rawValue) }
        return ReportVerifier(trust: trust)
    }

    func run() throws {
        let verifier = try Self.verifier(trustFile: trust)
        var invalid = false
        var unreadable = false
        for path in reports {
            if let tooLarge = ReportReader.tooLargeMessage(path) {
                Console.err("\(path):1:1: error: [report-unreadable] \(tooLarge)")
                unreadable = true
                continue
            }
            guard let bytes = ReportReader.contents(of: path) else {
                Console.err("\(path):1:1: error: [report-unreadable] cannot read the file")
                unreadable = true
                continue
            }
            // The digest first: a report changed by accident is tampered, whatever its signature.
            if case .mismatch = ReportDigest.check(bytes) {
                Console.out("\(path): not valid: tampered: the content does not match the report's digest")
                invalid = true
                continue
            }
            switch verifier.check(bytes) {
            case .valid(let signer):
                Console.out("\(path): valid: signed by \(signer.name), \(signer.organization) (key \(signer.keyID.prefix(16)))")
            case .unsigned:
                Console.out("\(path): not valid: unsigned: the report has no signature")
                invalid = true
            case .rejected(let problem, let detail):
                Console.out("\(path): not valid: \(problem.rawValue): \(detail)")
                invalid = true
            }
        }
        if unreadable { throw ExitCode(ExitStatus.badInput.rawValue) }
        if invalid { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
