import AuditBasics
import AuditResults
import Foundation
import Reporters
import TestSupport

/// A small, varied set of audit results written as canonical XML reports into a temporary
/// folder: several venues in several districts and types, several assessments each (self-
/// assessments, inspections, follow-ups), every state, repeat offences and fixes.
struct SampleReports {
    let directory: URL
    let results: [AuditResult]
    /// The file each result was written to, in `results` order.
    let files: [String]

    static let rules: [(String, Severity, LocalizedText)] = [
        ("XA-TEST-1-EXPOSURE", .high, LocalizedText(en: "Register visible to other visitors", zh: "登记簿对其他访客可见")),
        ("XA-TEST-2-RETENTION", .medium, LocalizedText(en: "Records kept too long", zh: "记录保存过久")),
        ("XA-TEST-3-SENSITIVE", .low, LocalizedText(en: "Sensitive field collected", zh: "收集了敏感字段")),
    ]

    /// Writes the reports; `venues` venues, each with 1 to 4 assessments drawn from `seed`.
    /// With `renaming`, later assessments of some venues give another name or district, or
    /// none (the same draws from `seed` otherwise). `version` is the XML report format written.
    init(venues: Int = 12, seed: UInt64 = 42, renaming: Bool = false, version: Int = 2) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("agg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rng = seed
        func next(_ n: Int) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % UInt64(n))
        }
        let districts: [String?] = ["Jinjiang", "Wuhou", "Qingyang & <Co>", nil]
        let types: [String?] = ["restaurant", "ktv", "hotel", nil]
        let kinds: [String?] = ["inspection", "self_assessment", "follow_up", nil]
        let states: [FindingState] = [.pass, .fail, .fail, .unknown, .notApplicable, .waived, .error, .pass]
        var results: [AuditResult] = []
        for v in 0..<venues {
            let venue = VenueInfo(
                id: "XA-V-\(v)", name: "Venue \(v) \"quoted\"", type: types[next(types.count)], jurisdiction: v % 3 == 0 ? "XA-B" : "XA",
                district: districts[next(districts.count)], operatorName: nil)
            var day = Fixtures.date("2021-01-05").adding(days: next(200))
            for k in 0..<(1 + next(4)) {
                var venue = venue
                if renaming && k > 0 {
                    venue.name = (v + k) % 3 == 0 ? nil : (v + k) % 3 == 1 ? "Venue \(v) renamed \(k)" : venue.name
                    venue.district = (v + k) % 4 == 0 ? nil : (v + k) % 4 == 1 ? districts[(v + k) % 3] : venue.district
                }
                var findings: [Finding] = []
                for (rule, severity, title) in Self.rules {
                    for target in ["book", "slips"] where next(5) > 0 {
                        let state = states[next(states.count)]
                        let sev = next(7) == 0 ? Severity.critical : severity
                        findings.append(Fixtures.finding(rule, state, sev, pack: "test-pack", target: target, title: title))
                    }
                }
                if next(4) == 0 {
                    findings.append(Fixtures.finding("XA-TEST-4-VENUE", states[next(states.count)], .info, target: nil, scope: "venue"))
                }
                var result = Fixtures.result(findings: findings, venue: venue, failThreshold: .medium, path: "corpus/\(venue.id).yaml")
                result.assessment = AssessmentInfo(
                    kind: kinds[next(kinds.count)], date: next(15) == 0 ? nil : day, assessor: nil, organization: nil)
                results.append(result)
                day = day.adding(days: 20 + next(60))
            }
        }
        self.results = results
        var files: [String] = []
        for (n, result) in results.enumerated() {
            let xml =
                version == 1
                ? try XMLReporterV1(context: .pinnedForTests).render(result) : try XMLReporter(context: .pinnedForTests).render(result)
            let url = directory.appendingPathComponent("r\(n).xml")
            try xml.write(to: url, atomically: true, encoding: .utf8)
            files.append(url.path)
        }
        self.files = files
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
