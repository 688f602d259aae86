// Measures how fast reports are read for `aggregate`, as ratios to libxml2's bare xmlTextReader
// pass over the same files (every node read, nothing kept). Best of several repetitions; the
// files are read once before timing so every stage starts from a warm page cache.
//
// Usage: venue-audit-aggregate-bench DIR [--repeat N] [--limit N] [--stage NAME]
//   DIR holds XML reports, e.g. from `venue-audit corpus` then `venue-audit audit --format xml`.
//   --stage NAME runs one stage only (for valgrind --tool=callgrind): bare, memory, validate,
//   stream, digest, read, ingest or aggregate, the names in the table's first column.
import Aggregation
import AuditBasics
import CLibXML2
import Foundation
import ReportStore
import Reporters

struct Options {
    var directory = ""
    var repeats = 3
    var limit = Int.max
    var stage: String?

    init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--repeat": repeats = Int(value) ?? repeats; i += 2
            case "--limit": limit = Int(value) ?? limit; i += 2
            case "--stage": stage = value; i += 2
            default: directory = arguments[i]; i += 1
            }
        }
    }
}

/// Best wall time of `repeats` runs of `body`, in seconds, and what the last run returned.
func best(_ repeats: Int, _ body: () throws -> Int) rethrows -> (seconds: Double, check: Int) {
    var bestTime = Double.infinity
    var check = 0
    for _ in 0..<max(repeats, 1) {
        let start = ContinuousClock.now
        check = try body()
        let d = ContinuousClock.now - start
        bestTime = min(bestTime, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    return (bestTime, check)
}

let parseOptions = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)

/// Reads every node of `reader` and frees it; returns the number of nodes.
func drain(_ reader: OpaquePointer?) -> Int {
    guard let reader else { return 0 }
    defer { xmlFreeTextReader(reader) }
    var nodes = 0
    while xmlTextReaderRead(reader) == 1 { nodes += 1 }
    return nodes
}

let options = Options(CommandLine.arguments)
guard !options.directory.isEmpty else {
    print("usage: venue-audit-aggregate-bench DIR [--repeat N] [--limit N] [--stage NAME]")
    exit(2)
}
xmlInitParser()
let files = Array(ReportIngest.reportFiles(in: [options.directory]).files.prefix(options.limit))
var totalBytes = 0
for file in files { totalBytes += FileManager.default.contents(atPath: file)?.count ?? 0 }
let megabytes = Double(totalBytes) / 1_048_576
print("reports: \(files.count) files, \(String(format: "%.1f", megabytes)) MiB in \(options.directory)")

var rows: [(key: String, name: String, seconds: Double, check: Int)] = []
/// Times `body` as the stage `key` unless --stage names another one.
@MainActor func stage(_ key: String, _ name: String, _ body: () throws -> Int) rethrows {
    guard options.stage == nil || options.stage == key else { return }
    let (seconds, check) = try best(options.repeats, body)
    rows.append((key, name, seconds, check))
}

stage("bare", "bare xmlTextReader, from the file") {
    files.reduce(0) { $0 + drain(xmlReaderForFile($1, nil, parseOptions)) }
}
stage("memory", "bare xmlTextReader, file read into memory") {
    files.reduce(0) { n, file in
        guard let data = FileManager.default.contents(atPath: file) else { return n }
        return n + data.withUnsafeBytes { raw in
            drain(xmlReaderForMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), file, nil, parseOptions))
        }
    }
}
let validator = try XMLSchemaValidator.reportSchema()
stage("validate", "validating xmlTextReader, file read into memory") {
    files.reduce(0) { n, file in
        guard let bytes = ReportReader.contents(of: file) else { return n }
        var nodes = 0
        let problems = bytes.withUnsafeBytes { validator.read(bytes: $0, name: file) { _ in nodes += 1 } }
        return n + (problems.isEmpty ? nodes : 0)
    }
}
stage("stream", "streaming (SAX) validation, from the file") {
    files.reduce(0) { n, file in validator.validate(file: file).isEmpty ? n + 1 : n }
}
stage("digest", "file read into memory, digest checked") {
    files.reduce(0) { n, file in
        guard let bytes = ReportReader.contents(of: file), case .valid = ReportDigest.check(bytes) else { return n }
        return n + 1
    }
}
let reader = try ReportReader()
stage("read", "ReportReader.read(file:)") {
    files.reduce(0) { n, file in
        if case .success(let s) = reader.read(file: file) { return n + s.findings.count }
        return n
    }
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aggregate-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
var run = 0
try stage("ingest", "ReportIngest into a fresh SQLite store") {
    run += 1
    let store = try SQLiteReportStore(path: scratch.appendingPathComponent("store-\(run).sqlite").path)
    return try ReportIngest(reader: reader, store: store).run(files: files) { _ in }.added
}
run = 0
try stage("aggregate", "aggregate: ingest, roll up from the store, render every output") {
    run += 1
    let store = try SQLiteReportStore(path: scratch.appendingPathComponent("aggregate-\(run).sqlite").path)
    let counts = try ReportIngest(reader: reader, store: store).run(files: files) { _ in }
    // As `venue-audit aggregate` does, less writing the outputs to disk.
    var builder = RollupBuilder()
    try store.forEachChronologically { builder.add($0) }
    let rollups = builder.finish(ruleTitles: try store.ruleTitles(), ingest: counts)
    let stored = try store.count()
    let at = "2021-01-01T00:00:00Z"
    var written = AggregateXMLWriter(toolVersion: "bench", generatedAt: at).render(rollups, stored: stored).utf8.count
    written += RollupJSON.render(rollups, toolVersion: "bench", generatedAt: at, stored: stored).utf8.count
    written += Dashboard(language: .en, toolVersion: "bench", generatedAt: at).render(rollups, stored: stored).utf8.count
    for (_, text) in RollupCSV.files(rollups) { written += text.utf8.count }
    return written > 0 ? counts.added : 0
}

print("")
print("| stage | | files/s | MiB/s | ratio to bare xmlTextReader | check |")
print("| --- | --- | ---: | ---: | ---: | ---: |")
let bareSeconds = rows.first { $0.key == "bare" }?.seconds
for (key, name, seconds, check) in rows {
    let fps = Double(files.count) / seconds
    let ratio = bareSeconds.map { String(format: "%.2f", $0 / seconds) } ?? "-"
    print("| \(key) | \(name) | \(String(format: "%.0f", fps)) | \(String(format: "%.1f", megabytes / seconds)) | \(ratio) | \(check) |")
}
