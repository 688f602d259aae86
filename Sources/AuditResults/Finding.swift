import AuditBasics

/// A legal source a rule rests on, resolved from the registry in `policies/`.
public struct Citation: Sendable, Hashable {
    /// The registry key, such as `cn-pipl#art-19`.
    public var key: String
    /// The instrument's name, such as "Personal Information Protection Law of the PRC".
    public var instrument: LocalizedText
    /// The article or clause, such as "Art. 19".
    public var provision: String
    public var url: String?
    /// The instrument's legal force; nil when the registry does not say.
    public var force: Force?
    /// The jurisdiction the instrument was made for (`CN`, `GB-ENG`, `EU`), when the registry says.
    public var jurisdiction: String?
    /// The first and last day the instrument (or this provision) was in force, when known.
    public var effectiveFrom: CivilDate?
    public var effectiveTo: CivilDate?

    public init(
        key: String, instrument: LocalizedText, provision: String, url: String?, force: Force? = nil,
        effectiveFrom: CivilDate? = nil, effectiveTo: CivilDate? = nil, jurisdiction: String? = nil
    ) {
        self.key = key
        self.instrument = instrument
        self.provision = provision
        self.url = url
        self.force = force
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.jurisdiction = jurisdiction
    }

    /// Whether the instrument binds a venue in `venueJurisdiction`: it has binding force
    /// (`Force.binds`) and was made for the venue's jurisdiction or one containing it (`CN` for
    /// `CN-SC`; `EU` for a member state). Reports list these as the legal basis and everything
    /// else (guidance, standards, other jurisdictions' law cited as good practice) as guidance.
    public func binds(venueJurisdiction: String?) -> Bool {
        guard let force, force.binds else { return false }
        guard let jurisdiction else { return true }
        guard let venue = venueJurisdiction, !venue.isEmpty else { return false }
        if venue == jurisdiction || venue.hasPrefix(jurisdiction + "-") { return true }
        let country = String(venue.prefix(2))
        return jurisdiction == "EU" && Self.euMembers.contains(country)
    }

    /// The member states of the European Union (ISO 3166-1 codes), for EU instruments.
    static let euMembers: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
        "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]
}

/// A named value a rule computed or read, shown in messages and reports.
public struct EvidenceItem: Sendable, Hashable {
    public var name: String
    /// The value as text (masked before any reporter sees it); `unknown` when missing.
    public var value: String
    public var location: FileLocation?

    public init(name: String, value: String, location: FileLocation?) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// An accepted exception that matched a finding.
public struct WaiverInfo: Sendable, Hashable {
    public var reason: String
    public var approvedBy: String
    public var expires: CivilDate
    /// False when the waiver expired before the as-of date: the finding stays `fail`.
    public var active: Bool
    public var location: FileLocation?

    public init(reason: String, approvedBy: String, expires: CivilDate, active: Bool, location: FileLocation?) {
        self.reason = reason
        self.approvedBy = approvedBy
        self.expires = expires
        self.active = active
        self.location = location
    }
}

/// What a finding repeats from its rule: the same for every finding of that rule in a run.
///
/// Kept in one shared box so that the engine, which makes a hundred or more findings per venue,
/// copies one reference per finding instead of every title, citation and remediation text.
public final class RuleFacts: Sendable, Hashable {
    public let ruleID: String
    public let packID: String
    public let title: LocalizedText
    public let severity: Severity
    public let scope: String
    public let citations: [Citation]
    public let remediation: LocalizedText
    public let isPractice: Bool
    /// The legal force of what the rule encodes.
    public let force: Force

    public init(
        ruleID: String, packID: String, title: LocalizedText, severity: Severity, scope: String,
        citations: [Citation], remediation: LocalizedText, isPractice: Bool, force: Force? = nil
    ) {
        self.force = force ?? (isPractice ? .goodPractice : .statute)
        self.ruleID = ruleID
        self.packID = packID
        self.title = title
        self.severity = severity
        self.scope = scope
        self.citations = citations
        self.remediation = remediation
        self.isPractice = isPractice
    }

    public static func == (a: RuleFacts, b: RuleFacts) -> Bool {
        a === b
            || (a.ruleID == b.ruleID && a.packID == b.packID && a.title == b.title && a.severity == b.severity
                && a.scope == b.scope && a.citations == b.citations && a.remediation == b.remediation
                && a.isPractice == b.isPractice && a.force == b.force)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ruleID)
        hasher.combine(severity)
    }
}

/// The result of one rule for one target of one venue.
public struct Finding: Sendable, Hashable {
    /// The rule's own facts, shared by all its findings.
    public let rule: RuleFacts
    public var ruleID: String { rule.ruleID }
    public var packID: String { rule.packID }
    public var title: LocalizedText { rule.title }
    public var severity: Severity { rule.severity }
    public var state: FindingState
    /// The scope the rule iterates: `venue collection_points digital_systems incidents observations`.
    public var scope: String { rule.scope }
    /// The id of the scope item (a collection point id), or nil for venue-wide rules.
    public var targetID: String?
    /// The node that decided the result.
    public var location: FileLocation?
    /// The text of the input line at `location`, masked, for reports that quote it.
    public var sourceLine: String?
    /// What was found (for a fail) or why the state is what it is (unknown, not applicable).
    public var message: LocalizedText
    /// The rule's requirement as written, with parameter values filled in
    /// (`days_kept <= 28`): the logic, for machines and for readers who ask for it.
    public var expected: LocalizedText?
    /// What the rule expects in words, with parameter values filled in ("The oldest record
    /// on site is no older than 28 days"): what human formats show.
    public var expects: LocalizedText?
    public var evidence: [EvidenceItem]
    /// The rule's citations, or those of them in force during the conduct when the engine
    /// narrowed them (an edition of a standard that did not yet apply is left out).
    public var citations: [Citation] { citationsInForce ?? rule.citations }
    /// Set by the engine when only some of the rule's citations were in force at the conduct's
    /// date; nil means all of them.
    public var citationsInForce: [Citation]?
    public var remediation: LocalizedText { rule.remediation }
    public var waiver: WaiverInfo?
    /// Whether the rule encodes law or good practice.
    public var isPractice: Bool { rule.isPractice }
    /// The legal force of the rule.
    public var force: Force { rule.force }
    /// Whether a failure of this finding can make the venue non-compliant: its rule binds.
    public var bindsVenue: Bool { rule.force.binds }

    public init(
        rule: RuleFacts, state: FindingState, targetID: String?, location: FileLocation?, sourceLine: String? = nil,
        message: LocalizedText, expected: LocalizedText? = nil, expects: LocalizedText? = nil, evidence: [EvidenceItem] = [],
        waiver: WaiverInfo? = nil
    ) {
        self.rule = rule
        self.state = state
        self.targetID = targetID
        self.location = location
        self.sourceLine = sourceLine
        self.message = message
        self.expected = expected
        self.expects = expects
        self.evidence = evidence
        self.waiver = waiver
    }

    public init(
        ruleID: String, packID: String, title: LocalizedText, severity: Severity, state: FindingState,
        scope: String, targetID: String?, location: FileLocation?, sourceLine: String? = nil,
        message: LocalizedText, expected: LocalizedText? = nil, expects: LocalizedText? = nil,
        evidence: [EvidenceItem] = [], citations: [Citation] = [], remediation: LocalizedText, waiver: WaiverInfo? = nil,
        isPractice: Bool = false, force: Force? = nil
    ) {
        self.init(
            rule: RuleFacts(
                ruleID: ruleID, packID: packID, title: title, severity: severity, scope: scope, citations: citations,
                remediation: remediation, isPractice: isPractice, force: force),
            state: state, targetID: targetID, location: location, sourceLine: sourceLine, message: message,
            expected: expected, expects: expects, evidence: evidence, waiver: waiver)
    }
}

extension Finding {
    /// Where the target sits in the description, for people: `collection_points[north-gate-book]`,
    /// `incidents[0]` (items without an id are named by position already), or nil for the venue.
    public var targetPath: String? {
        guard let targetID else { return nil }
        return targetID.hasPrefix("\(scope)[") ? targetID : "\(scope)[\(targetID)]"
    }
}
