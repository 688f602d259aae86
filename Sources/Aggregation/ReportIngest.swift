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

    /// The `*.xml` files among `paths` (folders searched recursively, sorted), leaving out JUnit
    /// files (`*.junit.xml`) and everything under `excluding` (the output folder); and the paths
    /// that do not exist.
    public static func reportFiles(in paths: [String], excluding: [String] = []) -> (files: [String], missing: [String]) {
        let fm = FileManager.default
        let excluded = excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path + "/" }
        func keep(_ path: String) -> Bool {
            let full = URL(fileURLWithPath: path).standardizedFileURL.path
            return path.hasSuffix(".xml") && !path.hasSuffix(".junit.xml") && !excluded.contains { full.hasPrefix($0) }
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
                } else if let first = try store.storedPath(digest: summary.digest), first != summary.path {
                    counts.duplicates += 1
                    onEvent(.duplicate(path: summary.path, firstSeenAt: first))
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

    /// What kind of other document a file is, when its first bytes show it is not a report: a
    /// JUnit file or an aggregate written by this tool.
    static func foreignDocument(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(600)
        if contains(head, aggregateNamespace) { return "an aggregate, not a report" }
        if contains(head, junitRoot) { return "a JUnit file, not a report" }
        return nil
    }

    private static let aggregateNamespace = Array(AggregateSchema.namespace.utf8)
    private static let junitRoot = Array("<testsuites".utf8)

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
