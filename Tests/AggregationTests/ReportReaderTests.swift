import Aggregation
import Foundation
import ReportFormat
import TestSupport
import Testing

/// `text` with its digest made to match its content again, as a careful forger would: then only
/// the schema can tell that something is wrong with it.
func resealed(_ text: String) -> String {
    guard case .mismatch(let claimed, let actual) = ReportDigest.check(Array(text.utf8)) else { return text }
    return text.replacingOccurrences(of: claimed, with: actual)
}

@Suite("Report reader")
struct ReportReaderTests {
    let reader: ReportReader
    let good: String

    init() throws {
        reader = try ReportReader()
        let sample = try SampleReports(venues: 1)
        defer { sample.remove() }
        good = try String(contentsOfFile: sample.files[0], encoding: .utf8)
    }

    @Test("a report that turns invalid after everything the summary reads is still rejected as schema-invalid")
    func invalidAfterTheSummary() throws {
        // The summary is complete once the last finding's titles are read; the bad element comes
        // after them, just before the digest, and the digest is made to match again.
        let digest = try #require(good.range(of: "<digest "))
        let line = good[..<digest.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
        let text = resealed(good.replacingCharacters(in: digest, with: "<late-extra/>\n<digest "))
        guard case .valid = ReportDigest.check(Array(text.utf8)) else {
            Issue.record("the edited report should carry a matching digest")
            return
        }
        let rejection = try #require(reader.read(bytes: Array(text.utf8), path: "late.xml").failure)
        #expect(rejection.reason == .schemaInvalid)
        #expect(rejection.diagnostics.first?.description.hasPrefix("late.xml:\(line):") == true, "\(rejection)")
        #expect(rejection.diagnostics.contains { $0.message.contains("late-extra") }, "\(rejection)")
    }

    @Test("an invalid value in the last finding is rejected, not half-read")
    func invalidLastFinding() throws {
        let last = try #require(good.range(of: "state=\"", options: .backwards))
        let text = resealed(good.replacingCharacters(in: last, with: "state=\"maybe-"))
        let rejection = try #require(reader.read(bytes: Array(text.utf8), path: "last.xml").failure)
        #expect(rejection.reason == .schemaInvalid)
        #expect(rejection.diagnostics.contains { $0.message.contains("maybe-") }, "\(rejection)")
    }

    @Test("a schema-valid report edited after it was written is rejected as tampered by its digest")
    func tamperedButValid() throws {
        let edited =
            good.contains("state=\"fail\"")
            ? good.replacingOccurrences(of: "state=\"fail\"", with: "state=\"unknown\"")
            : good.replacingOccurrences(of: "<name>", with: "<name>X")
        #expect(edited != good)
        #expect(try XMLSchemaValidator.reportSchema().validate(xml: edited).isEmpty, "the edit keeps the report valid")
        let rejection = try #require(reader.read(bytes: Array(edited.utf8), path: "edited.xml").failure)
        #expect(rejection.reason == .tampered)
        #expect(rejection.diagnostics.first?.message.contains("does not match its digest") == true, "\(rejection)")
    }

    @Test("a failure marked binding=\"false\" does not make the recomputed verdict non-compliant; without the mark it does")
    func nonBindingFailures() throws {
        #expect(good.contains("verdict=\"non_compliant\""), "the sample report should be non-compliant")
        #expect(good.contains("binding=\"true\""))
        let advisory = resealed(
            good.replacingOccurrences(of: "binding=\"true\"", with: "binding=\"false\"")
                .replacingOccurrences(of: "verdict=\"non_compliant\"", with: "verdict=\"compliant\""))
        let summary = try reader.read(bytes: Array(advisory.utf8), path: "advisory.xml").get()
        #expect(summary.verdict == .compliant)
        // The same claim in a report whose failures bind (or an older one, without the
        // attribute) does not follow from its findings.
        let claimed = resealed(good.replacingOccurrences(of: "verdict=\"non_compliant\"", with: "verdict=\"compliant\""))
        #expect(try reader.read(bytes: Array(claimed.utf8), path: "claimed.xml").failure?.reason == .inconsistent)
        // Format 1 puts the mark on each finding; a report written before the mark existed counts
        // every failure, as the tool did then.
        let sample1 = try SampleReports(venues: 1, version: 1)
        defer { sample1.remove() }
        let good1 = try String(contentsOfFile: sample1.files[0], encoding: .utf8)
        #expect(good1.contains("urn:venue-audit:report:1") && good1.contains("binding=\"true\""))
        let advisory1 = resealed(
            good1.replacingOccurrences(of: "binding=\"true\"", with: "binding=\"false\"")
                .replacingOccurrences(of: "verdict=\"non_compliant\"", with: "verdict=\"compliant\""))
        #expect(try reader.read(bytes: Array(advisory1.utf8), path: "advisory1.xml").get().verdict == .compliant)
        let old = resealed(
            good1.replacingOccurrences(of: " binding=\"true\"", with: "")
                .replacingOccurrences(of: "verdict=\"non_compliant\"", with: "verdict=\"compliant\""))
        #expect(try reader.read(bytes: Array(old.utf8), path: "old.xml").failure?.reason == .inconsistent)
    }

    @Test("format 1 and format 2 reports of the same results read to the same summaries", arguments: [1, 4, 12])
    func bothVersionsReadAlike(venues: Int) throws {
        let v2 = try SampleReports(venues: venues, seed: 7)
        defer { v2.remove() }
        let v1 = try SampleReports(venues: venues, seed: 7, version: 1)
        defer { v1.remove() }
        #expect(v1.results == v2.results)
        for (a, b) in zip(v1.files, v2.files) {
            let bytes1 = try #require(ReportReader.contents(of: a))
            let bytes2 = try #require(ReportReader.contents(of: b))
            #expect(bytes2.count < bytes1.count)
            var s1 = try reader.read(bytes: bytes1, path: "r.xml").get()
            var s2 = try reader.read(bytes: bytes2, path: "r.xml").get()
            #expect(s1.digest != s2.digest)
            s1.digest = ""
            s2.digest = ""
            // Version 2 names the titles of the rules it writes in full; version 1 of every rule.
            let explained = Set(s2.ruleTitles.keys)
            #expect(explained.isSubset(of: Set(s1.ruleTitles.keys)))
            for rule in explained { #expect(s1.ruleTitles[rule] == s2.ruleTitles[rule]) }
            #expect(explained == Set(s2.findings.filter { $0.state != .pass && $0.state != .notApplicable }.map(\.rule)))
            s1.ruleTitles = [:]
            s2.ruleTitles = [:]
            #expect(s1 == s2)
        }
    }

    @Test("titles the caller already has are left out of the summary, and nothing else changes")
    func knownTitlesLeftOut() throws {
        let full = try reader.read(bytes: Array(good.utf8), path: "r.xml").get()
        let known = try #require(full.ruleTitles.keys.sorted().first)
        let partial = try reader.read(bytes: Array(good.utf8), path: "r.xml", knownTitles: [known]).get()
        var expected = full
        expected.ruleTitles[known] = nil
        #expect(partial == expected)
        #expect(!partial.ruleTitles.isEmpty)
    }

    @Test("reading the file and reading its bytes give the same summary; a folder is unreadable")
    func fileAndBytesAgree() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.xml").path
        try good.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(ReportReader.contents(of: path) == Array(good.utf8))
        let fromFile = try reader.read(file: path).get()
        let fromBytes = try reader.read(bytes: Array(good.utf8), path: path).get()
        #expect(fromFile == fromBytes)
        #expect(!fromFile.findings.isEmpty && !fromFile.ruleTitles.isEmpty && fromFile.digest.count == 64)
        #expect(reader.read(file: dir.path).failure?.reason == .unreadable)
        #expect(ReportReader.contents(of: dir.appendingPathComponent("missing.xml").path) == nil)
    }
}

extension Result {
    /// The error, or nil on success.
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
