import AuditBasics
import AuditResults
import ReportFormat

/// What the aggregator keeps of one finding: ids, severity and state, nothing else.
public struct FindingSummary: Sendable, Hashable {
    public var rule: String
    /// The scope item (collection point id); nil for venue-wide rules.
    public var target: String?
    public var severity: Severity
    public var state: FindingState

    public init(rule: String, target: String?, severity: Severity, state: FindingState) {
        self.rule = rule
        self.target = target
        self.severity = severity
        self.state = state
    }

    /// `RULE[target]`, or `RULE` for venue-wide rules: the key compared across assessments.
    public var key: String { target.map { "\(rule)[\($0)]" } ?? rule }
}

/// What the aggregator keeps of one report: a few hundred bytes, so thousands of reports
/// stream through in flat memory. Everything comes from the report's XML.
public struct ReportSummary: Sendable, Hashable {
    /// The report's own SHA-256 (its `<digest>`, checked against its content): its identity.
    public var digest: String
    /// Where the report was read from (the first file, if it was seen twice).
    public var path: String
    public var generatedAt: String
    public var venueID: String
    public var venueName: String?
    public var venueType: String?
    public var jurisdiction: String?
    public var district: String?
    /// `inspection`, `self_assessment`, `follow_up`, or nil when the description did not say.
    public var kind: String?
    public var date: CivilDate?
    public var profile: String
    public var verdict: Verdict
    public var findings: [FindingSummary]
    /// The English and Chinese titles of the rules in this report, less those the reader was
    /// told the caller already has (`ReportReader.read(bytes:path:knownTitles:)`).
    public var ruleTitles: [String: LocalizedText]
    /// Who signed the report, when its signature was verified against a trust file; nil for an
    /// unsigned report or one read without `--trust`.
    public var signer: SignerIdentity? = nil
    /// What was assessed (input digest, document index, venue, date): the same for every report
    /// of one audit, however often it was re-run. The store counts an assessment once.
    public var assessment: String = ""

    public init(
        digest: String, path: String, generatedAt: String, venueID: String, venueName: String?, venueType: String?,
        jurisdiction: String?, district: String?, kind: String?, date: CivilDate?, profile: String, verdict: Verdict,
        findings: [FindingSummary], ruleTitles: [String: LocalizedText] = [:]
    ) {
        self.digest = digest
        self.path = path
        self.generatedAt = generatedAt
        self.venueID = venueID
        self.venueName = venueName
        self.venueType = venueType
        self.jurisdiction = jurisdiction
        self.district = district
        self.kind = kind
        self.date = date
        self.profile = profile
        self.verdict = verdict
        self.findings = findings
        self.ruleTitles = ruleTitles
    }

    /// The order assessments of a venue are compared in: date (undated first), then time written.
    public static func chronological(_ a: ReportSummary, _ b: ReportSummary) -> Bool {
        if a.venueID != b.venueID { return a.venueID < b.venueID }
        let x = a.date?.dayNumber ?? Int.min
        let y = b.date?.dayNumber ?? Int.min
        if x != y { return x < y }
        if a.generatedAt != b.generatedAt { return a.generatedAt < b.generatedAt }
        return a.digest < b.digest
    }
}
