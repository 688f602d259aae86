import AuditBasics
import Foundation
import ReportFormat

/// Reads report files into a store: each file is checked and summarised on its own (one report
/// in memory at a time), and summaries are written in batches, one transaction each.
public struct ReportIngest {
    /// What happened to one file, for the command to print.
    public enum Event: Sendable {
        case added(path: String)
        case duplicate(path: String, firstSeenAt: String)
        /// Another report of an assessment already stored (the same audit run again, written at
        /// another time): counted once, the first stands.
        case sameAssessment(path: String, firstSeenAt: String)
        /// The same file, unchanged, was stored by an earlier run.
        case alreadyStored(path: String)
        case rejected(ReportRejection)
        case skipped(path: String, reason: String)
    }

    public let reader: ReportReader
    public let store: any ReportStore
    /// Summaries written per transaction: bounds memory and the work lost to an interruption.
    public var batchSize = 200

    public init(reader: ReportReader, store: any ReportStore) {
        self.reader = reader
        self.store = store
    }

    /// The `*.xml` files among `paths` (folders searched recursively, sorted), leaving out
    /// everything under `excluding` (the output folder); and the paths that do not exist. Which
    /// of them are reports is decided by their root element, not their names.
    public static func reportFiles(in paths: [String], excluding: [String] = []) -> (files: [String], missing: [String]) {
        let fm = FileManager.default
        let excluded = excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path + "/" }
        func keep(_ path: String) -> Bool {
            let full = URL(fileURLWithPath: path).standardizedFileURL.path
            return path.hasSuffix(".xml") && !excluded.contains { full.hasPrefix($0) }
        }
        var files: [String] = []
        var missing: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = []
            if let walker = fm.enumerator(atPath: path) {
                for case let relative as String in walker where keep("\(base)/\(relative)") { found.append(relative) }
            }
            files += found.sorted().map { "\(base)/\($0)" }
        }
        return (files, missing)
    }

    /// Reads `files` into the store, calling `onEvent` for each, and counts what happened.
    public func run(files: [String], onEvent: (Event) -> Void) throws -> IngestCounts {
        var counts = IngestCounts()
        var pending: [ReportSummary] = []
        // Rules whose titles went to the store with an earlier summary of this run. A store
        // keeps a rule's first title, so later reports need not read theirs again.
        var titled: Set<String> = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            let added = try store.insert(pending)
            for (summary, isNew) in zip(pending, added) {
                if isNew {
                    counts.added += 1
                    onEvent(.added(path: summary.path))
                } else if let first = try store.stored(like: summary), first.digest != summary.digest || first.path != summary.path {
                    counts.duplicates += 1
                    onEvent(
                        first.digest != summary.digest
                            ? .sameAssessment(path: summary.path, firstSeenAt: first.path)
                            : .duplicate(path: summary.path, firstSeenAt: first.path))
                } else {
                    counts.alreadyStored += 1
                    onEvent(.alreadyStored(path: summary.path))
                }
            }
            pending.removeAll(keepingCapacity: true)
        }
        for file in files {
            // Each file is read from disk once; the check for other documents and the reader
            // both work on these bytes.
            if let huge = ReportReader.tooLarge(file) {
                counts.files += 1
                counts.rejected[huge.reason, default: 0] += 1
                onEvent(.rejected(huge))
                continue
            }
            let bytes = ReportReader.contents(of: file)
            if let bytes, let other = Self.foreignDocument(bytes) {
                counts.skipped += 1
                onEvent(.skipped(path: file, reason: other))
                continue
            }
            counts.files += 1
            switch bytes.map({ reader.read(bytes: $0, path: file, knownTitles: titled) }) ?? .failure(ReportReader.unreadable(file)) {
            case .success(let summary):
                titled.formUnion(summary.ruleTitles.keys)
                pending.append(summary)
                if pending.count >= batchSize { try flush() }
            case .failure(let rejection):
                counts.rejected[rejection.reason, default: 0] += 1
                onEvent(.rejected(rejection))
            }
        }
        try flush()
        return counts
    }

    /// What kind of other document a file is, when its root element shows it is not a report:
    /// an aggregate written by this tool, or a JUnit file. Decided by the root element's name
    /// and namespace, never by a file name or a string anywhere in the text, so a venue id or a
    /// path cannot make a report pass for something else.
    static func foreignDocument(_ bytes: [UInt8]) -> String? {
        guard let root = RootElement(bytes) else { return nil }
        if root.localName == "aggregate" && root.namespace == AggregateSchema.namespace {
            return "an aggregate written by venue-audit, not a report"
        }
        if (root.localName == "testsuites" || root.localName == "testsuite") && root.namespace == nil {
            return "a JUnit file, not a report"
        }
        return nil
    }
}

/// The name and namespace of a document's root element, read from its first start tag after
/// the XML declaration, comments, processing instructions and a DOCTYPE. Only what recognising
/// a file needs; the reader validates the whole document.
struct RootElement {
    var localName: String
    var namespace: String?

    init?(_ bytes: [UInt8]) {
        var i = 0
        let n = min(bytes.count, 1 << 20)
        func starts(_ text: String, at k: Int) -> Bool {
            let t = Array(text.utf8)
            return k + t.count <= n && bytes[k..<k + t.count].elementsEqual(t)
        }
        func skip(past text: String, from k: Int) -> Int? {
            let t = Array(text.utf8)
            var k = k
            while k + t.count <= n {
                if bytes[k..<k + t.count].elementsEqual(t) { return k + t.count }
                k += 1
            }
            return nil
        }
        if starts("\u{FEFF}", at: 0) { i = 3 }
        while true {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            guard i < n, bytes[i] == UInt8(ascii: "<") else { return nil }
            if starts("<?", at: i) {
                guard let next = skip(past: "?>", from: i + 2) else { return nil }
                i = next
            } else if starts("<!--", at: i) {
                guard let next = skip(past: "-->", from: i + 4) else { return nil }
                i = next
            } else if starts("<!", at: i) {
                guard let next = skip(past: ">", from: i + 2) else { return nil }
                i = next
            } else {
                break
            }
        }
        // The start tag: its name, then attributes up to '>'.
        guard let end = skip(past: ">", from: i) else { return nil }
        let tag = String(decoding: bytes[(i + 1)..<(end - 1)], as: UTF8.self)
        let parts = tag.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "/" })
        guard let qualified = parts.first else { return nil }
        let pieces = qualified.split(separator: ":", maxSplits: 1)
        let prefix = pieces.count == 2 ? String(pieces[0]) : nil
        localName = String(pieces.last ?? qualified)
        let wanted = prefix.map { "xmlns:\($0)" } ?? "xmlns"
        namespace = nil
        // Attribute values are quoted; find `wanted="…"` or `wanted='…'`.
        var rest = Substring(tag.dropFirst(qualified.count))
        while let range = rest.range(of: wanted) {
            var after = rest[range.upperBound...].drop { $0 == " " }
            defer { rest = rest[range.upperBound...] }
            guard after.first == "=" else { continue }
            after = after.dropFirst().drop { $0 == " " }
            guard let quote = after.first, quote == "\"" || quote == "'" else { continue }
            let value = after.dropFirst().prefix { $0 != quote }
            let before = rest[..<range.lowerBound].last
            guard before == nil || before == " " || before == "\n" || before == "\t" || before == "\r" else { continue }
            namespace = String(value)
            break
        }
    }
}
