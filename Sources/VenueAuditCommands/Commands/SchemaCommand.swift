import ArgumentParser
import ReportFormat
import VenueModel

/// `venue-audit schema venue`: prints the JSON Schema of the input format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract:
            "Print a published schema: 'venue' (JSON Schema of the input format) or 'report' (XSD of the XML report, format 2) or 'report-1' (XSD of format 1)."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case venue, report
        case report1 = "report-1"
    }

    @Argument(help: "Which schema: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    func run() throws {
        switch kind {
        case .venue: print(JSONSchemaWriter.venueSchema(), terminator: "")
        case .report: print(ReportSchema.xsd, terminator: ReportSchema.xsd.hasSuffix("\n") ? "" : "\n")
        case .report1: print(ReportSchema.xsd1, terminator: ReportSchema.xsd1.hasSuffix("\n") ? "" : "\n")
        }
    }
}
