import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import TestSupport
import Testing
import VenueModel
import YAMLReader

/// Audits every venue of a sample file with the real catalogue.
private func auditSample(_ name: String, asOf: String? = nil) throws -> [AuditResult] {
    let catalog = try #require(RuleExampleCase.catalog)
    var options = AuditOptions()
    options.asOf = asOf.flatMap { CivilDate(iso: $0) }
    let engine = AuditEngine(catalog: catalog, options: options)
    let text = try String(contentsOfFile: RepositoryPaths.path("samples/\(name)"), encoding: .utf8)
    let file = VenueFileReader().read(bytes: Array(text.utf8), path: "samples/\(name)")
    #expect(file.error == nil)
    return try file.venues.map { try engine.audit($0, source: file.source, input: InputInfo(path: name, sha256: "")) }
}

@Suite("Expected verdicts of the samples")
struct SampleVerdictTests {
    /// Reviewed by hand against samples/README.md; fail-on is the default (high).
    static let expected: [(String, [Verdict])] = [
        ("au-nsw-cafe-2021.yaml", [.compliant]),
        ("au-vic-office-2021-self.yaml", [.incomplete]),
        ("cn-beijing-office-2020.yaml", [.compliant]),
        ("cn-beijing-restaurant-2020.yaml", [.nonCompliant]),
        // Non-compliant since a declared emergency no longer excuses the missing notice at the
        // visitor slips (CN-PIPL-17-NOTICE; PIPL Art. 18 para. 2 defers notice only where it
        // cannot be given in time).
        ("cn-chengdu-hotel-2022.yaml", [.nonCompliant]),
        ("cn-chengdu-ktv-2020.yaml", [.nonCompliant]),
        ("cn-chengdu-mall-2020.yaml", [.nonCompliant]),
        ("cn-chengdu-mall-2022.yaml", [.nonCompliant]),
        ("cn-chengdu-noodle-shops-2020.yaml", [.compliant, .compliant, .nonCompliant]),
        ("de-be-bar-2020.yaml", [.nonCompliant]),
        ("gb-eng-pub-2020.yaml", [.compliant]),
        ("hk-mongkok-restaurant-2021.yaml", [.nonCompliant]),
        ("ie-dublin-restaurant-2020.yaml", [.nonCompliant]),
        // Their failures rest on guidance and good practice, which do not bind on their own.
        ("kr-seoul-karaoke-2020.yaml", [.compliant]),
        ("nz-wellington-cafe-2021.yaml", [.compliant]),
        ("sg-orchard-mall-2021.yaml", [.incomplete]),
        ("tw-taipei-gym-2020.yaml", [.compliant]),
    ]

    @Test("every sample has an expected verdict")
    func everySampleCovered() {
        let names = RepositoryPaths.samples.map { String($0.split(separator: "/").last ?? "") }
        #expect(Set(names) == Set(Self.expected.map(\.0)))
    }

    @Test("each sample gets its expected verdict", arguments: expected.map(\.0))
    func verdict(_ name: String) throws {
        let expected = try #require(Self.expected.first { $0.0 == name }?.1)
        #expect(try auditSample(name).map(\.verdict) == expected)
    }

    @Test("services without a phone alternative fail the practice rule even when compliant overall")
    func qrWithoutAlternative() throws {
        let nsw = try auditSample("au-nsw-cafe-2021.yaml")[0]
        #expect(nsw.findings("PRACTICE-ALTERNATIVE-NO-PHONE").contains { $0.state == .fail })
    }
}

@Suite("The Chengdu news story")
struct NewsStoryTests {
    @Test("as of 2020-12-10: GB/T 35273 and the CAC notice fail; no PIPL rule applies; a third party's posting is no crime of the venue")
    func asOf2020() throws {
        let result = try auditSample("cn-chengdu-mall-2020.yaml", asOf: "2020-12-10")[0]
        let failing = Set(result.findings.filter { $0.state == .fail }.map(\.ruleID))
        for rule in [
            "CN-GBT35273-7.2-DISPLAY", "CN-GBT35273-7.2-OBSERVED", "CN-GBT35273-6.1-RETENTION",
            "CN-CAC2020-2-MINIMUM-SCOPE", "CN-CAC2020-4-SECURITY", "CN-CAC2020-4-OBSERVED",
            "CN-CRPL-29-CONFIDENTIAL", "CN-RIC-13-CONFIDENTIAL",
        ] {
            #expect(failing.contains(rule), "\(rule) should fail")
        }
        // The venue itself passes the register to nobody but the health authority: the rules on
        // publishing and selling it are not failed by a stranger's photograph.
        for rule in ["CN-CAC2020-3-NO-PUBLICATION", "CN-CRIM-253.1-SHARING"] {
            #expect(!failing.contains(rule), "\(rule) should not fail: the venue did not post the page")
        }
        // The page was posted by a third party, and how he got it is not recorded: the
        // intentional-conduct rules do not fail, and the negligence rules cannot tell.
        for rule in ["CN-CRIM-253.1-PROVIDING", "CN-CRIM-253.1-SERIOUS", "CN-CAC2020-3-DISCLOSURE-INCIDENT"] {
            #expect(!failing.contains(rule), "\(rule) should not fail on a third party's posting")
        }
        for rule in ["CN-CAC2020-4-EXPOSURE-INCIDENT", "CN-CRPL-29-NO-LEAK"] {
            #expect(result.findings(rule).first?.state == .unknown, "\(rule) should be unknown")
        }
        let pipl = result.findings.filter { $0.packID == "cn-pipl" || $0.packID == "cn-civil-code" }
        #expect(!pipl.isEmpty)
        #expect(pipl.allSatisfy { $0.state == .notApplicable }, "PIPL took effect 2021-11-01, the Civil Code 2021-01-01")
        // The Cybersecurity Law rules are for electronic sign-in; the mall used a paper book.
        #expect(result.findings.filter { $0.packID == "cn-csl" }.allSatisfy { $0.state != .fail })
        // The 71-day-old page is pointed at, not the top of the file.
        let retention = try #require(result.findings("CN-GBT35273-6.1-RETENTION").first { $0.state == .fail })
        #expect(retention.sourceLine?.contains("oldest_record_date: 2020-09-30") == true)
        #expect(retention.message.en.contains("71"))
        #expect(result.verdict == .nonCompliant)
    }

    @Test("as of 2022-06-01 the PIPL rules apply as well")
    func asOf2022() throws {
        let result = try auditSample("cn-chengdu-mall-2020.yaml", asOf: "2022-06-01")[0]
        let pipl = result.findings.filter { $0.packID == "cn-pipl" }
        #expect(pipl.contains { $0.state == .fail })
        for rule in ["CN-PIPL-6-ID-NUMBER", "CN-PIPL-19-RETENTION", "CN-PIPL-51-REGISTER-VISIBLE"] {
            #expect(result.findings(rule).contains { $0.state == .fail }, "\(rule) should fail in 2022")
        }
    }
}
