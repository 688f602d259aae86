import ArgumentParser
import Foundation

/// `--jobs N`, for the commands that work through a batch of files.
struct JobsOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "How many files to work on at once; output stays in input order (default: the number of active cores).",
            valueName: "n"))
    var jobs: Int?

    /// The number of worker threads to use.
    var count: Int { jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, not \(jobs)") }
    }
}
