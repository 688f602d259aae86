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
    /// The day by which the rule was surely in force (`effective_from_by`), when its source
    /// gives the start only to the year or month: a conduct between `effectiveFrom` and this day
    /// is `unknown`. Nil when the start is exact.
    public var effectiveFromBy: CivilDate?
    /// The last day the rule was in force; nil while it still is (or its end is not confirmed).
    public var effectiveTo: CivilDate?
    /// The purposes whose records the rule is about (`purposes:`); nil for any purpose. Only for
    /// the scope `collection_points`, whose `purpose` lists are compared with it.
    public var purposes: [String]?
    /// The legal force of what the rule encodes (the pack's `force:` unless the rule sets it).
    public var force: Force = .statute
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

    /// Whether the rule is surely in force on `date` (a full date).
    public func isInForce(on date: CivilDate) -> Bool {
        inForce(onOneDayOf: date.dayNumber, date.dayNumber) == .yes
    }

    /// Whether the rule may have been in force on some day up to `date`: false only when it
    /// starts after it.
    public func mayBeInForce(onOrBefore date: CivilDate) -> Bool {
        guard let from = effectiveFrom else { return true }
        return from <= date
    }

    private var possibleFrom: Int { effectiveFrom?.dayNumber ?? Int.min }
    private var certainFrom: Int { (effectiveFromBy ?? effectiveFrom)?.dayNumber ?? Int.min }
    private var lastDay: Int { effectiveTo?.dayNumber ?? Int.max }

    /// Conduct on one day between the day numbers `lo` and `hi` (a day, the days of a month, or
    /// any day up to the assessment for an undated incident): in force if every such day lies in
    /// the period in force, not if none does, else unknown.
    public func inForce(onOneDayOf lo: Int, _ hi: Int) -> InForce {
        if lo >= certainFrom && hi <= lastDay { return .yes }
        if hi < possibleFrom || lo > lastDay { return .no }
        return .unknown
    }

    /// A practice that ran from some day no earlier than `earliestStart` (nil: no bound) to the
    /// day `end`, surely running on every day from `coveredFrom` to `coveredTo`: the rule
    /// governs it if it was in force on any day of the practice. In force if the surely covered
    /// days meet the period in force, not if no possible day does, else unknown.
    public func inForce(practiceFrom earliestStart: Int?, coveredFrom: Int, coveredTo: Int, end: Int) -> InForce {
        if coveredFrom <= coveredTo && coveredFrom <= lastDay && coveredTo >= certainFrom { return .yes }
        if end < possibleFrom || (earliestStart ?? Int.min) > lastDay { return .no }
        return .unknown
    }

    /// The period in force in words: "from 2021-11-01", "2020-09-18 to 2021-07-18", "from a day
    /// between 2020-01-01 and 2020-12-31".
    public var periodInForce: LocalizedText {
        let start: LocalizedText
        if let by = effectiveFromBy, let from = effectiveFrom {
            start = LocalizedText(en: "a day between \(from) and \(by)", zh: "\(from) 至 \(by) 之间的某日")
        } else {
            start = LocalizedText(en: effectiveFrom?.description ?? "the start", zh: effectiveFrom?.description ?? "起始")
        }
        guard let to = effectiveTo else { return LocalizedText(en: "from \(start.en)", zh: "自\(start.zh)起") }
        return LocalizedText(en: "\(start.en) to \(to)", zh: "\(start.zh)至 \(to)")
    }
}

/// Whether a rule governs a piece of conduct, judged by the conduct's own date.
public enum InForce: Sendable, Hashable {
    case yes, no, unknown
}

extension Rule {

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
