import ArgumentParser
import AuditBasics
import AuditEngine
import AuditResults
import Crypto
import Foundation
import PolicyCatalog
import Reporters
import VenueModel

/// Audits the files of one run, one at a time, printing as it goes so output follows input
/// order and memory does not grow with the batch.
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

    func run(paths: [String], quiet: Bool, writer: inout ReportWriter?) -> ExitStatus {
        let (files, missing) = InputFiles.expand(paths)
        for d in missing { Console.err(d.description) }
        var badFiles = missing.count
        var verdicts: [Verdict: Int] = [:]
        var failing = false
        let text = TextReporter(context: ReportContext(toolVersion: VenueAudit.version, generatedAt: Date(), language: language, colour: Console.stdoutIsTerminal))
        for file in files {
            guard case .success(let bytes) = InputFiles.read(file) else {
                Console.err("\(file):1:1: error: [unreadable] cannot read the file")
                badFiles += 1
                continue
            }
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            let fileResult = reader.read(bytes: bytes, path: file)
            var fileHasErrors = false
            if let error = fileResult.error {
                Console.err(error.description)
                fileHasErrors = true
            }
            for venue in fileResult.venues {
                guard venue.isValid else {
                    for d in venue.diagnostics { Console.err(d.description) }
                    fileHasErrors = true
                    continue
                }
                let result: AuditResult
                do throws(AuditEngine.Refusal) {
                    result = try engine.audit(
                        venue, source: fileResult.source,
                        input: InputInfo(path: file, sha256: digest, documentIndex: venue.documentIndex)
                    ).maskingPersonalData()
                } catch {
                    Console.err(error.diagnostic.description)
                    fileHasErrors = true
                    continue
                }
                // The text report lists the venue's diagnostics; --quiet prints them on standard
                // error and renders only the summary line, not the findings it would drop.
                if quiet {
                    for d in result.diagnostics { Console.err(d.description) }
                    Console.out(text.summaryLine(result))
                } else {
                    let rendered = (try? text.render(result)) ?? ""
                    Console.out(rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered)
                }
                verdicts[result.verdict, default: 0] += 1
                if result.verdict == .nonCompliant { failing = true }
                if writer != nil {
                    do {
                        _ = try writer?.write(result)
                    } catch {
                        Console.err("venue-audit: error: cannot write the reports of \(result.venue.id): \(error)")
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
}
