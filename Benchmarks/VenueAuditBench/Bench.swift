import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run of the bench: prepares the corpus, runs every row as a child process, and prints the
/// table. Rows run in a fixed order; the tool's rows run the release binary exactly as a user
/// would, with standard output and standard error sent to /dev/null.
struct Bench {
    static let everyFormat = "xml,html,sarif,junit,json,text"

    let options: Options
    let corpus: Corpus
    /// This executable, which runs the baseline loops as its own children.
    let me: String
    /// Outputs of the tool's rows (reports, dashboards); removed at the end unless --keep.
    let outputs: String
    let started = ContinuousClock.now
    /// The largest resident size a runner had when it started a measured command.
    var floorKiB = 0

    init(options: Options) {
        self.options = options
        corpus = Corpus(directory: options.work, seed: options.seed, files: options.files, multiMegabytes: options.multiMegabytes)
        me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        outputs = options.work + "/runs"
    }

    mutating func run() {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: options.tool) else {
            fail("no tool at \(options.tool); build it first: swift build -c release --product venue-audit")
        }
        let loadBefore = Machine.loadAverage()
        progress(
            "venue-audit-bench: corpus of \(grouped(options.files)) files and a \(options.multiMegabytes) MiB multi-document file (seed \(options.seed))"
        )
        let corpusNote = corpus.prepare()
        progress("corpus \(corpusNote)")
        // A kept run's outputs are moved aside and deleted at the end, not now: see `measure(writing:)`.
        let previous = outputs + ".previous"
        try? fm.removeItem(atPath: previous)
        if fm.fileExists(atPath: outputs) { try? fm.moveItem(atPath: outputs, toPath: previous) }
        do { try fm.createDirectory(atPath: outputs, withIntermediateDirectories: true) } catch {
            fail("cannot create \(outputs): \(error)")
        }

        let venueFiles = Listing.venues([corpus.venues])
        let smallFiles = Listing.venues([corpus.small])
        guard venueFiles.count == options.files, smallFiles.count == corpus.smallFiles else {
            fail("the corpus in \(corpus.directory) is incomplete; remove the folder and run again")
        }
        let venueBytes = Listing.bytes(venueFiles)
        let smallBytes = Listing.bytes(smallFiles)
        let multiBytes = Listing.bytes([corpus.multi])
        let multiDocuments = Machine.countDocuments(corpus.multi)

        // Every row reads warm files: the corpus is read once before the first timed row.
        progress("warming the page cache: \(format(Double(corpus.warm()) / 1_048_576, 1)) MiB read")

        let auditJobs = supportsJobs("audit")
        let validateJobs = supportsJobs("validate")
        let oneCore = auditJobs ? ["--jobs", "1"] : []
        let tool = options.tool
        // Copies for the closures that build a row's arguments (`measure` mutates self).
        let venues = corpus.venues
        let small = corpus.small
        var rows: [Row] = []

        // MARK: YAML: the bare parser, the reader, validate, audit.
        let bare = measure("libyaml bare event loop", [me, "--baseline", "yaml", corpus.venues])
        rows.append(
            Row(
                stage: "YAML: libyaml bare event loop", files: venueFiles.count, bytes: venueBytes, measured: bare, baseline: bare,
                isBaseline: true))
        let reader = measure("YAMLReader", [me, "--baseline", "reader", corpus.venues])
        rows.append(
            Row(
                stage: "YAML: YAMLReader, node tree with marks", files: venueFiles.count, bytes: venueBytes, measured: reader,
                baseline: bare))
        let validate = measure("validate", [tool, "validate"] + (validateJobs ? ["--jobs", "1"] : []) + [corpus.venues])
        rows.append(
            Row(stage: "YAML: `validate` (read + decode)", files: venueFiles.count, bytes: venueBytes, measured: validate, baseline: bare))

        let audit = measure("audit, no output, 1 core", [tool, "audit", "--quiet"] + oneCore + [corpus.venues], accept: [0, 1])
        rows.append(
            Row(
                stage: "audit: every pack, no output, 1 core", files: venueFiles.count, bytes: venueBytes, measured: audit, baseline: bare,
                target: .ratio(0.35)))

        // The last run's XML reports are the aggregation rows' input.
        let reports = outputs + "/reports"
        let xml = measure("audit + XML, 1 core", writing: reports, accept: [0, 1]) {
            [tool, "audit", "--quiet", "--format", "xml", "--out", $0] + oneCore + [venues]
        }
        rows.append(
            Row(
                stage: "audit: + XML reports (format 2), 1 core", files: venueFiles.count, bytes: venueBytes, measured: xml, baseline: bare,
                target: .ratio(0.25)))
        let reportSizes = Listing.reports([reports]).map { Listing.bytes([$0]) }.sorted()
        var twoCoresXML: Measured?
        let reportsTwo = outputs + "/reports-2-cores"
        if auditJobs {
            twoCoresXML = measure("audit + XML, 2 cores", writing: reportsTwo, accept: [0, 1]) {
                [tool, "audit", "--quiet", "--format", "xml", "--out", $0, "--jobs", "2", venues]
            }
        }
        rows.append(
            Row(
                stage: "audit: + XML reports, 2 cores", files: venueFiles.count, bytes: venueBytes, measured: twoCoresXML,
                note: "n/a (no --jobs)", baseline: bare, target: .multiple(of: xml, atLeast: 1.8)))

        // Signing: the same audit + XML with every report signed (ECDSA P-256), against the
        // unsigned row just measured. Skipped by a tool without `keys`.
        let key = outputs + "/bench-signer"
        var signed: Measured?
        let signedReports = outputs + "/reports-signed"
        if Child.output([tool, "keys", "new", "--out", key], scratch: outputs) != nil,
            fm.fileExists(atPath: key + ".pem")
        {
            signed = measure("audit + signed XML, 1 core", writing: signedReports, accept: [0, 1]) {
                [tool, "audit", "--quiet", "--format", "xml", "--out", $0, "--sign-key", key + ".pem"] + oneCore + [venues]
            }
        }
        rows.append(
            Row(
                stage: "audit: + signed XML reports, 1 core (ratio to unsigned XML)", files: venueFiles.count, bytes: venueBytes,
                measured: signed, note: "n/a (no keys command)", baseline: xml))

        var twoCores: Measured?
        if auditJobs {
            twoCores = measure("audit, no output, 2 cores", [tool, "audit", "--quiet", "--jobs", "2", corpus.venues], accept: [0, 1])
        }
        rows.append(
            Row(
                stage: "audit: every pack, no output, 2 cores", files: venueFiles.count, bytes: venueBytes, measured: twoCores,
                note: "n/a (no --jobs)", baseline: bare, target: .multiple(of: audit, atLeast: 1.8)))

        // MARK: The small set: a baseline of its own, audit (memory pair), every format.
        let smallBare = measure("subset: libyaml bare event loop", [me, "--baseline", "yaml", corpus.small])
        rows.append(
            Row(
                stage: "subset: libyaml bare event loop", files: smallFiles.count, bytes: smallBytes, measured: smallBare,
                baseline: smallBare, isBaseline: true))
        let smallAudit = measure(
            "subset: audit, no output, 1 core", [tool, "audit", "--quiet"] + oneCore + [corpus.small], accept: [0, 1])
        rows.append(
            Row(
                stage: "subset: audit, no output, 1 core", files: smallFiles.count, bytes: smallBytes, measured: smallAudit,
                baseline: smallBare))

        let htmlOut = outputs + "/html"
        let html = measure("subset: audit + HTML, 1 core", writing: htmlOut, accept: [0, 1]) {
            [tool, "audit", "--quiet", "--format", "html", "--out", $0] + oneCore + [small]
        }
        rows.append(
            Row(
                stage: "subset: audit + HTML reports, 1 core", files: smallFiles.count, bytes: smallBytes, measured: html,
                baseline: smallBare, target: .ratio(0.10)))

        let everyOut = outputs + "/every-format"
        let everyInput = options.everyFormatOnAll ? corpus.venues : corpus.small
        let every = measure("audit + every format, 1 core", writing: everyOut, accept: [0, 1]) {
            [tool, "audit", "--quiet", "--format", Self.everyFormat, "--lang", "en,zh", "--out", $0] + oneCore + [everyInput]
        }
        rows.append(
            Row(
                stage: "\(options.everyFormatOnAll ? "audit: +" : "subset: audit +") every format (\(Self.everyFormat)), en and zh, 1 core",
                files: options.everyFormatOnAll ? venueFiles.count : smallFiles.count,
                bytes: options.everyFormatOnAll ? venueBytes : smallBytes,
                measured: every, baseline: options.everyFormatOnAll ? bare : smallBare, target: .ratio(0.05)))

        // MARK: One large multi-document file.
        let multiBare = measure("multi-document: libyaml bare event loop", [me, "--baseline", "yaml", corpus.multi])
        rows.append(
            Row(
                stage: "multi-document file: libyaml bare event loop", files: 1, documents: multiDocuments, bytes: multiBytes,
                measured: multiBare,
                baseline: multiBare, isBaseline: true))
        let multiAudit = measure(
            "multi-document: audit, no output, 1 core", [tool, "audit", "--quiet"] + oneCore + [corpus.multi], accept: [0, 1])
        rows.append(
            Row(
                stage: "multi-document file: audit, no output, 1 core", files: 1, documents: multiDocuments, bytes: multiBytes,
                measured: multiAudit,
                baseline: multiBare))

        // MARK: Aggregation over the XML reports written above.
        let reportFiles = Listing.reports([reports])
        guard reportFiles.count == venueFiles.count else {
            fail("audit wrote \(reportFiles.count) XML reports for \(venueFiles.count) venues into \(reports)")
        }
        let reportBytes = Listing.bytes(reportFiles)
        let smallReports = linkSmallReports(smallFiles, from: reports)
        progress("warming the page cache: \(format(Double(Corpus.warm(reportFiles)) / 1_048_576, 1)) MiB of reports read")
        let bareXML = measure("libxml2 xmlTextReader bare loop", [me, "--baseline", "xml", reports])
        rows.append(
            Row(
                stage: "aggregation: libxml2 xmlTextReader bare loop", files: reportFiles.count, bytes: reportBytes, measured: bareXML,
                baseline: bareXML, isBaseline: true))
        let aggregateOut = outputs + "/aggregate"
        let aggregate = measure("aggregate", writing: aggregateOut) { [tool, "aggregate", reports, "--out", $0, "--quiet"] }
        rows.append(
            Row(
                stage: "aggregation: `aggregate` (store, rollups, outputs)", files: reportFiles.count, bytes: reportBytes,
                measured: aggregate, baseline: bareXML, target: .ratio(0.50)))
        let smallAggregateOut = outputs + "/aggregate-subset"
        let smallAggregate = measure("subset: aggregate", writing: smallAggregateOut) {
            [tool, "aggregate", smallReports, "--out", $0, "--quiet"]
        }
        rows.append(
            Row(
                stage: "subset: `aggregate`", files: smallFiles.count, bytes: Listing.bytes(Listing.reports([smallReports])),
                measured: smallAggregate))

        var postgresLines: [String] = []
        if let server = options.postgres {
            postgresLines = postgresRows(
                server: server, reports: reports, reportFiles: reportFiles, smallReports: smallReports, sqlite: aggregate,
                sqliteStore: aggregateOut + "/reports.sqlite", rows: &rows)
        } else {
            progress("no PostgreSQL rows: VENUE_AUDIT_TEST_POSTGRES is not set (make bench starts a server)")
        }

        // MARK: Print.
        var out: [String] = []
        out.append(markdownTable(rows))
        out.append("")
        if let twoCores {
            let speedup = audit.seconds / twoCores.seconds
            out.append(
                "- two cores: audit without output \(format(speedup, 2))× the one-core rate (target ≥ 1.8×: \(speedup >= 1.8 ? "met" : "not met"))"
            )
        } else {
            out.append("- two cores: n/a (no --jobs): this build of venue-audit has no --jobs option, so audit ran on one core throughout")
        }
        if let twoCoresXML {
            let speedup = xml.seconds / twoCoresXML.seconds
            out.append(
                "- two cores: audit + XML \(format(speedup, 2))× the one-core rate (target ≥ 1.8×: \(speedup >= 1.8 ? "met" : "not met"))"
            )
        }
        if let median = reportSizes.dropFirst(reportSizes.count / 2).first, let largest = reportSizes.last {
            out.append(
                "- XML report size (format 2): median \(format(Double(median) / 1000, 1)) KB, largest \(format(Double(largest) / 1000, 1)) KB (target median ≤ 12 KB: \(median <= 12_000 ? "met" : "not met"))"
            )
        }
        out.append(
            memoryLine(
                "audit --quiet", small: smallAudit, smallCount: smallFiles.count, large: audit, largeCount: venueFiles.count, unit: "files")
        )
        out.append(
            memoryLine(
                "aggregate", small: smallAggregate, smallCount: smallFiles.count, large: aggregate, largeCount: reportFiles.count,
                unit: "reports"))
        out += postgresLines
        out.append("")
        let runsPerRow = rows.map { $0.measured.map { String($0.runs) } ?? "–" }.joined(separator: " ")
        out.append(
            "Every figure comes from this run. Each row is its own process: the tool's release binary, or this bench running a "
                + "baseline loop. Time: monotonic clock from spawn to exit, process start and policy loading included; the best "
                + "of up to \(options.repeats) runs, a row not repeated once its runs have taken \(format(options.repeatWithin, 0)) s "
                + "(runs per row, in table order: \(runsPerRow)). A ratio is the baseline's time over the row's time on the same "
                + "files. Peak RSS: the process's own ru_maxrss from wait4, the largest of its runs; each command is started by a "
                + "fresh runner (Linux counts the starting process's size in a vfork-started child's ru_maxrss), so the floor "
                + "under every figure is a runner's \(format(Double(floorKiB) / 1024, 1)) MiB, and a figure shown as ≤ N stayed at "
                + "or below that floor. The corpus was read once before the first row, the reports before the aggregation rows, "
                + "and written reports were flushed to disk (sync) before the next run; every run wrote into a folder of its "
                + "own and nothing was deleted until the end (a file system may slow file creation after many deletions).")
        out.append("")
        out.append(
            "Corpus: \(grouped(venueFiles.count)) venue files, \(format(Double(venueBytes) / Double(venueFiles.count) / 1024, 2)) KiB "
                + "each on average, over \(Corpus.jurisdictions.joined(separator: ", ")); the subset is the first tenth of each "
                + "jurisdiction's files; the multi-document file has \(grouped(multiDocuments)) venues of the same jurisdictions; "
                + "the reports are the XML the \"audit + XML\" row wrote; \(corpusNote).")
        if !auditJobs {
            out.append("The installed venue-audit has no --jobs: the one-core rows ran without it (the tool is single-threaded).")
        }
        out.append("")
        out.append("Machine: \(Machine.describe(tool: tool, scratch: outputs))")
        out.append("Load average before / after: \(loadBefore) / \(Machine.loadAverage()) (other work on the machine skews the figures).")
        out.append("Bench wall time: \(format((ContinuousClock.now - started).seconds, 0)) s.")
        print(out.joined(separator: "\n"))

        if options.keep {
            progress("kept the corpus and outputs in \(options.work)")
        } else {
            corpus.remove(outputs: outputs)
        }
        try? fm.removeItem(atPath: previous)
    }

    /// Runs a command up to --repeat times, not again once its runs have taken --repeat-within
    /// seconds; the best time and the largest peak memory. Stops the bench when the command
    /// exits with a status not in `accept`.
    mutating func measure(
        _ label: String, accept: Set<Int32>, before: () -> Void = {}, after: () -> Void, _ argumentsForRun: (Int) -> [String]
    ) -> Measured {
        var measured = Measured(seconds: .infinity, peakKiB: 0, runs: 0)
        var spent = 0.0
        while measured.runs < options.repeats && (measured.runs == 0 || spent < options.repeatWithin) {
            before()
            let arguments = argumentsForRun(measured.runs + 1)
            let child = Child.measure(arguments, me: me, scratch: outputs)
            floorKiB = max(floorKiB, child.floorKiB)
            guard accept.contains(child.status) else {
                fail(
                    "`\(arguments.joined(separator: " "))` exited with status \(child.status); run it by hand to see why (the files are left in \(options.work))"
                )
            }
            after()
            measured.runs += 1
            spent += child.seconds
            measured.seconds = min(measured.seconds, child.seconds)
            if child.peakKiB > measured.peakKiB {
                measured.peakKiB = child.peakKiB
                measured.peakAtFloor = child.peakKiB <= child.floorKiB + 256
            }
        }
        let elapsed = (ContinuousClock.now - started).seconds
        progress(
            "[\(format(elapsed, 0)) s] \(label): \(format(measured.seconds, 2)) s, peak \(measured.peakText) MiB (best of \(measured.runs))"
        )
        return measured
    }

    /// Runs a command that writes files, each run into a folder no earlier run used (`base`,
    /// then `base-run2`, ...), and flushes them to disk after each run. Nothing is deleted while
    /// the bench runs: on ext4 without a journal, Linux skips inodes freed in the last 60 s
    /// (300 s until written back) when it creates a file, reading each one's inode block to
    /// check, so a row that ran after thousands of deletions measured that scan (perf:
    /// `recently_deleted` and `find_get_block_common`; system time 0.5 s against 3.1 s for
    /// 2,000 XML reports). The first run's folder is `base`, which later rows may read.
    mutating func measure(
        _ label: String, writing base: String, accept: Set<Int32> = [0], _ arguments: (String) -> [String]
    ) -> Measured {
        measure(label, accept: accept, after: Self.flush) { run in arguments(run == 1 ? base : base + "-run\(run)") }
    }

    /// Runs a command that writes nothing of its own.
    mutating func measure(
        _ label: String, _ arguments: [String], accept: Set<Int32> = [0], before: () -> Void = {}
    ) -> Measured {
        measure(label, accept: accept, before: before, after: {}) { _ in arguments }
    }

    /// Writes what the last command left in the page cache to disk, so that its writeback does
    /// not run during the next row.
    static func flush() {
        let start = ContinuousClock.now
        sync()
        let seconds = (ContinuousClock.now - start).seconds
        if seconds >= 0.5 { progress("  (sync: \(format(seconds, 1)) s, not timed)") }
    }

    /// Whether `venue-audit COMMAND --help` offers --jobs.
    func supportsJobs(_ command: String) -> Bool {
        Child.output([options.tool, command, "--help"], scratch: outputs)?.contains("--jobs") ?? false
    }

    /// Hard links to the XML reports of the small set's venue files, in a folder of their own.
    func linkSmallReports(_ smallFiles: [String], from reports: String) -> String {
        let folder = outputs + "/reports-subset"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            fail("cannot create \(folder): \(error)")
        }
        for file in smallFiles {
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            guard link(reports + "/" + stem + ".xml", folder + "/" + stem + ".xml") == 0 else {
                fail("no XML report \(reports)/\(stem).xml for \(file)")
            }
        }
        return folder
    }

    func memoryLine(_ what: String, small: Measured, smallCount: Int, large: Measured, largeCount: Int, unit: String) -> String {
        let ratio = Double(large.peakKiB) / Double(max(small.peakKiB, 1))
        let verdict = small.peakAtFloor ? "not measurable: the smaller figure is only a bound" : ratio < 1.5 ? "met" : "not met"
        return "- peak memory, \(what): \(small.peakText) MiB at \(grouped(smallCount)) \(unit), \(large.peakText) MiB at "
            + "\(grouped(largeCount)) \(unit): \(format(ratio, 2))× (target < 1.5×: \(verdict))"
    }
}
