/// The bench's command line.
struct Options {
    /// Venue files in the main corpus (the small set is a tenth of them).
    var files = 10_000
    /// Size of the multi-document file.
    var multiMegabytes = 50
    /// Most runs of one row; the best time is kept.
    var repeats = 3
    /// A row is not run again once its runs have taken this long, so slow rows run once.
    var repeatWithin = 5.0
    /// Files for the "every format" row: the small set (a tenth) by default, or all of them.
    var everyFormatOnAll = false
    /// Keep the corpus and the run's outputs; a later run with the same seed and sizes reuses
    /// the corpus.
    var keep = false
    var seed: UInt64 = 7
    var work = ".build/bench-corpus"
    var tool = ".build/release/venue-audit"
    /// A PostgreSQL server for the PostgreSQL rows (its maintenance database's URL, password in
    /// PGPASSFILE); `make bench` starts one and sets VENUE_AUDIT_TEST_POSTGRES.
    var postgres: String? = getenv("VENUE_AUDIT_TEST_POSTGRES").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    /// `--baseline KIND PATH...`: run one reference loop (used by the bench on itself).
    var baseline: (Baseline, [String])?

    static let usage = """
        usage: venue-audit-bench [--files N] [--multi-megabytes N] [--repeat N] [--repeat-within SECONDS]
                                 [--every-format-on-all] [--keep] [--seed N] [--work DIR] [--tool PATH]
                                 [--postgres URL]
               venue-audit-bench --baseline yaml|reader|xml PATH...

        Runs the release binary (--tool, default .build/release/venue-audit) over a generated corpus
        and prints one table of rates, ratios to bare libyaml / libxml2 loops over the same bytes,
        and each command's peak resident memory. Defaults: --files 10000 --multi-megabytes 50; each
        row runs up to --repeat 3 times, best time kept, but not again once its runs have taken
        --repeat-within 5 seconds; "audit + every format" runs on the tenth of the files that
        makes the small set unless --every-format-on-all. The corpus goes to --work
        (.build/bench-corpus) and is removed afterwards unless --keep, in which case the next run
        with the same seed and sizes reuses it. With --postgres URL (default: $VENUE_AUDIT_TEST_POSTGRES,
        which `make bench` sets), the reports are also ingested into PostgreSQL by one and by four
        processes, and the dashboard is re-rendered from both stores. Every run of a row that writes
        files writes into a folder of its own, and nothing is deleted until the end: the outputs of
        the default sizes take about 1.5 GB of --work while the bench runs.
        """

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        func value(_ flag: String) -> String {
            guard let v = rest.popFirst() else { Self.usageError("\(flag) needs a value") }
            return v
        }
        func number(_ flag: String, minimum: Int) -> Int {
            let text = value(flag)
            guard let n = Int(text), n >= minimum else { Self.usageError("\(flag) wants a whole number >= \(minimum), not '\(text)'") }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--files": files = number(flag, minimum: Corpus.jurisdictions.count)
            case "--multi-megabytes": multiMegabytes = number(flag, minimum: 1)
            case "--repeat": repeats = number(flag, minimum: 1)
            case "--repeat-within": repeatWithin = Double(number(flag, minimum: 0))
            case "--every-format-on-all": everyFormatOnAll = true
            case "--keep": keep = true
            case "--seed": seed = UInt64(number(flag, minimum: 0))
            case "--work": work = value(flag)
            case "--tool": tool = value(flag)
            case "--postgres": postgres = value(flag)
            case "--baseline":
                let kind = value(flag)
                guard let b = Baseline(rawValue: kind) else { Self.usageError("--baseline wants yaml, reader or xml, not '\(kind)'") }
                guard !rest.isEmpty else { Self.usageError("--baseline \(kind) needs files or folders") }
                baseline = (b, Array(rest))
                rest = []
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: Self.usageError("unknown argument '\(flag)'")
            }
        }
    }

    static func usageError(_ message: String) -> Never {
        progress("venue-audit-bench: error: \(message)\n\n\(usage)")
        exit(2)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
