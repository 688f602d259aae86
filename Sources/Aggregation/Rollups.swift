import AuditBasics
import AuditResults

/// Counts for one value of a dimension (a district, a venue type, a month…).
public struct GroupRow: Sendable, Hashable {
    public var key: String
    /// Assessments (reports) in the group.
    public var reports = 0
    /// Distinct venues with at least one report in the group.
    public var venues = 0
    public var nonCompliant = 0
    public var incomplete = 0
    public var compliant = 0
    /// Compliant assessments that still have failing findings below their threshold.
    public var compliantWithFails = 0
    /// Findings in any state.
    public var findings = 0
    public var fails = 0
    public var unknowns = 0
    /// Findings whose rule applied: every state but `not_applicable`. The base of the unknown share.
    public var evaluated = 0

    public init(key: String) { self.key = key }

    /// Unknown findings as a share of evaluated ones, 0 when nothing was evaluated.
    public var unknownShare: Double { evaluated == 0 ? 0 : Double(unknowns) / Double(evaluated) }
}

/// Counts for one rule over every report.
public struct RuleRow: Sendable, Hashable {
    public var rule: String
    public var title: LocalizedText
    /// The highest severity the rule was reported at (profiles may raise it).
    public var severity: Severity
    public var states: [FindingState: Int] = [:]
    /// Distinct venues where the rule failed at least once.
    public var venuesFailing = 0
    /// Rule+target pairs failing in two or more consecutive assessments of a venue.
    public var repeatOffences = 0
    /// Fails that were gone at the venue's next assessment.
    public var fixed = 0

    public init(rule: String, title: LocalizedText, severity: Severity) {
        self.rule = rule
        self.title = title
        self.severity = severity
    }

    public var fails: Int { states[.fail, default: 0] }
}

/// A rule+target that failed in consecutive assessments of a venue.
public struct RepeatOffence: Sendable, Hashable {
    public var venueID: String
    public var venueName: String?
    public var district: String?
    public var rule: String
    public var target: String?
    /// How many consecutive assessments it failed in (at least 2).
    public var assessments: Int
    public var firstDate: CivilDate?
    public var lastDate: CivilDate?

    public init(
        venueID: String, venueName: String?, district: String?, rule: String, target: String?, assessments: Int, firstDate: CivilDate?,
        lastDate: CivilDate?
    ) {
        self.venueID = venueID
        self.venueName = venueName
        self.district = district
        self.rule = rule
        self.target = target
        self.assessments = assessments
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

/// A fail that was gone at the venue's next assessment.
public struct FixedFinding: Sendable, Hashable {
    public var venueID: String
    public var venueName: String?
    public var district: String?
    public var rule: String
    public var target: String?
    public var failedOn: CivilDate?
    public var fixedOn: CivilDate?
    /// `pass`, `not_applicable`, or `absent` (the target or rule is no longer in the report).
    public var now: String

    public init(
        venueID: String, venueName: String?, district: String?, rule: String, target: String?, failedOn: CivilDate?, fixedOn: CivilDate?,
        now: String
    ) {
        self.venueID = venueID
        self.venueName = venueName
        self.district = district
        self.rule = rule
        self.target = target
        self.failedOn = failedOn
        self.fixedOn = fixedOn
        self.now = now
    }
}

/// Self-assessments compared with the inspection that followed them at the same venue.
public struct SelfVersusInspection: Sendable, Hashable {
    /// Pairs of (self-assessment, the next inspection or follow-up of the same venue).
    public var pairs = 0
    public var venues = 0
    /// `verdicts[self verdict][inspection verdict]`.
    public var verdicts: [Verdict: [Verdict: Int]] = [:]
    public var selfFails = 0
    public var inspectionFails = 0
    /// Fails an inspector found where the preceding self-assessment had said `pass`.
    public var missedBySelf = 0
    /// Fails an inspector found where the self-assessment had said `unknown`.
    public var unknownInSelf = 0

    public init() {}

    public func count(self s: Verdict, inspection i: Verdict) -> Int { verdicts[s]?[i] ?? 0 }

    /// Pairs where the venue judged itself better than the inspector did.
    public var optimistic: Int {
        count(self: .compliant, inspection: .nonCompliant) + count(self: .compliant, inspection: .incomplete)
            + count(self: .incomplete, inspection: .nonCompliant)
    }
}

/// What the reading of the reports did: every report is accounted for.
public struct IngestCounts: Sendable, Hashable {
    /// `*.xml` files looked at (not counting skipped non-reports).
    public var files = 0
    /// Reports added to the store in this run.
    public var added = 0
    /// Reports whose content is already stored from another file (a copy, or the same report
    /// twice in this run): counted once.
    public var duplicates = 0
    /// Files read again that are already stored from the same path (an earlier run): unchanged.
    public var alreadyStored = 0
    public var rejected: [ReportRejection.Reason: Int] = [:]
    /// XML files that are not venue-audit reports (JUnit files, aggregates) and were skipped.
    public var skipped = 0

    public init() {}

    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}

/// Every figure of the dashboard, the aggregate XML, the CSV and the JSON.
public struct Rollups: Sendable, Hashable {
    public var ingest = IngestCounts()
    /// All stored reports together.
    public var total = GroupRow(key: "all")
    public var byDistrict: [GroupRow] = []
    public var byVenueType: [GroupRow] = []
    public var byJurisdiction: [GroupRow] = []
    public var byKind: [GroupRow] = []
    /// By verified signer, `name (organization)`, and by the signer's organization; reports
    /// not signed, or stored without a trust file, are under `RollupBuilder.none`.
    public var bySigner: [GroupRow] = []
    public var bySignerOrganization: [GroupRow] = []
    /// By assessment month `YYYY-MM` (oldest first; `undated` last).
    public var byMonth: [GroupRow] = []
    /// Every rule, most fails first.
    public var byRule: [RuleRow] = []
    /// Findings by state (all six states).
    public var byState: [FindingState: Int] = [:]
    /// Fails by severity (all five severities).
    public var failsBySeverity: [Severity: Int] = [:]
    public var repeatOffences: [RepeatOffence] = []
    /// Distinct venues with at least one repeat offence.
    public var repeatOffenderVenues = 0
    public var fixed: [FixedFinding] = []
    public var selfVersusInspection = SelfVersusInspection()

    public init() {}

    /// The rules with the most fails (at most `limit`, rules without a fail left out).
    public func topFailingRules(_ limit: Int = 10) -> [RuleRow] {
        Array(byRule.filter { $0.fails > 0 }.prefix(limit))
    }
}
