import Foundation
import Testing

/// The repository root, found from this file's path (`Tests/TestSupport/Golden.swift`), the way
/// swift-argument-parser finds its snapshots. Tests never use absolute machine paths.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

/// `Tests/Golden/`: committed expected outputs, reviewed by eye when they change.
public let goldenDirectory: URL = repositoryRoot.appendingPathComponent("Tests/Golden", isDirectory: true)

/// Whether this run records golden files (`VENUE_AUDIT_RECORD=1`).
public var isRecordingGoldens: Bool { ProcessInfo.processInfo.environment["VENUE_AUDIT_RECORD"] != nil }

/// Compares `actual` with `Tests/Golden/<name>`. With `VENUE_AUDIT_RECORD=1` it rewrites the
/// file and records an issue instead, so a recording run is never green.
public func expectGolden(
    _ actual: String,
    named name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = goldenDirectory.appendingPathComponent(name)
    if isRecordingGoldens {
        try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(name); review the diff, then run again", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "no golden file \(name); record it with VENUE_AUDIT_RECORD=1 and review it",
            sourceLocation: sourceLocation
        )
        return
    }
    if actual != expected {
        Issue.record(
            Comment(
                rawValue:
                    "\(name) differs from the golden file; first difference: \(firstDifference(actual, expected)); re-record with VENUE_AUDIT_RECORD=1 and review the diff"
            ),
            sourceLocation: sourceLocation
        )
    }
}

/// `line N: expected "…" got "…"` for the first differing line.
private func firstDifference(_ actual: String, _ expected: String) -> String {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, e.count) {
        let x = i < a.count ? String(a[i]) : "<end>"
        let y = i < e.count ? String(e[i]) : "<end>"
        if x != y {
            return "line \(i + 1): expected \(y.prefix(200).debugDescription), got \(x.prefix(200).debugDescription)"
        }
    }
    return "none"
}
