import ArgumentParser
import AuditBasics
import CorpusGenerator
import Foundation

/// `venue-audit corpus --out DIR`: writes a seeded, realistic corpus of venue descriptions for
/// tests and benchmarks.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Generate a deterministic corpus of venue descriptions (for tests and benchmarks).",
        discussion: """
            The same --seed and options write the same files. Venues are spread over districts and \
            venue types, each assessed several times over the months. Audit them with \
            `venue-audit audit DIR --out REPORTS --format xml`, then aggregate the reports.
            """
    )

    @Option(name: .customLong("out"), help: "The folder to write the descriptions into.")
    var out: String

    @Option(help: "How many descriptions (assessments) to write.")
    var reports: Int = 1000

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The jurisdiction of every venue (XA with the test catalogue Tests/Fixtures/policies).")
    var jurisdiction: String = "CN-SC"

    @Option(help: "The first assessment date, YYYY-MM-DD.")
    var start: String = "2021-03-01"

    func validate() throws {
        guard reports >= 0 else { throw ValidationError("--reports must not be negative") }
        guard CivilDate(iso: start) != nil else { throw ValidationError("--start '\(start)' is not a date written YYYY-MM-DD") }
    }

    func run() throws {
        var options = CorpusGenerator.Options()
        options.seed = seed
        options.reports = reports
        options.jurisdiction = jurisdiction
        if let date = CivilDate(iso: start) { options.start = date }
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var count = 0
        try CorpusGenerator(options: options).generate { file in
            try ReportWriter.atomicWrite(Data(file.yaml.utf8), to: directory.appendingPathComponent(file.name))
            count += 1
        }
        Console.out("wrote \(count) venue description\(count == 1 ? "" : "s") to \(out) (seed \(seed))")
    }
}
