import AuditBasics
import AuditResults
import Conditions
import Foundation
import PolicyCatalog
import VenueModel

/// Evaluates venues against a catalogue: (venue, catalogue, profile, as-of date) to an
/// `AuditResult`. Never formats reports and never reads files; the result is pure data.
///
/// An engine is made once per run and shared by every venue (it is Sendable): rule selection,
/// parameters and profile lookups are settled up front, so auditing a venue only evaluates.
public struct AuditEngine: Sendable {
    public let catalog: Catalog
    public let options: AuditOptions

    /// Per profile, the selected and tailored rules with their parameters and expected-value
    /// text, worked out the first time a venue of that profile is audited and kept for the
    /// engine's life: an inspector's single file needs one profile's rules, not all eighteen
    /// (preparing every profile was a third of the start-up).
    private let preparedRules = PreparedRules()
    /// Every rule id in the catalogue, for telling orphan waivers apart.
    private let ruleIDs: Set<String>

    public init(catalog: Catalog, options: AuditOptions) {
        self.catalog = catalog
        self.options = options
        ruleIDs = Set(catalog.rules.map(\.id))
    }

    /// The rules of `profileID` ready to run, prepared now if no venue of it came before; nil
    /// for an unknown profile.
    func prepared(_ profileID: String) -> [PreparedRule]? {
        guard let profile = catalog.profiles[profileID] else { return nil }
        return prepared(profile)
    }

    private func prepared(_ profile: Profile) -> [PreparedRule] {
        // Profiles mostly run the same rules with the same parameters; a rule prepared for one
        // is reused by the others.
        preparedRules.withLock { state in
            if let rules = state.byProfile[profile.id] { return rules }
            let rules = prepare(profile, reusing: &state.made)
            state.byProfile[profile.id] = rules
            return rules
        }
    }

    /// The prepared rules of the profiles used so far, shared by the threads auditing with one
    /// engine. Behind NSLock rather than Synchronization's Mutex, which ThreadSanitizer cannot
    /// see (see `LockedState` in the command line's parallel map).
    final class PreparedRules: @unchecked Sendable {
        struct State {
            var byProfile: [String: [PreparedRule]] = [:]
            /// Every rule prepared so far, by rule, severity and exact parameters.
            var made: [String: PreparedRule] = [:]
        }
        private let lock = NSLock()
        private var state = State()

        func withLock<R>(_ body: (inout State) -> R) -> R {
            lock.lock()
            defer { lock.unlock() }
            return body(&state)
        }
    }

    /// A rule ready to run under one profile; a class, so the loop over a profile's rules
    /// passes one reference per rule rather than copying every field.
    final class PreparedRule: Sendable {
        let rule: Rule
        /// What every finding of the rule repeats, shared.
        let facts: RuleFacts
        let params: Fact
        let expected: LocalizedText
        /// The rule's `expects:` sentence with parameters filled in; nil when the rule has none.
        let expects: LocalizedText?
        /// The failure message with parameters filled in; evidence and target id are left.
        let failure: (en: MessageTemplate, zh: MessageTemplate)
        /// The words around the as-of date in the "not in force" message.
        let notInForce: (en: (String, String), zh: (String, String))
        /// Whether `applies_if` reads `evidence`, so that evidence is gathered before it.
        let evidenceFirst: Bool
        /// Each citation's first and last day in force as day numbers (Int.min / Int.max: no
        /// bound); nil when no citation is dated, so every finding cites them all.
        let citationDays: [(from: Int, to: Int)]?

        init(
            rule: Rule, facts: RuleFacts, params: Fact, expected: LocalizedText, expects: LocalizedText?,
            failure: (en: MessageTemplate, zh: MessageTemplate), notInForce: (en: (String, String), zh: (String, String))
        ) {
            self.rule = rule
            self.facts = facts
            self.params = params
            self.expected = expected
            self.expects = expects
            self.failure = failure
            self.notInForce = notInForce
            evidenceFirst = rule.appliesIf?.variables.contains("evidence") == true
            let citations = facts.citations
            citationDays =
                citations.contains { $0.effectiveFrom != nil || $0.effectiveTo != nil }
                ? citations.map { ($0.effectiveFrom?.dayNumber ?? Int.min, $0.effectiveTo?.dayNumber ?? Int.max) } : nil
        }
    }

    private func prepare(_ profile: Profile, reusing made: inout [String: PreparedRule]) -> [PreparedRule] {
        var params: [String: Fact] = [:]
        for pack in catalog.packs { params[pack.id] = parameters(of: pack, profile: profile) }
        return rules(for: profile).map { rule in
            let p = params[rule.packID] ?? Fact(.map([]))
            let key = rule.id + "\u{0}" + rule.severity.rawValue + "\u{0}" + Self.exactKey(p)
            if let done = made[key] { return done }
            let prepared = Self.prepare(rule, params: p)
            made[key] = prepared
            return prepared
        }
    }

    /// A text that differs whenever two parameter values differ (kinds and lengths spelled out).
    static func exactKey(_ fact: Fact) -> String {
        switch fact.value {
        case .null: "n;"
        case .bool(let b): b ? "T;" : "F;"
        case .int(let i): "i\(i);"
        case .double(let d): "d\(d.bitPattern);"
        case .string(let s): "s\(s.utf8.count):" + s
        case .date(let d): "t\(d);"
        case .list(let items): "l\(items.count)[" + items.map(exactKey).joined() + "]"
        case .map(let entries): "m\(entries.count){" + entries.map { "\($0.key.utf8.count):" + $0.key + exactKey($0.value) }.joined() + "}"
        }
    }

    private static func prepare(_ rule: Rule, params p: Fact) -> PreparedRule {
        let failure = (
            en: MessageTemplate(rule.message.en, params: p, language: .en),
            zh: MessageTemplate(rule.message.zh, params: p, language: .zh)
        )
        let from = rule.effectiveFrom.map { $0.description } ?? "-"
        let to = rule.effectiveTo.map { $0.description } ?? "-"
        return PreparedRule(
            rule: rule,
            facts: RuleFacts(
                ruleID: rule.id, packID: rule.packID, title: rule.title, severity: rule.severity,
                scope: rule.scope.rawValue, citations: rule.citations, remediation: rule.remediation,
                isPractice: rule.isPractice, force: rule.force),
            params: p, expected: Self.expectedText(rule, params: p),
            expects: rule.expects.map { text in
                LocalizedText(
                    en: MessageTemplate(text.en, params: p, language: .en).fill(targetID: nil) { _ in nil },
                    zh: MessageTemplate(text.zh, params: p, language: .zh).fill(targetID: nil) { _ in nil })
            },
            failure: failure,
            notInForce: (
                en: ("not in force on ", " (in force \(from) to \(to))"),
                zh: ("", " 时尚未生效或已失效（有效期 \(from) 至 \(to)）")
            ))
    }

    /// The requirement as written, with parameter values filled in: what the rule expects.
    static func expectedText(_ rule: Rule, params: Fact) -> LocalizedText {
        var text = rule.require.source
        if case .map(let entries) = params.value {
            for e in entries.sorted(by: { $0.key.count > $1.key.count }) {
                text = text.replacingOccurrences(of: "params.\(e.key)", with: e.value.displayText)
            }
        }
        text = text.replacingOccurrences(of: "evidence.", with: "")
        return LocalizedText(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
    }

    /// Why a venue could not be audited at all.
    public struct Refusal: Error, Sendable {
        public var diagnostic: Diagnostic
    }

    /// The profile a venue is audited under.
    public func profile(for venue: VenueDescription) throws(Refusal) -> Profile {
        if let id = options.profileID {
            guard let profile = catalog.profiles[id] else {
                throw Refusal(
                    diagnostic: .error(
                        "no-profile", "no profile '\(id)'; known: \(catalog.profiles.keys.sorted().joined(separator: ", "))", at: nil))
            }
            return profile
        }
        guard let code = venue.text("venue.jurisdiction") else {
            throw Refusal(
                diagnostic: .error(
                    "no-profile", "venue.jurisdiction is not recorded, so no profile can be chosen; add it or pass --profile",
                    at: venue.facts["venue"]?.location ?? venue.location))
        }
        guard let profile = catalog.profile(forJurisdiction: code) else {
            var problem = catalog.jurisdictionDiagnostic(code, at: venue.facts.resolve(path: "venue.jurisdiction")?.location)
            problem.notes.append("or pass --profile ID")
            throw Refusal(diagnostic: problem)
        }
        return profile
    }

    /// The rules a profile runs after `--rule`, `--skip-rule` and `--reference`.
    public func rules(for profile: Profile) -> [Rule] {
        var selected: [Rule] = []
        for packID in profile.packs {
            guard let pack = catalog.pack(packID) else { continue }
            for var rule in pack.rules where !profile.skip.contains(rule.id) && !options.skipRules.contains(rule.id) {
                if !options.onlyRules.isEmpty && !options.onlyRules.contains(rule.id) { continue }
                if !options.references.isEmpty && !rule.citations.contains(where: matchesReference) { continue }
                if let tailored = profile.severity[rule.id] { rule.severity = tailored }
                selected.append(rule)
            }
        }
        return selected
    }

    private func matchesReference(_ citation: Citation) -> Bool {
        options.references.contains { wanted in
            let key = wanted.replacingOccurrences(of: ":", with: "#")
            return citation.key == key || citation.key.hasPrefix(key + "#")
        }
    }

    /// The parameters of a pack under a profile, as a map fact for `params`.
    func parameters(of pack: Pack, profile: Profile) -> Fact {
        let entries = pack.params.map { p -> FactEntry in
            let key = "\(pack.id).\(p.name)"
            let value = options.params[key] ?? profile.params[key] ?? p.defaultValue
            return FactEntry(key: p.name, value: value)
        }
        return Fact(.map(entries))
    }

    /// Audits one valid venue description.
    ///
    /// - Parameter source: the file's text, to quote the lines findings point at.
    public func audit(_ venue: VenueDescription, source: SourceText?, input: InputInfo) throws(Refusal) -> AuditResult {
        let profile = try profile(for: venue)
        var notes: [Diagnostic] = []
        let asOf: CivilDate
        if let date = options.asOf ?? venue.assessmentDate {
            asOf = date
        } else {
            throw Refusal(
                diagnostic: .error(
                    "no-date", "assessment.date is not recorded and no --as-of was given, so the law in force cannot be chosen",
                    at: venue.facts["assessment"]?.location ?? venue.location))
        }
        let rules = prepared(profile)
        var run = VenueRun(venue: venue, asOf: asOf, taxonomy: catalog.taxonomy)
        var findings: [Finding] = []
        findings.reserveCapacity(rules.count + rules.count / 2)
        for rule in rules { run.evaluate(rule, into: &findings) }
        guard findings.count <= options.maxFindings else {
            throw Refusal(
                diagnostic: .error(
                    "limit-findings", "the venue gives \(findings.count) findings; the limit is \(options.maxFindings) per report",
                    at: venue.location))
        }

        // An organisation-wide waiver is for the venue it names, never for every venue that
        // happens to have a target of the same id; its warnings appear only in that venue's report.
        let waivers = Waiver.list(from: venue.facts["waivers"]) + options.waivers.filter { $0.venue == venue.venueID }
        notes += WaiverMatcher.apply(waivers, to: &findings, asOf: asOf, knownRules: ruleIDs)

        if let source {
            for i in findings.indices {
                if let loc = findings[i].location, loc.file == source.path { findings[i].sourceLine = source.line(loc.line) }
            }
        }
        let packIDs = profile.packs.compactMap { catalog.pack($0) }.map { VersionedID(id: $0.id, version: $0.version) }
        var result = AuditResult(
            toolVersion: options.toolVersion, input: input, venue: Self.venueInfo(venue), assessment: Self.assessmentInfo(venue),
            profile: VersionedID(id: profile.id, version: profile.version), packs: packIDs, asOf: asOf,
            failThreshold: options.failOn, findings: consume findings, observations: Self.observations(venue),
            diagnostics: venue.diagnostics + notes)
        // Masked here, not by the callers, so no door (command line, service, a program using the
        // library) can hand on an ID number, phone or e-mail address from the input.
        result.maskPersonalData()
        return result
    }

    static func venueInfo(_ v: VenueDescription) -> VenueInfo {
        VenueInfo(
            id: v.venueID ?? "unknown", name: v.text("venue.name"), type: v.text("venue.type"),
            jurisdiction: v.text("venue.jurisdiction"), district: v.text("venue.district"),
            operatorName: v.text("venue.operator.name"))
    }

    static func assessmentInfo(_ v: VenueDescription) -> AssessmentInfo {
        AssessmentInfo(
            kind: v.text("assessment.kind"), date: v.assessmentDate, assessor: v.text("assessment.assessor.name"),
            organization: v.text("assessment.assessor.organization"))
    }

    static func observations(_ v: VenueDescription) -> [ObservationInfo] {
        (v.facts["observations"]?.list ?? []).map { o in
            ObservationInfo(
                at: o["at"]?.string, kind: o["kind"]?.string ?? "other", note: o["note"]?.string,
                evidence: (o["evidence"]?.list ?? []).compactMap(\.string), location: o.location)
        }
    }
}
