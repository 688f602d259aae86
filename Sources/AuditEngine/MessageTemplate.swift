import AuditBasics
import PolicyCatalog

/// A rule's failure message split at its placeholders once, when a profile is prepared, so
/// filling it for a finding only joins strings.
///
/// `{params.x}` is filled in at preparation (parameters are fixed per profile); `{target.id}`
/// and `{name}` (an evidence value) are filled per finding. The template is split by
/// PolicyCatalog's `MessagePlaceholders`, which the pack loader also checks messages with.
struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case evidence(String)
        case targetID
    }

    private(set) var parts: [Part] = []

    /// `language` picks the words for vocabulary values among the parameters (`[hotel]` reads
    /// "hotel" or "酒店").
    init(_ template: String, params: Fact, language: Language = .en) {
        var text = ""
        for piece in MessagePlaceholders.split(template) {
            switch piece {
            case .text(let t):
                text += t
            case .placeholder(let n) where n.hasPrefix("params."):
                text += params[String(n.dropFirst(7))]?.displayText(in: language) ?? "?"
            case .placeholder(let n):
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(n == "target.id" ? .targetID : .evidence(n))
            }
        }
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
