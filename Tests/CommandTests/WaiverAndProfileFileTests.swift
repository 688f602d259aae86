import Foundation
import TestSupport
import Testing

private let policies = RepositoryPaths.path("Tests/Fixtures/policies")
private let venue = Array(
    """
    format: venue-audit/1
    venue: { id: XA-9, name: Test venue, type: bar, jurisdiction: XA }
    assessment: { kind: inspection, date: 2022-06-10 }
    collection_points:
      - { id: book, method: paper_register, fields: [name], storage: { visible_to_other_visitors: true }, retention: { oldest_record_date: 2022-06-01 } }
    incidents: []

    """.utf8)

@Suite("Organisation files: --waivers and a tailored --profile")
struct WaiverAndProfileFileTests {
    @Test("an organisation-wide waiver file waives matching fails and exit status follows")
    func waiverFile() throws {
        let dir = try temporaryFolder([
            "v.yaml": venue,
            "waivers.yaml": Array(
                "waivers:\n  - { venue: XA-9, rule: XA-TEST-1-EXPOSURE, target: book, reason: Box on order, approved_by: Chain DPO, expires: 2022-07-01 }\n"
                    .utf8),
        ])
        let plain = try ToolRunner.run(["audit", "--policies", policies, "v.yaml"], in: dir)
        #expect(plain.status == 1)
        let waived = try ToolRunner.run(["audit", "--policies", policies, "--waivers", "waivers.yaml", "v.yaml"], in: dir)
        #expect(waived.status == 0, "\(waived.stdout)\(waived.stderr)")
        #expect(waived.stdoutLines.contains { $0.contains("1 waived") })
    }

    @Test("a waiver file without an expiry is bad input, and waivers lint says where")
    func waiverWithoutExpiry() throws {
        let dir = try temporaryFolder([
            "v.yaml": venue,
            "waivers.yaml": Array(
                "waivers:\n  - { venue: XA-9, rule: XA-TEST-1-EXPOSURE, target: book, reason: r, approved_by: a }\n".utf8),
        ])
        let run = try ToolRunner.run(["audit", "--policies", policies, "--waivers", "waivers.yaml", "v.yaml"], in: dir)
        #expect(run.status == 2)
        #expect(
            run.stderrLines.contains("waivers.yaml:2:5: error: [missing-field] waiver has no 'expires'; it is required"), "\(run.stderr)")
        let lint = try ToolRunner.run(["waivers", "lint", "--policies", policies, "waivers.yaml"], in: dir)
        #expect(lint.status == 2)
    }

    @Test("waivers lint flags unknown rules and, with --as-of, expired waivers")
    func waiversLint() throws {
        let dir = try temporaryFolder([
            "waivers.yaml": Array(
                "waivers:\n  - { venue: XA-9, rule: XA-TEST-9-NOPE, target: book, reason: r, approved_by: a, expires: 2022-01-01 }\n  - { venue: XA-9, rule: XA-TEST-1-EXPOSURE, target: book, reason: r, approved_by: a, expires: 2021-01-01 }\n"
                    .utf8)
        ])
        let lint = try ToolRunner.run(["waivers", "lint", "--policies", policies, "--as-of", "2022-06-01", "waivers.yaml"], in: dir)
        #expect(lint.status == 2)
        #expect(lint.stderrLines.contains { $0.hasPrefix("waivers.yaml:2:5: error: [waiver-rule]") })
        #expect(lint.stderrLines.contains { $0.hasPrefix("waivers.yaml:3:5: warning: [waiver-expired]") })
    }

    @Test("an organisation's tailored profile extends a shipped one")
    func tailoredProfile() throws {
        let dir = try temporaryFolder([
            "v.yaml": venue,
            "acme.yaml": Array("profile: ACME-XA\nversion: 1.0.0\nextends: XA\nseverity:\n  XA-TEST-1-EXPOSURE: low\n".utf8),
        ])
        let run = try ToolRunner.run(["audit", "--policies", policies, "--profile", "acme.yaml", "v.yaml"], in: dir)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdoutLines.contains { $0.hasPrefix("v.yaml:5:95: warning: [XA-TEST-1-EXPOSURE]") })
        let bad = try temporaryFolder(["v.yaml": venue, "acme.yaml": Array("profile: ACME\nversion: 1.0.0\nextends: NOPE\n".utf8)])
        #expect(try ToolRunner.run(["audit", "--policies", policies, "--profile", "acme.yaml", "v.yaml"], in: bad).status == 2)
    }
}
