import AuditBasics
import AuditResults

extension Fact {
    /// The value as `displayText` gives it, with vocabulary values in `language`'s words
    /// (`id_number, phone` reads "ID number, phone number" or "身份证号码、电话号码"): what
    /// messages and expectations show people. Reports keep the codes in evidence.
    func displayText(in language: Language) -> String {
        switch value {
        case .string(let s): return VocabularyLabels.label(anyKind: s)?[language] ?? s
        case .list(let items): return items.map { $0.displayText(in: language) }.joined(separator: language == .zh ? "、" : ", ")
        default: return displayText
        }
    }

    /// The value as people read it in messages: `71`, `2020-09-30`, `name, id_number`.
    var displayText: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s): return s
        case .date(let d): return d.description
        case .list(let items): return items.map(\.displayText).joined(separator: ", ")
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.displayText)" }.joined(separator: ", ") + "}"
        }
    }
}
