import AuditBasics

/// Who and what was audited, as reports print it.
public struct VenueInfo: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var type: String?
    public var jurisdiction: String?
    public var district: String?
    public var operatorName: String?

    public init(id: String, name: String?, type: String?, jurisdiction: String?, district: String?, operatorName: String?) {
        self.id = id
        self.name = name
        self.type = type
        self.jurisdiction = jurisdiction
        self.district = district
        self.operatorName = operatorName
    }
}

/// The assessment the venue description records.
public struct AssessmentInfo: Sendable, Hashable {
    /// `inspection self_assessment follow_up`, or nil when not stated.
    public var kind: String?
    public var date: CivilDate?
    public var assessor: String?
    public var organization: String?

    public init(kind: String?, date: CivilDate?, assessor: String?, organization: String?) {
        self.kind = kind
        self.date = date
        self.assessor = assessor
        self.organization = organization
    }
}

/// What an assessor saw on site, with its evidence references.
public struct ObservationInfo: Sendable, Hashable {
    public var at: String?
    public var kind: String
    public var note: String?
    public var evidence: [String]
    public var location: FileLocation?

    public init(at: String?, kind: String, note: String?, evidence: [String], location: FileLocation?) {
        self.at = at
        self.kind = kind
        self.note = note
        self.evidence = evidence
        self.location = location
    }
}

/// The input file an audit read.
public struct InputInfo: Sendable, Hashable {
    public var path: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    /// Index of the YAML document within the file (0 for the first).
    public var documentIndex: Int

    public init(path: String, sha256: String, documentIndex: Int = 0) {
        self.path = path
        self.sha256 = sha256
        self.documentIndex = documentIndex
    }
}

/// A pack or profile and the version that ran.
public struct VersionedID: Sendable, Hashable {
    public var id: String
    public var version: String

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}

/// Everything one audit of one venue found. Pure data: reporters render it, the aggregator
/// reads it back from XML. Personal data in free text is masked before a result leaves the
/// engine.
public struct AuditResult: Sendable, Hashable {
    public var toolVersion: String
    public var input: InputInfo
    public var venue: VenueInfo
    public var assessment: AssessmentInfo
    public var profile: VersionedID
    public var packs: [VersionedID]
    public var asOf: CivilDate
    /// Fails at or above this severity make the venue non-compliant (`--fail-on`).
    public var failThreshold: Severity
    public var findings: [Finding]
    public var observations: [ObservationInfo]
    /// Warnings about the input (unknown fields, orphan waivers); errors stop an audit earlier.
    public var diagnostics: [Diagnostic]
    /// Whether personal data (ID numbers, phones, e-mails, passports) was found in the input's
    /// free text and masked: the assessment file itself then needs protecting.
    public var personalDataFoundInInput: Bool

    public init(
        toolVersion: String, input: InputInfo, venue: VenueInfo, assessment: AssessmentInfo, profile: VersionedID,
        packs: [VersionedID], asOf: CivilDate, failThreshold: Severity, findings: [Finding],
        observations: [ObservationInfo] = [], diagnostics: [Diagnostic] = [], personalDataFoundInInput: Bool = false
    ) {
        self.toolVersion = toolVersion
        self.input = input
        self.venue = venue
        self.assessment = assessment
        self.profile = profile
        self.packs = packs
        self.asOf = asOf
        self.failThreshold = failThreshold
        self.findings = findings
        self.observations = observations
        self.diagnostics = diagnostics
        self.personalDataFoundInInput = personalDataFoundInInput
    }

    /// How many findings are in each state.
    public var countsByState: [FindingState: Int] {
        // Indexing reads one field in place; iterating would copy every finding. Tallied by
        // case first: a dictionary keyed by the state would hash its name once per finding.
        var tally = (pass: 0, fail: 0, unknown: 0, notApplicable: 0, waived: 0, error: 0)
        for i in findings.indices {
            switch findings[i].state {
            case .pass: tally.pass += 1
            case .fail: tally.fail += 1
            case .unknown: tally.unknown += 1
            case .notApplicable: tally.notApplicable += 1
            case .waived: tally.waived += 1
            case .error: tally.error += 1
            }
        }
        var counts: [FindingState: Int] = [:]
        for (state, n) in [
            (FindingState.pass, tally.pass), (.fail, tally.fail), (.unknown, tally.unknown),
            (.notApplicable, tally.notApplicable), (.waived, tally.waived), (.error, tally.error),
        ] where n > 0 {
            counts[state] = n
        }
        return counts
    }

    /// How many failing findings there are at each severity.
    public var failuresBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for i in findings.indices where findings[i].state == .fail { counts[findings[i].severity, default: 0] += 1 }
        return counts
    }

    public var verdict: Verdict {
        var incomplete = false
        for i in findings.indices {
            switch findings[i].state {
            case .fail where findings[i].severity >= failThreshold && findings[i].bindsVenue: return .nonCompliant
            case .unknown, .error: incomplete = true
            default: break
            }
        }
        if incomplete { return .incomplete }
        return .compliant
    }
}
