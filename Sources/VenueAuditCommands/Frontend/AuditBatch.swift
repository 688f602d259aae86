import ArgumentParser
import AuditBasics
import AuditEngine
import AuditResults
import Foundation
import PolicyCatalog
import ReportFormat
import Reporters
import VenueModel

/// Audits the files of one run on `--jobs` threads, printing as it goes: output follows input
/// order whatever the number of threads, and memory does not grow with the batch.
///
/// A file is the unit of work. Reading its bytes, printing and writing report files happen on
/// the calling thread in input order; parsing, auditing and rendering happen on a worker,
/// which shares the engine and the reader read-only. See `OrderedParallelMap`.
struct AuditBatch {
    let engine: AuditEngine
    let language: Language
    let reader = VenueFileReader()

    /// Loads the catalogue and the waiver file; a problem with either is bad input (exit 2).
    init(policies: String?, options: AuditOptions, waiverFile: String?, language: Language) throws {
        var options = options
        var catalog: Catalog
        switch PolicyLocator.load(explicit: policies) {
        case .failure(let failure):
            for d in failure.diagnostics where d.severity == .error { Console.err(d.description) }
            Console.err("venue-audit: error: the rule packs did not load; nothing was audited")
            throw ExitCode(ExitStatus.badInput.rawValue)
        case .success(let (loaded, _)):
            catalog = loaded
        }
        if let id = options.profileID, id.hasSuffix(".yaml") || id.hasSuffix(".yml") {
            do throws(CatalogLoader.Failure) {
                options.profileID = try CatalogLoader.addProfile(file: id, to: &catalog).id
            } catch {
                for d in error.diagnostics { Console.err(d.description) }
                throw ExitCode(ExitStatus.badInput.rawValue)
            }
        }
        if let waiverFile { options.waivers = try Self.loadWaivers(waiverFile) }
        engine = AuditEngine(catalog: catalog, options: options)
        self.language = language
    }

    static func loadWaivers(_ path: String) throws -> [Waiver] {
        guard case .success(let bytes) = InputFiles.read(path) else {
            Console.err("\(path):1:1: error: [unreadable] cannot read the waiver file")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        let result = WaiverFileReader.read(bytes: bytes, path: path)
        for d in result.diagnostics { Console.err(d.description) }
        if result.diagnostics.hasErrors { throw ExitCode(ExitStatus.badInput.rawValue) }
        return Waiver.list(from: result.facts)
    }

    /// What one file contributes to the run, worked out on a worker thread and then printed
    /// and written, step by step, in input order.
    struct AuditedFile: Sendable {
        enum Step: Sendable {
            /// A line for standard error.
            case stderr(String)
            /// Text for standard output.
            case stdout(String)
            /// A venue audited: its verdict, and its reports when `--out` was given.
            case audited(Verdict, ReportWriter.Rendered?)
        }
        var steps: [Step] = []
        var hasErrors = false
    }

    func run(paths: [String], quiet: Bool, jobs: Int, rulesDocsBase: String, writer: inout ReportWriter?) -> ExitStatus {
        let (files, missing) = InputFiles.expand(paths)
        for d in missing { Console.err(d.description) }
        var badFiles = missing.count
        var verdicts: [Verdict: Int] = [:]
        var failing = false
        let text = TextReporter(
            context: ReportContext(
                toolVersion: VenueAudit.version, generatedAt: Date(), language: language, rulesDocsBase: rulesDocsBase,
                colour: Console.stdoutIsTerminal))
        let renderer = writer?.renderer
        // libxml2 wants its one-time set-up done before threads use it.
        if renderer != nil { LibXML.ensureInitialised() }
        var pending = files.makeIterator()
        // No more threads than files: one file is audited on this thread, with no worker at all.
        // Files go to the workers several at a time: one hand-over per file cost thread
        // wake-ups that took a tenth of two cores. With reports to render a file is far more
        // work than a wake-up, and fewer are handed over at once so fewer reports are held. A
        // small batch is still spread over every worker.
        let chunk = HandOver.size(items: files.count, jobs: jobs, atMost: renderer == nil ? 32 : 4)
        OrderedParallelMap<[(String, Result<[UInt8], Diagnostic>)], [AuditedFile]>(jobs: max(1, min(jobs, files.count))).run(
            produce: { InputFiles.readNext(chunk, from: &pending) },
            transform: { batch in batch.map { audit(file: $0.0, bytes: $0.1, quiet: quiet, text: text, renderer: renderer) } },
            emit: { batch in for audited in batch { emit(audited) } })
        func emit(_ audited: AuditedFile) {
            var fileHasErrors = audited.hasErrors
            for step in audited.steps {
                switch step {
                case .stderr(let line): Console.err(line)
                case .stdout(let line): Console.out(line)
                case .audited(let verdict, let rendered):
                    verdicts[verdict, default: 0] += 1
                    if verdict == .nonCompliant { failing = true }
                    guard let rendered else { continue }
                    do {
                        _ = try writer?.write(rendered)
                    } catch {
                        Console.err("venue-audit: error: cannot write the reports of \(rendered.row.venue): \(error)")
                        fileHasErrors = true
                    }
                }
            }
            if fileHasErrors { badFiles += 1 }
        }
        if let w = writer {
            do {
                try w.writeIndex()
            } catch {
                Console.err("venue-audit: error: cannot write index.html: \(error)")
                badFiles += 1
            }
        }
        let audited = verdicts.values.reduce(0, +)
        Console.out(
            "audited \(audited) venue\(audited == 1 ? "" : "s") in \(files.count) file\(files.count == 1 ? "" : "s"): "
                + "\(verdicts[.nonCompliant, default: 0]) non-compliant, \(verdicts[.incomplete, default: 0]) incomplete, "
                + "\(verdicts[.compliant, default: 0]) compliant; \(badFiles) file\(badFiles == 1 ? "" : "s") with errors")
        if badFiles > 0 { return .badInput }
        return failing ? .findings : .ok
    }

    /// Reads, audits and renders one file; pure apart from what it returns, so it runs on any
    /// thread. The steps are what a sequential run printed and wrote for the file, in order.
    func audit(
        file: String, bytes bytesRead: Result<[UInt8], Diagnostic>, quiet: Bool, text: TextReporter, renderer: ReportWriter.Renderer?
    ) -> AuditedFile {
        var out = AuditedFile()
        let bytes: [UInt8]
        switch bytesRead {
        case .success(let read): bytes = read
        case .failure(let problem):
            out.steps.append(.stderr(problem.description))
            out.hasErrors = true
            return out
        }
        let digest = ReportDigest.sha256Hex(of: bytes)
        // Each document is audited as soon as it is decoded and then dropped, so a file of many
        // documents never holds more than one decoded venue.
        let (_, error) = reader.read(bytes: bytes, path: file) { venue, source in
            guard venue.isValid else {
                out.steps += venue.diagnostics.map { .stderr($0.description) }
                out.hasErrors = true
                return
            }
            var result: AuditResult
            do throws(AuditEngine.Refusal) {
                result = try engine.audit(
                    venue, source: source,
                    input: InputInfo(path: file, sha256: digest, documentIndex: venue.documentIndex))
            } catch {
                out.steps.append(.stderr(error.diagnostic.description))
                out.hasErrors = true
                return
            }
            // The text report lists the venue's diagnostics; --quiet prints them on standard
            // error and keeps only the summary line, rendered on its own.
            if quiet {
                out.steps += result.diagnostics.map { .stderr($0.description) }
                out.steps.append(.stdout(text.summaryLine(result)))
            } else {
                let rendered = (try? text.render(result)) ?? ""
                out.steps.append(.stdout(rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered))
            }
            out.steps.append(.audited(result.verdict, renderer?.render(result)))
        }
        // A file that stops with an error has had its earlier documents audited already.
        if let error {
            out.steps.append(.stderr(error.description))
            out.hasErrors = true
        }
        return out
    }
}
