import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import Reporters

/// Writes report files into the output folder: names made safe from the venue id, each file
/// written to a temporary name and renamed, so an interrupted run leaves no half report and
/// nothing is written outside the folder.
///
/// Writing is split in two so a batch can render on many threads and still name files as a
/// sequential run would: `renderer.render(_:)` is pure and runs anywhere; `write(_:)` picks
/// the file names (a later venue with the same id and date gets `-2`, `-3`, ...), writes the
/// files and remembers the row for `index.html`, and is called once per venue in input order.
struct ReportWriter {
    let directory: URL
    let renderer: Renderer
    private var used: Set<String> = []
    /// One row per venue written, for `index.html`: a few short strings, never the report.
    private var rows: [IndexRow] = []

    struct IndexRow: Sendable {
        var venue: String
        var name: String
        var date: String
        var verdict: Verdict
        var fails: Int
        var unknowns: Int
        var files: [String] = []
    }

    /// Turns a result into the documents of every format, in memory; no file system.
    struct Renderer: Sendable {
        let formats: [any Reporter.Type]
        let languages: [Language]
        let context: ReportContext

        /// Every format (HTML once per language) rendered for one result. Stops at the first
        /// format that fails and says why; what was rendered before it is kept.
        func render(_ result: AuditResult) -> Rendered {
            var rendered = Rendered(
                stem: ReportWriter.safeStem(result.venue.id + (result.assessment.date.map { "_\($0)" } ?? "")),
                row: IndexRow(
                    venue: result.venue.id, name: result.venue.name ?? "", date: result.assessment.date?.description ?? "",
                    verdict: result.verdict, fails: result.countsByState[.fail, default: 0],
                    unknowns: result.countsByState[.unknown, default: 0]))
            for format in formats {
                let perLanguage = format.identifier == "html" ? languages : [languages.first ?? .en]
                for language in perLanguage {
                    var ctx = context
                    ctx.language = language
                    let text: String
                    do {
                        text = try format.init(context: ctx).render(result)
                    } catch {
                        rendered.failure = String(describing: error)
                        return rendered
                    }
                    let suffix = (format.identifier == "html" && perLanguage.count > 1 && language != .en) ? ".\(language.rawValue)" : ""
                    rendered.documents.append((ending: "\(suffix).\(format.fileExtension)", data: Data(text.utf8)))
                }
            }
            return rendered
        }
    }

    /// The documents of one venue, waiting for their file names.
    struct Rendered: Sendable {
        /// The file-name stem before de-duplication.
        var stem: String
        var row: IndexRow
        /// What follows the stem in each file name (`.xml`, `.zh.html`), and the file's bytes.
        var documents: [(ending: String, data: Data)] = []
        /// Why rendering stopped early, if it did.
        var failure: String?
    }

    /// A rendering failure reported by `write(_:)` after the documents before it were written.
    struct RenderFailure: Error, CustomStringConvertible {
        var description: String
    }

    init(directory: String, formats: [any Reporter.Type], languages: [Language], context: ReportContext) throws {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        self.renderer = Renderer(formats: formats, languages: languages, context: context)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    /// A file-name stem from a venue id and date: only letters, digits, `.`, `_`, `-`; never
    /// starting with a dot, so `../../etc/x` becomes `_._.._etc_x`.
    static func safeStem(_ text: String) -> String {
        var out = String(text.unicodeScalars.map { u -> Character in
            let ok = (u.value < 128) && (u.properties.isAlphabetic || ("0"..."9").contains(Character(u)) || u == "." || u == "_" || u == "-")
            return ok ? Character(u) : "_"
        })
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        if out.isEmpty { out = "venue" }
        return String(out.prefix(120))
    }

    /// Renders and writes every format for one result; returns the file names.
    mutating func write(_ result: AuditResult) throws -> [String] {
        try write(renderer.render(result))
    }

    /// Writes rendered documents under a stem not used before in this run; returns the file
    /// names. Throws after writing what was rendered when rendering had failed, as a run that
    /// renders and writes one format at a time would.
    mutating func write(_ rendered: Rendered) throws -> [String] {
        var stem = rendered.stem
        if used.contains(stem) {
            var n = 2
            while used.contains("\(stem)-\(n)") { n += 1 }
            stem = "\(stem)-\(n)"
        }
        used.insert(stem)
        var written: [String] = []
        for document in rendered.documents {
            let name = stem + document.ending
            try Self.atomicWrite(document.data, to: directory.appendingPathComponent(name))
            written.append(name)
        }
        if let failure = rendered.failure { throw RenderFailure(description: failure) }
        var row = rendered.row
        row.files = written
        rows.append(row)
        return written
    }

    /// Writes `index.html`: one row per venue with its verdict and links to its reports.
    func writeIndex() throws {
        let escape = Markup.escape
        let colour: [Verdict: String] = [.nonCompliant: "#b42318", .incomplete: "#b54708", .compliant: "#067647"]
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>venue-audit reports</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2939}table{border-collapse:collapse}
            td,th{padding:.35rem .7rem;border-bottom:1px solid #eaecf0;text-align:left}th{background:#f2f4f7}
            .v{font-weight:600}a{color:#175cd3;margin-right:.5rem}</style></head><body>
            <h1>venue-audit reports</h1><p>\(rows.count) venues audited.</p>
            <table><thead><tr><th>Venue</th><th>Name</th><th>Assessed</th><th>Verdict</th><th>Fail</th><th>Unknown</th><th>Reports</th></tr></thead><tbody>

            """
        for row in rows {
            let links = row.files.map { "<a href=\"\(escape($0))\">\(escape(String($0.split(separator: ".", maxSplits: 1).last ?? "")))</a>" }
            html += "<tr><td>\(escape(row.venue))</td><td>\(escape(row.name))</td><td>\(row.date)</td>"
            html += "<td class=\"v\" style=\"color:\(colour[row.verdict] ?? "#000")\">\(row.verdict.rawValue)</td>"
            html += "<td>\(row.fails)</td><td>\(row.unknowns)</td><td>\(links.joined())</td></tr>\n"
        }
        html += "</tbody></table></body></html>\n"
        try Self.atomicWrite(Data(html.utf8), to: directory.appendingPathComponent("index.html"))
    }

    /// Writes to a temporary file in the same folder, then renames it over the target.
    /// Writes `text` as UTF-8 the same way, without first copying it into a `Data`.
    static func atomicWrite(_ text: String, to url: URL) throws {
        var text = text
        try text.withUTF8 { bytes in try atomicWrite(UnsafeRawBufferPointer(bytes), to: url) }
    }

    static func atomicWrite(_ data: Data, to url: URL) throws {
        try data.withUnsafeBytes { try atomicWrite($0, to: url) }
    }

    private static func atomicWrite(_ raw: UnsafeRawBufferPointer, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        // Written with plain POSIX calls: Foundation's writer also syncs every file to disk,
        // which cost more than rendering when thousands of reports are written. The rename is
        // what keeps a half-written report from ever appearing under its real name.
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        let written: Bool = {
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }()
        if close(fd) != 0 || !written {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteOutOfSpace)
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
