import AuditBasics
import AuditResults
import Conditions
import PolicyCatalog
import VenueModel

/// The evaluation of one venue: the bindings every rule shares, built once, and the
/// per-target steps of `docs/policy-format.md`.
struct VenueRun {
    let venue: VenueDescription
    let asOf: CivilDate
    private let base: Bindings

    init(venue: VenueDescription, asOf: CivilDate) {
        self.venue = venue
        self.asOf = asOf
        var b = Bindings()
        for name in ["venue", "assessment", "collection_points", "digital_systems", "incidents", "observations", "waivers"] {
            b[name] = venue.facts[name]
        }
        b["as_of"] = Fact(.date(asOf))
        base = b
    }

    /// One finding per target of the rule's scope (or one for the scope when it has none).
    func evaluate(_ prepared: AuditEngine.PreparedRule) -> [Finding] {
        let rule = prepared.rule
        guard rule.isInForce(on: asOf) else {
            return [finding(rule, state: .notApplicable, targetID: nil, location: rule.location, message: notInForce(rule))]
        }
        let scopeKey = rule.scope.rawValue
        let targets: [(id: String?, fact: Fact)]
        switch rule.scope {
        case .venue:
            guard let v = venue.facts["venue"] else { return [] }
            targets = [(nil, v)]
        default:
            guard let list = venue.facts[scopeKey] else {
                let unknownScopes: Set<RuleScope> = [.collectionPoints, .incidents]
                if unknownScopes.contains(rule.scope) {
                    return [
                        finding(
                            rule, state: .unknown, targetID: nil, location: venue.facts.location,
                            message: LocalizedText(
                                en: "\(scopeKey) is not recorded, so this cannot be checked",
                                zh: "未记录 \(scopeKey)，无法检查此项"))
                    ]
                }
                return [finding(rule, state: .notApplicable, targetID: nil, location: venue.facts.location, message: noItems(scopeKey))]
            }
            let items = list.list ?? []
            if items.isEmpty {
                return [finding(rule, state: .notApplicable, targetID: nil, location: list.location, message: noItems(scopeKey))]
            }
            targets = items.enumerated().map { i, item in
                (item["id"]?.string ?? "\(scopeKey)[\(i)]", item)
            }
        }
        return targets.map { evaluate(prepared, target: $0.fact, targetID: $0.id) }
    }

    private func evaluate(_ prepared: AuditEngine.PreparedRule, target: Fact, targetID: String?) -> Finding {
        let rule = prepared.rule
        let params = prepared.params
        var bindings = base
        bindings["target"] = target
        bindings["params"] = params
        var evidence: [String: Outcome] = [:]
        var items: [EvidenceItem] = []
        for (name, condition) in rule.evidence {
            bindings.bind("evidence", fields: evidence)
            let outcome = condition.evaluate(bindings)
            evidence[name] = outcome
            items.append(EvidenceItem(name: name, value: display(outcome), location: outcome.location))
        }
        bindings.bind("evidence", fields: evidence)
        let targetPath = targetID.map { rule.scope == .venue ? "venue" : "\(rule.scope.rawValue)[\($0)]" } ?? "venue"

        func make(_ state: FindingState, _ location: FileLocation?, _ message: LocalizedText) -> Finding {
            var f = finding(rule, state: state, targetID: targetID, location: location ?? target.location, message: message)
            f.evidence = items
            f.expected = prepared.expected
            return f
        }

        if let applies = rule.appliesIf {
            switch applies.evaluate(bindings) {
            case .value(let fact):
                if case .bool(false) = fact.value {
                    return make(.notApplicable, fact.location, LocalizedText(en: "does not apply here", zh: "此处不适用"))
                }
            case .unknown(let u):
                return make(.unknown, u.location, notRecorded(u, targetPath: targetPath, what: "whether the rule applies"))
            case .error(let message, let location):
                return make(.error, location, LocalizedText(message))
            }
        }
        switch rule.require.evaluate(bindings) {
        case .value(let fact):
            guard case .bool(let ok) = fact.value else {
                return make(.error, fact.location, LocalizedText("the requirement gave \(fact.value.kindName), not true or false"))
            }
            if ok { return make(.pass, fact.location, LocalizedText(en: "requirement met", zh: "符合要求")) }
            return make(.fail, fact.location, fill(rule.message, evidence: evidence, params: params, targetID: targetID))
        case .unknown(let u):
            return make(.unknown, u.location, notRecorded(u, targetPath: targetPath, what: nil))
        case .error(let message, let location):
            return make(.error, location, LocalizedText(message))
        }
    }

    private func finding(_ rule: Rule, state: FindingState, targetID: String?, location: FileLocation?, message: LocalizedText)
        -> Finding
    {
        Finding(
            ruleID: rule.id, packID: rule.packID, title: rule.title, severity: rule.severity, state: state,
            scope: rule.scope.rawValue, targetID: targetID, location: location, message: message,
            citations: rule.citations, remediation: rule.remediation, isPractice: rule.isPractice)
    }

    private func notInForce(_ rule: Rule) -> LocalizedText {
        let from = rule.effectiveFrom.map { $0.description } ?? "-"
        let to = rule.effectiveTo.map { $0.description } ?? "-"
        return LocalizedText(
            en: "not in force on \(asOf) (in force \(from) to \(to))",
            zh: "\(asOf) 时尚未生效或已失效（有效期 \(from) 至 \(to)）")
    }

    private func noItems(_ scope: String) -> LocalizedText {
        LocalizedText(en: "no \(scope) recorded for this venue", zh: "该场所没有记录 \(scope)")
    }

    /// "collection_points[book].retention.oldest_record_date is not recorded".
    private func notRecorded(_ u: Unknown, targetPath: String, what: String?) -> LocalizedText {
        var path = u.path
        if path.hasPrefix("target.") { path = targetPath + path.dropFirst("target".count) }
        if path == "target" { path = targetPath }
        let prefix = what.map { "cannot tell \($0): " } ?? ""
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

    /// Fills `{evidence}`, `{params.x}` and `{target.id}` placeholders.
    private func fill(_ text: LocalizedText, evidence: [String: Outcome], params: Fact, targetID: String?) -> LocalizedText {
        text.map { template in
            var out = ""
            var name: String?
            for ch in template {
                if ch == "{" {
                    name = ""
                } else if ch == "}", let n = name {
                    if n.hasPrefix("params.") {
                        out += params[String(n.dropFirst(7))]?.displayText ?? "?"
                    } else if n == "target.id" {
                        out += targetID ?? "venue"
                    } else {
                        out += evidence[n].map(display) ?? "?"
                    }
                    name = nil
                } else if name != nil {
                    name?.append(ch)
                } else {
                    out.append(ch)
                }
            }
            return out
        }
    }
}
