import AuditBasics
import AuditResults

/// Applies waivers to findings: an active waiver turns a `fail` into `waived` and stays
/// visible; an expired one leaves the `fail` and says so; a waiver that waives nothing is a
/// warning, so exceptions cannot rot unnoticed.
enum WaiverMatcher {
    static func apply(_ waivers: [Waiver], to findings: inout [Finding], asOf: CivilDate, knownRules: Set<String>) -> [Diagnostic] {
        var notes: [Diagnostic] = []
        for waiver in waivers {
            let matches = findings.indices.filter { i in
                findings[i].ruleID == waiver.rule
                    && (findings[i].targetID == waiver.target || (findings[i].targetID == nil && waiver.target == "venue"))
            }
            let active = waiver.expires >= asOf
            let info = WaiverInfo(
                reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires, active: active,
                location: waiver.location)
            var waivedSomething = false
            for i in matches where findings[i].state == .fail {
                findings[i].waiver = info
                if active {
                    findings[i].state = .waived
                } else {
                    findings[i].message = LocalizedText(
                        en: findings[i].message.en + " (the waiver for this expired on \(waiver.expires))",
                        zh: findings[i].message.zh + "（对此的豁免已于 \(waiver.expires) 到期）")
                }
                waivedSomething = true
            }
            guard !waivedSomething else { continue }
            let why: String
            if !knownRules.contains(waiver.rule) {
                why = "names rule '\(waiver.rule)', which does not exist"
            } else if matches.isEmpty {
                why = "matches no finding of \(waiver.rule) for target '\(waiver.target)'"
            } else {
                let states = Set(matches.map { findings[$0].state.rawValue }).sorted().joined(separator: ", ")
                why = "waives nothing: \(waiver.rule) for '\(waiver.target)' is \(states), not fail"
            }
            notes.append(.warning("orphan-waiver", "waiver \(why)", at: waiver.location))
        }
        return notes
    }
}
