import AuditBasics
import AuditResults
import Conditions
import PolicyCatalog
import VenueModel

/// The evaluation of one venue: the bindings every rule shares, built once, and the
/// per-target steps of `docs/policy-format.md`.
///
/// One run holds one set of bindings and rebinds `target`, `params` and `evidence` in place for
/// each finding, so evaluating a rule does not copy the venue's bindings.
struct VenueRun {
    let venue: VenueDescription
    let asOf: CivilDate
    private let asOfText: String
    /// `assessment.date`, read once per venue rather than by path for every rule.
    private let assessmentDate: CivilDate?
    private var bindings: Bindings
    private let targetSlot, paramsSlot, evidenceSlot, judgedOnSlot: Bindings.Slot
    /// The targets of each list scope, with their ids, worked out once per venue (a short list
    /// searched in order: a dictionary would hash the scope's name for every rule).
    private var targets: [(scope: RuleScope, targets: Targets)] = []
    /// The venue's jurisdiction code and every code above it (`AU-NSW-SYD`, `AU-NSW`, `AU`; `FR`,
    /// `EU`), read once per venue for rules with `jurisdictions`; nil when the code is not recorded.
    private let jurisdictions: Set<String>?
    /// Where an unknown finding about a missing jurisdiction points: the nearest recorded parent.
    private let jurisdictionParent: FileLocation?
    /// The evidence of the rule being evaluated, as computed, for filling its failure message
    /// with vocabulary values in words.
    private var evidenceOutcomes: [(name: String, outcome: Outcome)] = []

    enum Targets {
        /// The scope's list is absent from the description.
        case absent
        /// The list is present and empty; the fact is the list itself.
        case empty(Fact)
        case items([(id: String, fact: Fact, dates: ConductDates)])
    }

    init(venue: VenueDescription, asOf: CivilDate, taxonomy: Taxonomy) {
        self.venue = venue
        self.asOf = asOf
        asOfText = asOf.description
        assessmentDate = venue.assessmentDate
        var b = Bindings()
        for name in ["venue", "assessment", "collection_points", "digital_systems", "incidents", "observations", "waivers"] {
            b[name] = venue.facts[name]
        }
        b["as_of"] = Fact(.date(asOf))
        b["judged_on"] = Fact(.date(asOf))
        // Bound now so that later rebinding replaces in place.
        b["target"] = Fact(.null)
        b["params"] = Fact(.null)
        b.bind("evidence", fieldList: [])
        bindings = b
        if let code = venue.text("venue.jurisdiction"), !code.isEmpty {
            jurisdictions = Set(taxonomy.containing(code))
        } else {
            jurisdictions = nil
        }
        jurisdictionParent = venue.facts["venue"]?.location ?? venue.facts.location
        targetSlot = b.slot("target")!
        paramsSlot = b.slot("params")!
        evidenceSlot = b.slot("evidence")!
        judgedOnSlot = b.slot("judged_on")!
        for scope in RuleScope.allCases where scope != .venue {
            let key = scope.rawValue
            guard let list = venue.facts[key] else {
                targets.append((scope, .absent))
                continue
            }
            let items = list.list ?? []
            let found: Targets =
                items.isEmpty
                ? .empty(list)
                : .items(
                    items.enumerated().map { i, item in
                        (item["id"]?.string ?? "\(key)[\(i)]", item, ConductDates(scope: scope, target: item))
                    })
            targets.append((scope, found))
        }
    }

    /// Appends one finding per target of the rule's scope (or one for the scope when it has none);
    /// none when the venue lies outside the rule's `jurisdictions`.
    mutating func evaluate(_ prepared: AuditEngine.PreparedRule, into findings: inout [Finding]) {
        let rule = prepared.rule
        // Another jurisdiction's rule is not part of this venue's audit, as if its pack were not
        // in the profile: no finding at all.
        if let jurisdictions, !rule.isInScope(jurisdiction: jurisdictions) { return }
        // Incidents and practices are judged by the law in force at their own dates (checked per
        // target); here a rule is left out only when it started after the as-of date, so that
        // nothing it could govern had happened yet. Everything else is the state of affairs seen
        // on the as-of date and is judged by the law in force on that day.
        let datedPerTarget = rule.scope == .incidents || rule.scope == .collectionPoints
        let onAsOf =
            datedPerTarget ? (rule.mayBeInForce(onOrBefore: asOf) ? .yes : .no) : rule.inForce(onOneDayOf: asOf.dayNumber, asOf.dayNumber)
        switch onAsOf {
        case .yes: break
        case .no:
            let words = prepared.notInForce
            let message = LocalizedText(en: words.en.0 + asOfText + words.en.1, zh: words.zh.0 + asOfText + words.zh.1)
            findings.append(finding(prepared, state: .notApplicable, targetID: nil, location: rule.location, message: message))
            return
        case .unknown:
            let period = rule.periodInForce
            findings.append(
                finding(
                    prepared, state: .unknown, targetID: nil, location: rule.location,
                    message: LocalizedText(
                        en: "cannot tell whether the rule was in force on \(asOfText): its source dates it only as in force \(period.en)",
                        zh: "无法判断此规则在 \(asOfText) 是否已施行：其来源只说明施行期间为\(period.zh)")))
            return
        }
        // What the rule's requirement is judged on (`judged_on`): the assessment date, or the
        // last day the rule was in force when it ended before (a retention limit written for a
        // regime that has ended counts days to that regime's last day).
        var judgedOn = assessmentDate ?? asOf
        if let to = rule.effectiveTo, to < judgedOn { judgedOn = to }
        bindings.set(judgedOnSlot, to: Fact(.date(judgedOn)))
        // In force, but whether the venue is in the rule's jurisdictions cannot be told.
        if let codes = rule.jurisdictions, jurisdictions == nil {
            let list = codes.joined(separator: ", ")
            findings.append(
                finding(
                    prepared, state: .unknown, targetID: nil, location: jurisdictionParent,
                    message: LocalizedText(
                        en: "cannot tell whether the rule applies: venue.jurisdiction is not recorded (the rule is for \(list))",
                        zh: "无法判断是否适用：未记录 venue.jurisdiction（此规则适用于 \(list)）")))
            return
        }
        let scopeKey = rule.scope.rawValue
        if rule.scope == .venue {
            guard let v = venue.facts["venue"] else { return }
            findings.append(evaluate(prepared, target: v, targetID: nil, dates: ConductDates(scope: .venue, target: v)))
            return
        }
        switch targets.first(where: { $0.scope == rule.scope })?.targets ?? .absent {
        case .absent:
            if rule.scope == .collectionPoints || rule.scope == .incidents {
                findings.append(
                    finding(
                        prepared, state: .unknown, targetID: nil, location: venue.facts.location,
                        message: LocalizedText(
                            en: (FieldLabels.label(scopeKey)?.en ?? scopeKey) + " are not recorded, so this cannot be checked",
                            zh: "未记录" + (FieldLabels.label(scopeKey)?.zh ?? scopeKey) + "，无法检查此项")))
            } else {
                findings.append(
                    finding(prepared, state: .notApplicable, targetID: nil, location: venue.facts.location, message: noItems(scopeKey)))
            }
        case .empty(let list):
            findings.append(finding(prepared, state: .notApplicable, targetID: nil, location: list.location, message: noItems(scopeKey)))
        case .items(let items):
            for item in items { findings.append(evaluate(prepared, target: item.fact, targetID: item.id, dates: item.dates)) }
        }
    }

    private mutating func evaluate(
        _ prepared: AuditEngine.PreparedRule, target: Fact, targetID: String?, dates: ConductDates
    ) -> Finding {
        let rule = prepared.rule
        bindings.set(targetSlot, to: target)
        bindings.set(paramsSlot, to: prepared.params)
        // Applicability is decided before evidence is gathered (docs/policy-format.md), so a
        // rule that does not apply here costs one condition and reports no evidence; only an
        // `applies_if` that itself reads evidence needs it first.
        let evidenceFirst = prepared.evidenceFirst
        var items: [EvidenceItem] = []
        let conduct = conductWindow(rule, dates)
        let narrowed = prepared.citationDays.flatMap { Self.citationsInForce(prepared.facts.citations, $0, during: conduct.span) }
        if evidenceFirst {
            items = gatherEvidence(rule)
        } else {
            bindings.set(evidenceSlot, fieldList: [])
        }

        func make(_ state: FindingState, _ location: FileLocation?, _ message: LocalizedText) -> Finding {
            var f = finding(prepared, state: state, targetID: targetID, location: location ?? target.location, message: message)
            f.citationsInForce = narrowed
            f.evidence = items
            f.expected = prepared.expected
            f.expects = prepared.expects
            return f
        }

        // Whether the rule governs this target at all (docs/policy-format.md, steps 4 to 7): not
        // in force at the conduct's date; kept for other purposes; `applies_if` false. Only then
        // does a date that cannot be told make the finding unknown, so a rule that could never
        // apply to this kind of target says so whatever the date.
        if conduct.inForce == .no { return make(.notApplicable, conduct.location, conduct.notInForce(rule, asOf: asOfText)) }
        if let purposes = rule.purposes {
            let recorded = target["purpose"]
            if let list = recorded?.list {
                let stated = list.compactMap(\.string)
                if !stated.contains(where: purposes.contains) {
                    let names = purposes.joined(separator: ", ")
                    let seen = stated.isEmpty ? "none" : stated.joined(separator: ", ")
                    return make(
                        .notApplicable, recorded?.location,
                        LocalizedText(
                            en: "does not apply here: the rule is for records kept for \(names), and these are kept for \(seen)",
                            zh: "此处不适用：此规则针对为 \(names) 保存的记录，而此处记录的目的是 \(seen)"))
                }
            } else {
                return make(
                    .unknown, target.location,
                    LocalizedText(
                        en:
                            "cannot tell whether the rule applies: the purpose of the records is not recorded (the rule is for records kept for \(purposes.joined(separator: ", ")))",
                        zh: "无法判断是否适用：未记录收集目的（此规则针对为 \(purposes.joined(separator: ", ")) 保存的记录）"))
            }
        }
        if let applies = rule.appliesIf {
            switch applies.evaluate(reusing: &bindings) {
            case .value(let fact):
                if case .bool(false) = fact.value {
                    return make(.notApplicable, fact.location, LocalizedText(en: "does not apply here", zh: "此处不适用"))
                }
            case .unknown(let u):
                return make(
                    .unknown, u.location,
                    notRecorded(
                        u, targetPath: Self.targetPath(rule, targetID), what: "whether the rule applies", scope: rule.scope,
                        targetID: targetID))
            case .error(let message, let location):
                return make(.error, location, LocalizedText(message))
            }
        }
        if conduct.inForce == .unknown { return make(.unknown, conduct.location, conduct.cannotTell(rule)) }
        if !evidenceFirst { items = gatherEvidence(rule) }
        switch rule.require.evaluate(reusing: &bindings) {
        case .value(let fact):
            guard case .bool(let ok) = fact.value else {
                return make(.error, fact.location, LocalizedText("the requirement gave \(fact.value.kindName), not true or false"))
            }
            // A pass says what was found to hold (the rule's expectation), never the rule's
            // title, which names the problem ("Register photographed").
            if ok { return make(.pass, fact.location, prepared.expects ?? LocalizedText(en: "requirement met", zh: "符合要求")) }
            let outcomes = evidenceOutcomes
            func shown(_ language: Language) -> (String) -> String? {
                { name in
                    guard let outcome = outcomes.first(where: { $0.name == name })?.outcome else { return nil }
                    if case .value(let fact) = outcome { return fact.displayText(in: language) }
                    return items.first { $0.name == name }?.value
                }
            }
            let message = LocalizedText(
                en: prepared.failure.en.fill(targetID: targetID, evidence: shown(.en)),
                zh: prepared.failure.zh.fill(targetID: targetID, evidence: shown(.zh)))
            return make(.fail, fact.location, message)
        case .unknown(let u):
            return make(
                .unknown, u.location,
                notRecorded(u, targetPath: Self.targetPath(rule, targetID), what: nil, scope: rule.scope, targetID: targetID))
        case .error(let message, let location):
            return make(.error, location, LocalizedText(message))
        }
    }

    /// Evaluates the rule's evidence in order (each may read the ones before it) and leaves
    /// all of it bound to `evidence` for the requirement; returns it as shown in reports.
    private mutating func gatherEvidence(_ rule: Rule) -> [EvidenceItem] {
        var evidence: [(name: String, outcome: Outcome)] = []
        var items: [EvidenceItem] = []
        if !rule.evidence.isEmpty {
            evidence.reserveCapacity(rule.evidence.count)
            items.reserveCapacity(rule.evidence.count)
            for (name, condition) in rule.evidence {
                bindings.set(evidenceSlot, fieldList: evidence)
                let outcome = condition.evaluate(reusing: &bindings)
                // Unbound first, so the list is not shared and the append does not copy it.
                bindings.set(evidenceSlot, fieldList: [])
                evidence.append((name, outcome))
                items.append(EvidenceItem(name: name, value: display(outcome), location: outcome.location))
            }
        }
        bindings.set(evidenceSlot, fieldList: evidence)
        evidenceOutcomes = evidence
        return items
    }

    private func finding(
        _ prepared: AuditEngine.PreparedRule, state: FindingState, targetID: String?, location: FileLocation?,
        message: LocalizedText
    ) -> Finding {
        Finding(rule: prepared.facts, state: state, targetID: targetID, location: location, message: message)
    }

    /// When the conduct a target records happened, and whether the rule was in force then.
    struct ConductWindow {
        var inForce: InForce
        /// The first and last day the conduct may have taken place (Int.min: no bound).
        var span: (Int, Int)
        var location: FileLocation?
        /// What the dates were, for the messages; those are built only for the finding that
        /// needs one (most targets are in force).
        var conduct: Conduct

        enum Conduct {
            case incident(CivilDate)
            case undatedIncident
            case practice(since: CivilDate?, until: CivilDate?)
            case onAsOf
        }

        func notInForce(_ rule: Rule, asOf asOfText: String) -> LocalizedText {
            let period = rule.periodInForce
            switch conduct {
            case .incident(let when):
                return LocalizedText(
                    en: "not in force on \(when), when this incident happened (in force \(period.en))",
                    zh: "事件发生于 \(when)，不在此规则的施行期间内（\(period.zh)）")
            case .undatedIncident:
                return LocalizedText(en: "not in force before \(asOfText)", zh: "\(asOfText) 之前此规则未施行")
            case .practice(let since, let until):
                let spanText = "\(since?.description ?? "?") – \(until?.description ?? asOfText)"
                return LocalizedText(
                    en: "not in force while this practice ran (\(spanText); the rule was in force \(period.en))",
                    zh: "此做法存续期间（\(spanText)）此规则未施行（施行期间为\(period.zh)）")
            case .onAsOf:
                return LocalizedText("")
            }
        }

        func cannotTell(_ rule: Rule) -> LocalizedText {
            let period = rule.periodInForce
            switch conduct {
            case .incident(let when):
                return LocalizedText(
                    en:
                        "cannot tell whether the rule applies: the incident's date gives the month only (\(when)), and the rule was in force \(period.en)",
                    zh: "无法判断是否适用：事件日期只记录到月份（\(when)），而此规则的施行期间为\(period.zh)")
            case .undatedIncident:
                return LocalizedText(
                    en: "cannot tell whether the rule applies: the incident's date is not recorded, and the rule was in force \(period.en)",
                    zh: "无法判断是否适用：未记录事件日期，而此规则的施行期间为\(period.zh)")
            case .practice:
                return LocalizedText(
                    en:
                        "cannot tell whether the rule applies: the practice may have run while the rule was in force (\(period.en)), but when it began (since) is not recorded",
                    zh: "无法判断是否适用：此做法可能在此规则施行期间（\(period.zh)）已存在，但未记录其开始日期（since）")
            case .onAsOf:
                return LocalizedText("")
            }
        }
    }

    /// An incident is judged by the law in force on its `date`; a collection point's practice
    /// by the law in force on any day from its `since` (or, when that is not recorded, at least
    /// from the date of its oldest record) to its `until` or the as-of date; anything else by the
    /// law in force on the as-of date (docs/policy-format.md, "Dates of conduct").
    private func conductWindow(_ rule: Rule, _ dates: ConductDates) -> ConductWindow {
        let day = asOf.dayNumber
        func range(_ date: CivilDate) -> (Int, Int) {
            date.dayKnown
                ? (date.dayNumber, date.dayNumber)
                : (date.dayNumber, date.dayNumber + CivilDate.daysIn(month: date.month, year: date.year) - 1)
        }
        switch rule.scope {
        case .incidents:
            if let when = dates.date {
                let (lo, hi) = range(when)
                return ConductWindow(
                    inForce: rule.inForce(onOneDayOf: lo, hi), span: (lo, hi), location: dates.location, conduct: .incident(when))
            }
            return ConductWindow(
                inForce: rule.inForce(onOneDayOf: Int.min, day), span: (Int.min, day), location: dates.location,
                conduct: .undatedIncident)
        case .collectionPoints:
            let since = dates.since
            let until = dates.until
            let endCovered = until.map { range($0).0 } ?? day
            let end = until.map { range($0).1 } ?? day
            var covered = endCovered
            if let since { covered = min(covered, range(since).1) }
            if let oldest = dates.oldest { covered = min(covered, range(oldest).1) }
            let earliest = since.map { range($0).0 }
            return ConductWindow(
                inForce: rule.inForce(practiceFrom: earliest, coveredFrom: covered, coveredTo: endCovered, end: end),
                span: (earliest ?? Int.min, end), location: dates.location, conduct: .practice(since: since, until: until))
        default:
            return ConductWindow(inForce: .yes, span: (day, day), location: nil, conduct: .onAsOf)
        }
    }

    /// The dates a target records about its conduct, read once per venue rather than for every
    /// rule of the target's scope.
    struct ConductDates {
        /// An incident's `date`.
        var date: CivilDate?
        /// A collection point's `since`, `until` and `retention.oldest_record_date`.
        var since, until, oldest: CivilDate?
        /// Where a finding about the dates points: the incident's date (else the incident); the
        /// point's `since`, else its `until`, else the point.
        var location: FileLocation?

        init(scope: RuleScope, target: Fact) {
            switch scope {
            case .incidents:
                let fact = target["date"]
                date = Self.date(fact)
                location = date == nil ? target.location : fact?.location
            case .collectionPoints:
                let sinceFact = target["since"]
                let untilFact = target["until"]
                since = Self.date(sinceFact)
                until = Self.date(untilFact)
                oldest = Self.date(target["retention"]?["oldest_record_date"])
                location = sinceFact?.location ?? untilFact?.location ?? target.location
            default:
                break
            }
        }

        private static func date(_ fact: Fact?) -> CivilDate? {
            if case .date(let d)? = fact?.value { return d }
            return nil
        }
    }

    /// The citations whose instrument was in force on some day of `span` (`days`: each one's
    /// first and last day); nil when that is all of them (or none, which would leave a finding
    /// without a source: all are kept then). Counted first, since most findings keep them all.
    static func citationsInForce(_ citations: [Citation], _ days: [(from: Int, to: Int)], during span: (Int, Int)) -> [Citation]? {
        var kept = 0
        for d in days where d.from <= span.1 && d.to >= span.0 { kept += 1 }
        if kept == citations.count || kept == 0 { return nil }
        var result: [Citation] = []
        result.reserveCapacity(kept)
        for (i, d) in days.enumerated() where d.from <= span.1 && d.to >= span.0 { result.append(citations[i]) }
        return result
    }

    /// `collection_points[book]`, or `venue` for venue-wide rules. Items without an id are
    /// named by position already (`incidents[0]`) and are not wrapped again.
    static func targetPath(_ rule: Rule, _ targetID: String?) -> String {
        guard let targetID, rule.scope != .venue else { return "venue" }
        if targetID.hasPrefix(rule.scope.rawValue + "[") { return targetID }
        return rule.scope.rawValue + "[" + targetID + "]"
    }

    private func noItems(_ scope: String) -> LocalizedText {
        LocalizedText(en: "no \(scope) recorded for this venue", zh: "该场所没有记录 \(scope)")
    }

    /// "for collection point book, the date of the oldest record on site is not recorded": the
    /// missing field in words when `FieldLabels` has them, else by its path
    /// ("collection_points[book].retention.oldest_record_date is not recorded").
    private func notRecorded(
        _ u: Unknown, targetPath: String, what: String?, scope: RuleScope, targetID: String?
    ) -> LocalizedText {
        let field = u.path.hasPrefix("target.") ? String(u.path.dropFirst("target.".count)) : u.path
        if let label = FieldLabels.label(field), u.path != "target" {
            let isTargetField = u.path.hasPrefix("target.") && scope != .venue
            let forTarget = isTargetField ? "for \(FieldLabels.target(scope: scope.rawValue, id: targetID, language: .en)), " : ""
            let zhTarget = isTargetField ? FieldLabels.target(scope: scope.rawValue, id: targetID, language: .zh) + " " : ""
            let prefix = what.map { "cannot tell \($0): " } ?? ""
            let zhPrefix = what == nil ? "" : "无法判断是否适用："
            if u.onlyMonthKnown {
                return LocalizedText(
                    en: "\(prefix)\(forTarget)\(label.en) gives the month only, and this needs the day",
                    zh: "\(zhPrefix)\(zhTarget)\(label.zh)只记录到月份，此项需要具体日期")
            }
            return LocalizedText(en: "\(prefix)\(forTarget)\(label.en) is not recorded", zh: "\(zhPrefix)\(zhTarget)未记录\(label.zh)")
        }
        var path = u.path
        if path.hasPrefix("target.") { path = targetPath + path.dropFirst("target".count) }
        if path == "target" { path = targetPath }
        let prefix = what.map { "cannot tell \($0): " } ?? ""
        if u.onlyMonthKnown {
            return LocalizedText(
                en: "\(prefix)\(path) gives the month only, and this needs the day",
                zh: "\(what == nil ? "" : "无法判断是否适用：")\(path) 只记录到月份，此项需要具体日期")
        }
        return LocalizedText(
            en: "\(prefix)\(path) is not recorded",
            zh: "\(what == nil ? "" : "无法判断是否适用：")未记录 \(path)")
    }

    private func display(_ outcome: Outcome) -> String {
        switch outcome {
        case .value(let fact): fact.displayText
        case .unknown: "unknown"
        case .error(let message, _): "error: \(message)"
        }
    }
}
