import AuditBasics
import AuditResults
import Conditions

/// What a rule iterates.
public enum RuleScope: String, Sendable, CaseIterable {
    case venue
    case collectionPoints = "collection_points"
    case digitalSystems = "digital_systems"
    case incidents
    case observations
}

/// One rule of a pack, with its conditions compiled.
public struct Rule: Sendable {
    public var id: String
    public var packID: String
    public var status: String
    public var since: String?
    public var severity: Severity
    public var scope: RuleScope
    public var effectiveFrom: CivilDate?
    public var effectiveTo: CivilDate?
    /// The jurisdiction codes the rule is written for (`jurisdictions:`); nil when it is for
    /// every venue the profile covers. A code covers itself and the codes below it (`GB`
    /// covers `GB-ENG`).
    public var jurisdictions: [String]?
    public var appliesIf: CompiledCondition?
    /// Named evidence, evaluated in order.
    public var evidence: [(name: String, condition: CompiledCondition)]
    public var require: CompiledCondition
    public var title: LocalizedText
    /// What the rule expects, as a sentence for people (`expects:`), with `{params.x}`
    /// placeholders; nil only in packs that `policies lint` would reject.
    public var expects: LocalizedText?
    public var rationale: LocalizedText
    public var message: LocalizedText
    public var remediation: LocalizedText
    public var citations: [Citation]
    public var examples: [RuleExample]
    public var isPractice: Bool
    /// Where the rule is defined (its `id:` line).
    public var location: FileLocation

    /// Whether the rule is in force on `date`.
    public func isInForce(on date: CivilDate) -> Bool {
        if let from = effectiveFrom, date < from { return false }
        if let to = effectiveTo, date > to { return false }
        return true
    }

    /// Whether a venue in `jurisdiction` is in the rule's scope; always true for a rule without
    /// `jurisdictions`. `enclosing` is `Jurisdiction.enclosing(jurisdiction)`, worked out once
    /// per venue by callers that ask for many rules.
    public func isInScope(jurisdiction enclosing: Set<String>) -> Bool {
        guard let jurisdictions else { return true }
        return jurisdictions.contains(where: enclosing.contains)
    }
}

/// One example of a rule: a venue fragment and the result it must give. Examples are the
/// rule's tests.
public struct RuleExample: Sendable {
    /// What an example must give.
    public enum Expectation: Sendable, Hashable {
        /// The rule's first finding has this state (`pass fail unknown not_applicable`).
        case state(FindingState)
        /// The rule gives no finding at all: the venue's jurisdiction is outside the rule's
        /// `jurisdictions` (`expect: out_of_scope`).
        case outOfScope

        /// As written after `expect:`.
        public var name: String {
            switch self {
            case .state(let state): state.rawValue
            case .outOfScope: "out_of_scope"
            }
        }
    }

    public var name: String
    public var expected: Expectation
    /// The expected state of the finding; nil for an `out_of_scope` example, which expects none.
    public var state: FindingState? {
        if case .state(let state) = expected { return state }
        return nil
    }
    /// The path of the node the finding must point at.
    public var at: String?
    /// The YAML fragment merged into the minimal venue.
    public var given: String
    /// The line of the fragment's first line in the pack file.
    public var givenLine: Int
    public var asOf: CivilDate?
    /// Pack parameter overrides for this example.
    public var params: [String: Fact]
    /// False for test-only examples that docs leave out.
    public var documented: Bool
    public var location: FileLocation
}

/// A pack parameter and its default.
public struct PackParameter: Sendable {
    public var name: String
    public var defaultValue: Fact
    public var doc: String
}

/// A rule pack: rules for one instrument or one family of practice.
public struct Pack: Sendable {
    public var id: String
    public var version: String
    public var kind: String
    public var title: LocalizedText
    public var params: [PackParameter]
    public var rules: [Rule]
    public var file: String
}

/// A profile: which packs and rules run for a jurisdiction, with tailored parameters and
/// severities.
public struct Profile: Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var packs: [String]
    /// `pack.param` to value.
    public var params: [String: Fact]
    public var severity: [String: Severity]
    public var skip: Set<String>
    public var file: String

    public init(
        id: String, version: String, title: LocalizedText, packs: [String], params: [String: Fact] = [:],
        severity: [String: Severity] = [:], skip: Set<String> = [], file: String = ""
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.packs = packs
        self.params = params
        self.severity = severity
        self.skip = skip
        self.file = file
    }
}
