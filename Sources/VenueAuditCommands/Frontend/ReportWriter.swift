import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import ReportSignature
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
        var headline: LocalizedText
        var fails: Int
        var unknowns: Int
        var files: [String] = []
    }

    /// Turns a result into the documents of every format, in memory; no file system.
    struct Renderer: Sendable {
        let formats: [any Reporter.Type]
        let languages: [Language]
        let context: ReportContext
        /// Signs every XML report (`audit --sign-key`); the other formats are unchanged.
        var signer: ReportSigner?

        /// Every format (HTML once per language) rendered for one result. Stops at the first
        /// format that fails and says why; what was rendered before it is kept.
        func render(_ result: AuditResult) -> Rendered {
            var rendered = Rendered(
                stem: ReportWriter.stem(venueID: result.venue.id, date: result.assessment.date),
                row: IndexRow(
                    venue: result.venue.id, name: result.venue.name ?? "", date: result.assessment.date?.description ?? "",
                    verdict: result.verdict, headline: result.verdictHeadline, fails: result.countsByState[.fail, default: 0],
                    unknowns: result.countsByState[.unknown, default: 0]))
            for format in formats {
                let perLanguage = format.identifier == "html" ? languages : [languages.first ?? .en]
                for language in perLanguage {
                    var ctx = context
                    ctx.language = language
                    let data: Data
                    do {
                        if format == XMLReporter.self || format == XMLReporterV1.self, let signer {
                            data = Data(try signer.sign(try format.init(context: ctx).render(result)).utf8)
                        } else {
                            // Reports written as bytes reach the file without a String in between.
                            data = Data(try format.init(context: ctx).renderBytes(result))
                        }
                    } catch {
                        rendered.failure = String(describing: error)
                        return rendered
                    }
                    let suffix = (format.identifier == "html" && perLanguage.count > 1 && language != .en) ? ".\(language.rawValue)" : ""
                    rendered.documents.append((ending: "\(suffix).\(format.fileExtension)", data: data))
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
    /// Bytes of one report file: well above what the input limits let a venue produce, and
    /// within what `aggregate` reads.
    static let maxReportBytes = 32 << 20

    struct RenderFailure: Error, CustomStringConvertible {
        var description: String
    }

    init(
        directory: String, formats: [any Reporter.Type], languages: [Language], context: ReportContext, signer: ReportSigner? = nil
    ) throws {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        self.renderer = Renderer(formats: formats, languages: languages, context: context, signer: signer)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    /// The file-name stem of a venue's reports, the same in every run for the same venue and
    /// date: the id with only ASCII letters, digits, `_` and `-` kept (no dots, so an id cannot
    /// end in `.zh` or `.junit` and pose as another report's name, and `../` goes nowhere), at
    /// most 80 characters; when the id had to be changed or shortened, `-` and 8 hex digits of its
    /// SHA-256, so ids that differ only in what was replaced (`CN‐SC`, `CN_SC`) never share a
    /// name; then `_` and the assessment date, or `_undated`, never cut off.
    static func stem(venueID: String, date: CivilDate?) -> String {
        let kept = String(
            venueID.unicodeScalars.map { u -> Character in
                let ok = u.value < 128 && (u.properties.isAlphabetic || ("0"..."9").contains(Character(u)) || u == "_" || u == "-")
                return ok ? Character(u) : "_"
            })
        var stem = String(kept.prefix(80))
        if stem.isEmpty { stem = "venue" }
        if stem != venueID {
            stem += "-" + ReportDigest.sha256Hex(of: Array(venueID.utf8)).prefix(8)
        }
        return stem + "_" + (date?.description ?? "undated")
    }

    /// Renders and writes every format for one result; returns the file names.
    mutating func write(_ result: AuditResult) throws -> [String] {
        try write(renderer.render(result))
    }

    /// Writes rendered documents under a stem not used before in this run; returns the file
    /// names. Throws after writing what was rendered when rendering had failed, as a run that
    /// renders and writes one format at a time would.
    mutating func write(_ rendered: Rendered) throws -> [String] {
        // Checked before anything of this venue is written, so no report set is half there.
        if let huge = rendered.documents.first(where: { $0.data.count > Self.maxReportBytes }) {
            throw RenderFailure(
                description:
                    "the \(huge.ending) report would be \(huge.data.count) bytes; the limit is \(Self.maxReportBytes) (\(Self.maxReportBytes >> 20) MiB)"
            )
        }
        var stem = rendered.stem
        if used.contains(stem) {
            // The same venue and date twice in one run (two documents, two files): both are
            // kept, and the second name is said, never written over the first.
            var n = 2
            while used.contains("\(stem)-\(n)") { n += 1 }
            Console.err("note: [report-name] reports named \(stem) were already written in this run; these are \(stem)-\(n)")
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

    /// Writes `index.html`: one row per venue with its verdict and links to its reports. In
    /// English, and in Chinese as well when Chinese reports were asked for.
    func writeIndex() throws {
        let escape = Markup.escape
        let zh = renderer.languages.contains(.zh)
        let both = { (en: String, cn: String) in zh ? "\(en) <span lang=\"zh\">\(cn)</span>" : en }
        let n = rows.count
        let audited = both(n == 1 ? "One venue audited." : "\(n) venues audited.", "共审核 \(n) 个场所。")
        let colour: [Verdict: String] = [.nonCompliant: "#b42318", .incomplete: "#b54708", .compliant: "#067647"]
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>venue-audit reports</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2939}table{border-collapse:collapse}
            td,th{padding:.35rem .7rem;border-bottom:1px solid #eaecf0;text-align:left}th{background:#f2f4f7}
            .v{font-weight:600;min-width:12rem}a{color:#175cd3;margin-right:.5rem}</style></head><body>
            <h1>\(both("venue-audit reports", "审核报告"))</h1><p>\(audited)</p>
            <table><thead><tr><th>\(both("Venue", "场所"))</th><th>\(both("Name", "名称"))</th><th>\(both("Assessed", "检查日期"))</th><th>\(both("Verdict", "结论"))</th><th>\(both("Failed", "未通过"))</th><th>\(both("Lacking evidence", "证据不足"))</th><th>\(both("Reports", "报告"))</th></tr></thead><tbody>

            """
        for row in rows {
            let links = row.files.map {
                "<a href=\"\(escape($0))\">\(escape(String($0.split(separator: ".", maxSplits: 1).last ?? "")))</a>"
            }
            html += "<tr><td>\(escape(row.venue))</td><td>\(escape(row.name))</td><td>\(row.date)</td>"
            html +=
                "<td class=\"v\" style=\"color:\(colour[row.verdict] ?? "#000")\" title=\"\(row.verdict.rawValue)\">\(both(escape(row.headline.en), escape(row.headline.zh)))</td>"
            html += "<td>\(row.fails)</td><td>\(row.unknowns)</td><td>\(links.joined())</td></tr>\n"
        }
        html += "</tbody></table></body></html>\n"
        try Self.atomicWrite(Data(html.utf8), to: directory.appendingPathComponent("index.html"))
    }

    /// Writes to a temporary file in the same folder, then renames it over the target.
    /// Creates `url` as a folder (with its parents) unless it exists; refuses a symbolic link or
    /// a file there, so nothing planted inside an output folder redirects what is written.
    static func ensureFolder(_ url: URL) throws {
        var info = stat()
        if lstat(url.path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw UnsafeOutput(
                    description:
                        "\(url.path) is \((info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a folder"); nothing is written through it"
                )
            }
            return
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Whether `path` is a symbolic link (not followed).
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// An output place the tool will not write through.
    struct UnsafeOutput: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `text` as UTF-8 the same way, without first copying it into a `Data`.
    static func atomicWrite(_ text: String, to url: URL) throws {
        var text = text
        try text.withUTF8 { bytes in try atomicWrite(UnsafeRawBufferPointer(bytes), to: url) }
    }

    static func atomicWrite(_ data: Data, to url: URL) throws {
        try data.withUnsafeBytes { try atomicWrite($0, to: url) }
    }

    private static func atomicWrite(_ raw: UnsafeRawBufferPointer, to url: URL) throws {
        // Written with plain POSIX calls: Foundation's writer also syncs every file to disk,
        // which cost more than rendering when thousands of reports are written. The rename is
        // what keeps a half-written report from ever appearing under its real name; it replaces
        // a symbolic link planted under that name instead of writing through it. The temporary
        // file is new (O_EXCL) and never a link (O_NOFOLLOW), under a name nobody can predict.
        var temporary = url
        var fd: Int32 = -1
        for _ in 0..<8 {
            temporary = url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
            fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
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
