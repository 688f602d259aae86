import Aggregation
import ArgumentParser
import AuditBasics
import Foundation

/// `venue-audit diff OLD.xml NEW.xml`: what changed between two reports of a venue.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two XML reports: new, fixed, still failing, newly waived, severity changed.",
        discussion: """
            Both reports are checked against the report schema and their digests first. Findings \
            are matched by rule and target. Exit status: 0 no new fail, 1 new fails, 2 a report \
            was rejected or the arguments are wrong.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, html, sarif
    }

    @Argument(help: "The earlier report (the baseline).")
    var old: String

    @Argument(help: "The later report.")
    var new: String

    @Option(help: "Output format: text, html, sarif.")
    var format: Format = .text

    @Option(help: "Language of the HTML page: en or zh.")
    var lang: Language = .en

    @Option(name: .customLong("out"), help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let reader = try ReportReader()
        var summaries: [ReportSummary] = []
        for path in [old, new] {
            switch reader.read(file: path) {
            case .success(let s): summaries.append(s)
            case .failure(let rejection):
                for d in rejection.diagnostics { Console.err(d.description) }
            }
        }
        guard summaries.count == 2 else { throw ExitCode(ExitStatus.badInput.rawValue) }
        // A diff compares two visits of one venue, the earlier first; anything else would report
        // fixes and new failures that never happened.
        if summaries[0].venueID != summaries[1].venueID {
            Console.err(
                "venue-audit: error: the reports are of different venues (\(DisplaySafeText.clean(summaries[0].venueID)), \(DisplaySafeText.clean(summaries[1].venueID))); a diff compares two visits of one venue"
            )
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        if ReportSummary.chronological(summaries[1], summaries[0]) {
            Console.err(
                "venue-audit: error: \(old) (\(summaries[0].date?.description ?? "undated")) is later than \(new) (\(summaries[1].date?.description ?? "undated")); give the earlier report first"
            )
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        let diff = ReportDiff(old: summaries[0], new: summaries[1])
        let text: String
        switch format {
        case .text: text = DiffRenderer.text(diff, oldPath: old, newPath: new)
        case .html: text = DiffRenderer.html(diff, oldPath: old, newPath: new, language: lang)
        case .sarif: text = DiffRenderer.sarif(diff, newPath: new, toolVersion: VenueAudit.version)
        }
        if let output {
            try ReportWriter.atomicWrite(Data(text.utf8), to: URL(fileURLWithPath: output))
            Console.out(DiffRenderer.summary(diff))
        } else {
            print(text, terminator: "")
        }
        if diff.count(.new) > 0 { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}

extension Language: ExpressibleByArgument {}
