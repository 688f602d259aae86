import AuditBasics

/// A rule's failure message split at its placeholders once, when a profile is prepared, so
/// filling it for a finding only joins strings.
///
/// `{params.x}` is filled in at preparation (parameters are fixed per profile); `{target.id}`
/// and `{name}` (an evidence value) are filled per finding. A `{` without a closing `}` is
/// kept as text.
struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case evidence(String)
        case targetID
    }

    private(set) var parts: [Part] = []

    init(_ template: String, params: Fact) {
        var text = ""
        var name: String?
        for ch in template {
            if ch == "{" {
                if let open = name { text += "{" + open }
                name = ""
            } else if ch == "}", let n = name {
                if n.hasPrefix("params.") {
                    text += params[String(n.dropFirst(7))]?.displayText ?? "?"
                } else {
                    if !text.isEmpty { parts.append(.text(text)) }
                    text = ""
                    parts.append(n == "target.id" ? .targetID : .evidence(n))
                }
                name = nil
            } else if name != nil {
                name?.append(ch)
            } else {
                text.append(ch)
            }
        }
        if let open = name { text += "{" + open }
        if !text.isEmpty { parts.append(.text(text)) }
    }

    /// The message for one finding; an evidence name the rule did not compute gives "?".
    func fill(targetID: String?, evidence: (String) -> String?) -> String {
        if parts.count == 1, case .text(let only) = parts[0] { return only }
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .evidence(let name): out += evidence(name) ?? "?"
            case .targetID: out += targetID ?? "venue"
            }
        }
        return out
    }
}
