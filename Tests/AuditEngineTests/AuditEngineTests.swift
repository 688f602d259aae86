import AuditBasics
import AuditEngine
import AuditResults
import PolicyCatalog
import TestSupport
import Testing

private let mall = """
    format: venue-audit/1
    venue: { id: XA-0001, name: Test Mall, type: shopping_mall, jurisdiction: XA }
    assessment: { kind: inspection, date: 2022-06-10 }
    collection_points:
      - id: book
        method: paper_register
        fields: [name, phone]
        storage: { medium: paper, visible_to_other_visitors: true }
        retention: { oldest_record_date: 2022-03-31 }
      - id: qr
        method: government_qr
        fields: [health_code_status]
        storage: { medium: government_platform }
    incidents: []
    """

@Suite("Audit engine")
struct AuditEngineTests {
    let catalog: Catalog

    init() throws { catalog = try TestCatalogs.fixture() }

    @Test("each rule gives one finding per target, pointing at the node that decided it")
    func findingsPerTarget() throws {
        let result = try TestCatalogs.audit(mall, catalog: catalog)
        let exposure = result.findings("XA-TEST-1-EXPOSURE")
        #expect(exposure.map(\.targetID) == ["book", "qr"])
        #expect(exposure.map(\.state) == [.fail, .notApplicable])
        #expect(exposure[0].location == FileLocation(file: "venue.yaml", line: 8, column: 58))
        #expect(exposure[0].message.en == "book lets visitors read earlier entries")
        let retention = result.findings("XA-TEST-2-RETENTION")[0]
        #expect(retention.state == .fail)
        #expect(retention.location == FileLocation(file: "venue.yaml", line: 9, column: 38))
        #expect(retention.message.en == "oldest record is 71 days old; the limit is 28")
        #expect(retention.evidence == [EvidenceItem(name: "days_kept", value: "71", location: retention.location)])
        #expect(retention.expected?.en == "days_kept <= 28")
        #expect(retention.expects == LocalizedText(en: "The oldest record is no older than 28 days", zh: "最早的记录不超过 28 天"))
        #expect(retention.citations.map(\.key) == ["test-law#art-2"])
    }

    @Test("a rule that does not apply to a target gathers no evidence for it")
    func notApplicableHasNoEvidence() throws {
        let result = try TestCatalogs.audit(mall, catalog: catalog)
        let retention = result.findings("XA-TEST-2-RETENTION")
        #expect(retention.map(\.targetID) == ["book", "qr"])
        #expect(retention.map(\.state) == [.fail, .notApplicable])
        #expect(retention[0].evidence.map(\.name) == ["days_kept"])
        #expect(retention[1].evidence.isEmpty)
    }

    @Test("a missing fact gives unknown, never pass, and says what is missing")
    func missingFactIsUnknown() throws {
        let text = mall.replacingOccurrences(of: "    retention: { oldest_record_date: 2022-03-31 }\n", with: "")
        let result = try TestCatalogs.audit(text, catalog: catalog)
        let retention = result.findings("XA-TEST-2-RETENTION")[0]
        #expect(retention.state == .unknown)
        #expect(retention.message.en == "for collection point book, how long records are kept is not recorded")
        #expect(retention.message.zh == "登记点 book 未记录保存情况")
        #expect(retention.location?.line == 5)  // the collection point: the nearest recorded parent
        #expect(result.findings("XA-TEST-2-RETENTION")[0].evidence.first?.value == "unknown")
    }

    @Test("the as-of date decides which law runs")
    func asOfBeforeAndAfterEffectiveFrom() throws {
        var before = AuditOptions()
        before.asOf = CivilDate(iso: "2020-12-10")
        let old = try TestCatalogs.audit(mall, catalog: catalog, options: before).findings("XA-TEST-2-RETENTION")
        #expect(old.map(\.state) == [.notApplicable])
        #expect(old[0].message.en.hasPrefix("not in force on 2020-12-10"))
        var after = AuditOptions()
        after.asOf = CivilDate(iso: "2021-01-01")
        let new = try TestCatalogs.audit(mall, catalog: catalog, options: after).findings("XA-TEST-2-RETENTION")
        #expect(new.map(\.state) == [.fail, .notApplicable])
    }

    @Test("verdicts: a fail at or above the threshold, else unknowns, else compliant")
    func verdicts() throws {
        #expect(try TestCatalogs.audit(mall, catalog: catalog).verdict == .nonCompliant)
        var lenient = AuditOptions()
        lenient.failOn = .critical
        #expect(try TestCatalogs.audit(mall, catalog: catalog, options: lenient).verdict == .compliant)
        let unknown = mall.replacingOccurrences(of: "    fields: [name, phone]\n", with: "")
        #expect(try TestCatalogs.audit(unknown, catalog: catalog, options: lenient).verdict == .incomplete)
    }

    @Test("no collection points recorded is unknown; an empty list is not applicable")
    func emptyScopes() throws {
        let head = "format: venue-audit/1\nvenue: { id: V, jurisdiction: XA }\nassessment: { date: 2022-06-01 }\n"
        let absent = try TestCatalogs.audit(head, catalog: catalog)
        #expect(absent.findings("XA-TEST-1-EXPOSURE").map(\.state) == [.unknown])
        let empty = try TestCatalogs.audit(head + "collection_points: []\n", catalog: catalog)
        #expect(empty.findings("XA-TEST-1-EXPOSURE").map(\.state) == [.notApplicable])
    }

    @Test("profiles fall back to the longest matching code and tailor params and severity")
    func profileFallbackAndTailoring() throws {
        let province = mall.replacingOccurrences(of: "jurisdiction: XA }", with: "jurisdiction: XA-B-7 }")
            .replacingOccurrences(of: "fields: [name, phone]", with: "fields: [name, id_number]")
        let result = try TestCatalogs.audit(province, catalog: catalog)
        #expect(result.profile.id == "XA-B")
        #expect(result.findings("XA-TEST-2-RETENTION")[0].message.en.hasSuffix("the limit is 14"))
        let sensitive = result.findings("XA-TEST-3-SENSITIVE")[0]
        #expect(sensitive.state == .fail)
        #expect(sensitive.severity == .critical)
    }

    @Test("a record date known only to the month makes a days count unknown, never a pass, and says why")
    func monthOnlyDateIsUnknown() throws {
        let exact = try TestCatalogs.audit(mall, catalog: catalog).findings("XA-TEST-2-RETENTION")
        #expect(exact.first?.state == .fail)
        let text = mall.replacingOccurrences(of: "oldest_record_date: 2022-03-31", with: "oldest_record_date: 2022-06")
        let finding = try #require(try TestCatalogs.audit(text, catalog: catalog).findings("XA-TEST-2-RETENTION").first)
        #expect(finding.state == .unknown)
        #expect(
            finding.message.en
                == "for collection point book, the date of the oldest record on site gives the month only, and this needs the day")
        #expect(finding.message.zh == "登记点 book 现场最早记录的日期只记录到月份，此项需要具体日期")
        #expect(finding.location?.line == 9)
    }

    @Test("a venue whose jurisdiction has no profile is refused with a clear message")
    func noProfile() throws {
        let text = mall.replacingOccurrences(of: "jurisdiction: XA }", with: "jurisdiction: ZZ }")
        #expect(throws: AuditEngine.Refusal.self) { try TestCatalogs.audit(text, catalog: catalog) }
    }

    @Test("--rule, --skip-rule and --reference select rules")
    func ruleSelection() throws {
        var only = AuditOptions()
        only.onlyRules = ["XA-TEST-1-EXPOSURE"]
        #expect(Set(try TestCatalogs.audit(mall, catalog: catalog, options: only).findings.map(\.ruleID)) == ["XA-TEST-1-EXPOSURE"])
        var skip = AuditOptions()
        skip.skipRules = ["XA-TEST-1-EXPOSURE"]
        #expect(try TestCatalogs.audit(mall, catalog: catalog, options: skip).findings("XA-TEST-1-EXPOSURE").isEmpty)
        var reference = AuditOptions()
        reference.references = ["test-law:art-2"]
        #expect(Set(try TestCatalogs.audit(mall, catalog: catalog, options: reference).findings.map(\.ruleID)) == ["XA-TEST-2-RETENTION"])
    }
}

@Suite("Rules written for some jurisdictions only")
struct JurisdictionScopeTests {
    let catalog: Catalog

    init() throws { catalog = try TestCatalogs.fixture() }

    /// The mall, in `code` (or with no jurisdiction when nil), its register left unlocked.
    private func venue(in code: String?) -> String {
        let unlocked = mall.replacingOccurrences(
            of: "storage: { medium: paper, visible_to_other_visitors: true }",
            with: "storage: { medium: paper, visible_to_other_visitors: true, locked_when_unattended: false }")
        return unlocked.replacingOccurrences(of: ", jurisdiction: XA }", with: code.map { ", jurisdiction: \($0) }" } ?? " }")
    }

    @Test("a venue in a listed jurisdiction, or below one, is audited as usual", arguments: ["XA-B", "XA-B-7"])
    func inScope(_ code: String) throws {
        let result = try TestCatalogs.audit(venue(in: code), catalog: catalog)
        #expect(result.profile.id == "XA-B")
        let locked = result.findings("XA-TEST-4-LOCKED")
        #expect(locked.map(\.targetID) == ["book", "qr"])
        #expect(locked.map(\.state) == [.fail, .notApplicable])
        #expect(locked[0].message.en == "book is not locked away when unattended")
        #expect(locked[0].location?.line == 8)
    }

    @Test("a venue elsewhere gets no finding of the rule at all, not a not_applicable", arguments: ["XA", "XA-BC", "XA-C-B"])
    func outOfScope(_ code: String) throws {
        let result = try TestCatalogs.audit(venue(in: code), catalog: catalog)
        #expect(result.profile.id == "XA")
        #expect(result.findings("XA-TEST-4-LOCKED").isEmpty)
        // The profile's other rules run as before.
        #expect(result.findings("XA-TEST-1-EXPOSURE").map(\.state) == [.fail, .notApplicable])
        // Forcing the province's profile does not bring the rule into scope either.
        var forced = AuditOptions()
        forced.profileID = "XA-B"
        #expect(try TestCatalogs.audit(venue(in: code), catalog: catalog, options: forced).findings("XA-TEST-4-LOCKED").isEmpty)
    }

    @Test("with no jurisdiction recorded under a forced profile, the rule is one unknown, never skipped")
    func jurisdictionNotRecorded() throws {
        var forced = AuditOptions()
        forced.profileID = "XA-B"
        for text in [venue(in: nil), venue(in: "~")] {
            let result = try TestCatalogs.audit(text, catalog: catalog, options: forced)
            let locked = result.findings("XA-TEST-4-LOCKED")
            #expect(locked.count == 1)
            #expect(locked.first?.state == .unknown)
            #expect(locked.first?.targetID == nil)
            #expect(
                locked.first?.message.en
                    == "cannot tell whether the rule applies: venue.jurisdiction is not recorded (the rule is for XA-B)")
            #expect(locked.first?.location?.line == 2)  // the venue map: the nearest recorded parent
            // Rules for every jurisdiction still give one finding per target.
            #expect(result.findings("XA-TEST-2-RETENTION").map(\.state) == [.fail, .notApplicable])
        }
        var lenient = forced
        lenient.failOn = .critical
        #expect(try TestCatalogs.audit(venue(in: nil), catalog: catalog, options: lenient).verdict == .incomplete)
    }

    @Test("the rule's examples run, including the one out of scope")
    func examples() throws {
        let rule = try #require(catalog.rule("XA-TEST-4-LOCKED"))
        let runner = RuleExampleRunner(catalog: catalog)
        for example in rule.examples {
            let outcome = runner.run(example, of: rule)
            #expect(outcome.passed, "\(example.name): \(outcome.problem ?? "")")
        }
        let outside = try #require(rule.examples.first { $0.expected == .outOfScope })
        #expect(runner.run(outside, of: rule).finding == nil)
    }

    @Test("an out_of_scope example fails when the rule does give a finding, and the other way round")
    func examplesCatchMistakes() throws {
        let rule = try #require(catalog.rule("XA-TEST-4-LOCKED"))
        let runner = RuleExampleRunner(catalog: catalog)
        var inside = try #require(rule.examples.first { $0.expected == .outOfScope })
        inside.given = inside.given.replacingOccurrences(of: "jurisdiction: XA }", with: "jurisdiction: XA-B }")
        #expect(
            runner.run(inside, of: rule).problem == "expected out_of_scope (no finding), got fail: book is not locked away when unattended")
        var outside = try #require(rule.examples.first { $0.state == .pass })
        outside.given = outside.given.replacingOccurrences(of: "jurisdiction: XA-B }", with: "jurisdiction: XA }")
        #expect(runner.run(outside, of: rule).problem == "the rule gave no finding (venue.jurisdiction XA is outside XA-B)")
    }
}

@Suite("Waivers")
struct WaiverTests {
    let catalog: Catalog

    init() throws { catalog = try TestCatalogs.fixture() }

    private func audit(waivers: String) throws -> AuditResult {
        try TestCatalogs.audit(mall + "\nwaivers:\n" + waivers, catalog: catalog)
    }

    @Test("an active waiver turns fail into waived and keeps the finding visible with its reason")
    func activeWaiver() throws {
        let result = try audit(
            waivers:
                "  - { rule: XA-TEST-2-RETENTION, target: book, reason: District order, approved_by: Health office, expires: 2022-12-31 }\n"
        )
        let f = result.findings("XA-TEST-2-RETENTION")[0]
        #expect(f.state == .waived)
        #expect(f.waiver?.reason == "District order")
        #expect(f.waiver?.active == true)
        #expect(!result.diagnostics.contains { $0.code == "orphan-waiver" })
    }

    @Test("an expired waiver leaves the fail and says it expired")
    func expiredWaiver() throws {
        let result = try audit(
            waivers: "  - { rule: XA-TEST-2-RETENTION, target: book, reason: Old order, approved_by: Health office, expires: 2022-01-31 }\n"
        )
        let f = result.findings("XA-TEST-2-RETENTION")[0]
        #expect(f.state == .fail)
        #expect(f.waiver?.active == false)
        #expect(f.message.en.hasSuffix("(the waiver for this expired on 2022-01-31)"))
        #expect(result.verdict == .nonCompliant)
    }

    @Test(
        "waivers that match nothing are warnings naming why",
        arguments: [
            ("XA-TEST-9-NOPE", "book", "names rule 'XA-TEST-9-NOPE', which does not exist"),
            ("XA-TEST-2-RETENTION", "nowhere", "matches no finding of XA-TEST-2-RETENTION for target 'nowhere'"),
            ("XA-TEST-1-EXPOSURE", "qr", "waives nothing: XA-TEST-1-EXPOSURE for 'qr' is not_applicable, not fail"),
        ])
    func orphanWaiver(rule: String, target: String, why: String) throws {
        let result = try audit(waivers: "  - { rule: \(rule), target: \(target), reason: r, approved_by: a, expires: 2030-01-01 }\n")
        let orphan = try #require(result.diagnostics.first { $0.code == "orphan-waiver" })
        #expect(orphan.severity == .warning)
        #expect(orphan.message == "waiver \(why)")
        #expect(orphan.location?.line == 16)
    }

    @Test("a waiver without an expiry is an input error")
    func waiverWithoutExpiry() throws {
        #expect(throws: (any Error).self) {
            try TestCatalogs.venue(mall + "\nwaivers:\n  - { rule: XA-TEST-2-RETENTION, target: book, reason: r, approved_by: a }\n")
        }
    }
}

/// The promise that no output shows personal data is kept by the engine itself, so a program
/// that uses the library gets masked results without calling anything else.
@Suite("masking in the engine")
struct EngineMaskingTests {
    @Test("an ID number, a phone and an e-mail planted in the input are masked in the AuditResult")
    func plantedDataMasked() throws {
        let text = """
            format: venue-audit/1
            venue: { id: XA-MASK, name: "Bar of 13900001234", type: bar, jurisdiction: XA, district: "li.wei@example.com" }
            assessment: { kind: inspection, date: 2022-06-10, assessor: { name: "Li 510104199901010022" } }
            collection_points:
              - id: book
                method: paper_register
                fields: [name, phone]
                storage: { medium: paper, visible_to_other_visitors: true }
                retention: { oldest_record_date: 2022-06-01 }
            incidents: []
            observations:
              - at: book
                kind: register_unattended_open
                note: "Open page: Wang, 510104199901010022, 13900001234, wang@example.com"
                evidence: ["photo of 13900001234"]
            """
        let result = try TestCatalogs.audit(text, catalog: TestCatalogs.fixture())
        #expect(result.personalDataFoundInInput)
        var texts = [result.venue.name, result.venue.district, result.assessment.assessor].compactMap { $0 }
        texts += result.observations.flatMap { [$0.note].compactMap { $0 } + $0.evidence }
        texts += result.findings.flatMap { [$0.message.en, $0.message.zh] + $0.evidence.map(\.value) }
        #expect(texts.count > 6)
        for planted in ["510104199901010022", "13900001234", "li.wei@example.com", "wang@example.com"] {
            #expect(!texts.contains { $0.contains(planted) }, "\(planted) reached the result unmasked")
        }
        #expect(result.observations.first?.note?.contains("Wang") == true)
    }
}

@Suite("Engine limits")
struct EngineLimitTests {
    @Test("item 7: a venue with more findings than the limit is refused, not written out")
    func item7FindingLimit() throws {
        let text = """
            format: venue-audit/1
            venue: { id: XA-0001, name: Test Mall, type: shopping_mall, jurisdiction: XA }
            assessment: { kind: inspection, date: 2022-06-10 }
            collection_points:
              - { id: a, method: paper_register }
              - { id: b, method: paper_register }
            incidents: []
            """
        let catalog = try TestCatalogs.fixture()
        let all = try TestCatalogs.audit(text, catalog: catalog).findings.count
        #expect(all > 2)
        var options = AuditOptions()
        options.maxFindings = all - 1
        #expect {
            try TestCatalogs.audit(text, catalog: catalog, options: options)
        } throws: { error in
            (error as? AuditEngine.Refusal)?.diagnostic.message == "the venue gives \(all) findings; the limit is \(all - 1) per report"
        }
    }
}
