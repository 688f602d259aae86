import AuditBasics
import AuditResults
import Foundation
import Reporters

/// Writes report files into the output folder: names made safe from the venue id, each file
/// written to a temporary name and renamed, so an interrupted run leaves no half report and
/// nothing is written outside the folder.
struct ReportWriter {
    let directory: URL
    let formats: [any Reporter.Type]
    let languages: [Language]
    let context: ReportContext
    private var used: Set<String> = []

    init(directory: String, formats: [any Reporter.Type], languages: [Language], context: ReportContext) throws {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL
        self.formats = formats
        self.languages = languages
        self.context = context
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

    /// Writes every format (HTML once per language) for one result; returns the file names.
    mutating func write(_ result: AuditResult) throws -> [String] {
        var stem = Self.safeStem(result.venue.id + (result.assessment.date.map { "_\($0)" } ?? ""))
        if used.contains(stem) {
            var n = 2
            while used.contains("\(stem)-\(n)") { n += 1 }
            stem = "\(stem)-\(n)"
        }
        used.insert(stem)
        var written: [String] = []
        for format in formats {
            let perLanguage = format.identifier == "html" ? languages : [languages.first ?? .en]
            for language in perLanguage {
                var ctx = context
                ctx.language = language
                let text = try format.init(context: ctx).render(result)
                let suffix = (format.identifier == "html" && perLanguage.count > 1 && language != .en) ? ".\(language.rawValue)" : ""
                let name = "\(stem)\(suffix).\(format.fileExtension)"
                try Self.atomicWrite(Data(text.utf8), to: directory.appendingPathComponent(name))
                written.append(name)
            }
        }
        return written
    }

    /// Writes to a temporary file in the same folder, then renames it over the target.
    static func atomicWrite(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
