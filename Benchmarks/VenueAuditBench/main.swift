// Measures the tool's reading and auditing against the raw cost of parsing the same bytes with
// libyaml's bare event loop. Every figure is a ratio measured in the same run, on the same
// bytes, best of several repetitions (run-to-run noise on a shared 2-core machine is ±20 %).
//
// Usage: venue-audit-bench [--megabytes N] [--repeat N] [--policies DIR]
import AuditBasics
import AuditEngine
import AuditResults
import CYAML
import Foundation
import PolicyCatalog
import VenueModel
import YAMLReader

struct Options {
    var megabytes = 20
    var repeats = 3
    var policies = "policies"

    init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--megabytes": megabytes = Int(value) ?? megabytes
            case "--repeat": repeats = Int(value) ?? repeats
            case "--policies": policies = value
            default: break
            }
            i += 2
        }
    }
}

/// The samples' documents, repeated with distinct venue ids until the corpus reaches `bytes`.
func corpus(bytes target: Int) -> (text: [UInt8], documents: Int) {
    let dir = "samples"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    var sources: [String] = []
    for name in names {
        guard let text = try? String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8) else { continue }
        for doc in text.components(separatedBy: "\n---\n") where doc.contains("venue:") { sources.append(doc) }
    }
    var out: [UInt8] = []
    out.reserveCapacity(target + 8192)
    var n = 0
    while out.count < target, !sources.isEmpty {
        let doc = sources[n % sources.count]
        let renamed = doc.replacingOccurrences(of: "\n  id: ", with: "\n  id: B\(n)-")
        out += Array("---\n".utf8) + Array(renamed.utf8) + Array("\n".utf8)
        n += 1
    }
    return (out, n)
}

/// Best wall time of `repeats` runs of `body`, in seconds.
func best(_ repeats: Int, _ body: () -> Int) -> (seconds: Double, check: Int) {
    var bestTime = Double.infinity
    var check = 0
    for _ in 0..<repeats {
        let start = ContinuousClock.now
        check = body()
        let d = ContinuousClock.now - start
        bestTime = min(bestTime, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    return (bestTime, check)
}

/// libyaml's bare event loop: parse every event and drop it.
func bareLoop(_ bytes: [UInt8]) -> Int {
    var events = 0
    bytes.withUnsafeBufferPointer { buffer in
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { parser.deallocate(); event.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { return }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        while yaml_parser_parse(parser, event) == 1 {
            let done = event.pointee.type == YAML_STREAM_END_EVENT
            yaml_event_delete(event)
            events += 1
            if done { break }
        }
    }
    return events
}

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return kb / 1024
    }
    return 0
}

let options = Options(CommandLine.arguments)
let (bytes, documents) = corpus(bytes: options.megabytes << 20)
let megabytes = Double(bytes.count) / 1_048_576
print("corpus: \(documents) venue documents, \(String(format: "%.1f", megabytes)) MiB (samples/ repeated)")

let catalog: Catalog
do {
    catalog = try CatalogLoader.load(directory: options.policies).catalog
} catch {
    print("policies did not load: \(error.diagnostics.map(\.description).joined(separator: "\n"))")
    exit(2)
}
let engine = AuditEngine(catalog: catalog, options: AuditOptions())
let reader = YAMLReader()

var rows: [(String, Double, Int)] = []
let bare = best(options.repeats) { bareLoop(bytes) }
rows.append(("libyaml bare event loop", bare.seconds, bare.check))

let composed = best(options.repeats) {
    var nodes = 0
    _ = bytes.withUnsafeBytes { raw in
        try? reader.read(raw, file: "bench.yaml") { doc in if doc.root != nil { nodes += 1 } }
    }
    return nodes
}
rows.append(("YAMLReader: node tree with marks", composed.seconds, composed.check))

let decoded = best(options.repeats) {
    var valid = 0
    _ = bytes.withUnsafeBytes { raw in
        try? reader.read(raw, file: "bench.yaml") { doc in
            if VenueDecoder.decode(doc, file: "bench.yaml").isValid { valid += 1 }
        }
    }
    return valid
}
rows.append(("validate: read + decode", decoded.seconds, decoded.check))

let audited = best(options.repeats) {
    var findings = 0
    _ = bytes.withUnsafeBytes { raw in
        try? reader.read(raw, file: "bench.yaml") { doc in
            let venue = VenueDecoder.decode(doc, file: "bench.yaml")
            if let result = try? engine.audit(venue, source: nil, input: InputInfo(path: "bench.yaml", sha256: "")) {
                findings += result.findings.count
            }
        }
    }
    return findings
}
rows.append(("audit: every pack, no output", audited.seconds, audited.check))

print("")
print("| stage | MiB/s | venues/s | ratio to bare libyaml | check |")
print("| --- | ---: | ---: | ---: | ---: |")
for (name, seconds, check) in rows {
    let mbs = megabytes / seconds
    let vps = Double(documents) / seconds
    print("| \(name) | \(String(format: "%.1f", mbs)) | \(String(format: "%.0f", vps)) | \(String(format: "%.2f", bare.seconds / seconds)) | \(check) |")
}
print("")
print("peak resident memory: \(String(format: "%.0f", peakRSSMiB())) MiB; \(catalog.rules.count) rules; \(ProcessInfo.processInfo.activeProcessorCount) cores")
