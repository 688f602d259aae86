import AuditBasics
import AuditResults

/// "What to do first": the failing findings turned into a short list of actions, the page a
/// venue manager acts on. Shared by the HTML and text reports.
///
/// Findings that point at the same fact (the same node of the description, for the same
/// target) are one problem: one action, led by a rule that binds the venue where there is one
/// (else the most severe), as urgent as its most severe rule, naming every rule it
/// closes. Problems are grouped by collection point (an observation made at a collection point
/// joins that point's group), groups ordered by their most severe problem, problems within a
/// group most severe first, then by place in the file.
struct ActionPlan {
    struct Action {
        var severity: Severity
        /// The lead finding's remediation, one entry per step.
        var steps: [String]
        /// The findings the action closes, lead first.
        var findings: [Finding]
    }

    struct Group {
        /// "Collection point north-gate-book", "Whole venue".
        var name: String
        /// `collection_points[north-gate-book]`; nil for the venue.
        var path: String?
        var actions: [Action]
    }

    var groups: [Group]

    var isEmpty: Bool { groups.isEmpty }

    init(_ result: AuditResult, language: Language) {
        let failing = result.findings.filter { $0.state == .fail }
        // Observations made at a collection point belong with it.
        let points = Set(result.findings.filter { $0.scope == "collection_points" }.compactMap(\.targetID))
        func groupKey(_ f: Finding) -> (key: String, scope: String, id: String?) {
            if f.scope == "observations", let at = f.evidence.first(where: { $0.name == "at" })?.value, points.contains(at) {
                return ("collection_points[\(at)]", "collection_points", at)
            }
            return (f.targetPath ?? "venue", f.scope, f.targetID)
        }
        var order: [String] = []
        var byGroup: [String: (scope: String, id: String?, problems: [String: [Finding]], problemOrder: [String])] = [:]
        for f in failing {
            let g = groupKey(f)
            if byGroup[g.key] == nil {
                order.append(g.key)
                byGroup[g.key] = (g.scope, g.id, [:], [])
            }
            // One problem per fact (`ReportFormatting.factKey`).
            let fact = ReportFormatting.factKey(f)
            if byGroup[g.key]?.problems[fact] == nil { byGroup[g.key]?.problemOrder.append(fact) }
            byGroup[g.key]?.problems[fact, default: []].append(f)
        }
        var groups: [Group] = []
        for key in order {
            guard let g = byGroup[key] else { continue }
            var actions: [Action] = g.problemOrder.compactMap { fact in
                guard let members = g.problems[fact], !members.isEmpty else { return nil }
                let sorted = ReportFormatting.leadFirst(members)
                let lead = sorted[0]
                let steps = ReportFormatting.actions(lead.remediation[language])
                // The action is as urgent as its most severe rule; its steps are the lead's.
                let severity = sorted.map(\.severity).max() ?? lead.severity
                return Action(severity: severity, steps: steps.isEmpty ? [lead.remediation[language]] : steps, findings: sorted)
            }
            actions.sort { a, b in
                if a.severity != b.severity { return a.severity > b.severity }
                switch (a.findings[0].location, b.findings[0].location) {
                case (let x?, let y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.findings[0].ruleID < b.findings[0].ruleID
                }
            }
            let name: String
            if let id = g.id {
                let probe = Finding(
                    ruleID: "", packID: "", title: LocalizedText(""), severity: .info, state: .fail, scope: g.scope,
                    targetID: id, location: nil, message: LocalizedText(""), remediation: LocalizedText(""))
                let words = ReportFormatting.targetName(probe, language)
                name = words.prefix(1).uppercased() + words.dropFirst()
            } else {
                let words = ReportLabels(language: language)[.venueWide]
                name = words.prefix(1).uppercased() + words.dropFirst()
            }
            groups.append(Group(name: name, path: g.id == nil ? nil : key, actions: actions))
        }
        self.groups = groups.enumerated().sorted { a, b in
            let x = a.element.actions.first?.severity ?? .info
            let y = b.element.actions.first?.severity ?? .info
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }
}
