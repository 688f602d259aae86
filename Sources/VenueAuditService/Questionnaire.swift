import AuditBasics
import AuditResults
import Foundation
import ReportFormat
import VenueModel

/// The guided self-assessment: a form generated from `VenueSchema`, so every field the format
/// has is a question and no question asks for something the format lacks. Its answers become
/// a venue description (YAML) that goes through the same reader and engine as any other.
///
/// Each form control is named by the field's path (`collection_points.0.storage.medium`); a
/// list of objects keeps its length in `<path>!n`, the explicit "none" of a list is
/// `<path>!none`, and the explicit null of a nullable field is `<path>!null`. Every question
/// can be left at "I don't know", which leaves the field out, so rules that need it are unknown.
public enum Questionnaire {
    /// The top-level fields the questionnaire asks about, in the format's order; the others
    /// (`format`, digital systems, observations, waivers) are an inspector's or are fixed.
    static let asked: Set<String> = ["venue", "assessment", "collection_points", "incidents"]
    /// Fields whose answer the questionnaire fixes: a questionnaire is a self-assessment.
    static let fixed: [String: String] = ["assessment.kind": "self_assessment"]

    /// Posted answers: each control's name with its values, in the order sent.
    public struct Answers: Sendable {
        var values: [String: [String]] = [:]

        public init(pairs: [(String, String)]) {
            for (name, value) in pairs { values[name, default: []].append(value) }
        }

        /// The first value of `name`, trimmed; nil when empty.
        func text(_ name: String) -> String? {
            guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }

        func all(_ name: String) -> [String] { (values[name] ?? []).filter { !$0.isEmpty } }

        func checked(_ name: String) -> Bool { text(name) != nil }

        /// How many items the list at `path` has on the form.
        func count(_ path: String) -> Int { text(path + "!n").flatMap { Int($0) }.map { min(max($0, 0), 50) } ?? 0 }

        /// Every answer but the form's own controls, for hidden fields that carry them to the next page.
        var carried: [(String, String)] {
            values.keys.sorted().filter { !["csrf", "action", "lang"].contains($0) }.flatMap { name in values[name]!.map { (name, $0) } }
        }

        /// The answers with the list at `path` one longer.
        func adding(_ path: String) -> Answers {
            var copy = self
            copy.values[path + "!n"] = [String(count(path) + 1)]
            copy.values[path + "!none"] = nil
            return copy
        }

        /// The answers without item `index` of the list at `path`; later items move up.
        func removing(_ path: String, _ index: Int) -> Answers {
            let n = count(path)
            guard index >= 0, index < n else { return self }
            var copy = self
            copy.values = [:]
            for (name, value) in values {
                guard name.hasPrefix(path + "."), let rest = name.dropFirst(path.count + 1).split(separator: ".", maxSplits: 1).first,
                    let i = Int(rest.split(separator: "!").first ?? "")
                else {
                    copy.values[name] = value
                    continue
                }
                if i == index { continue }
                if i < index {
                    copy.values[name] = value
                } else {
                    let tail = name.dropFirst(path.count + 1 + String(i).count)
                    copy.values["\(path).\(i - 1)\(tail)"] = value
                }
            }
            copy.values[path + "!n"] = [String(n - 1)]
            return copy
        }
    }

    /// A new questionnaire: one collection point, today's date.
    public static func blank(today: String) -> Answers {
        Answers(pairs: [("collection_points!n", "1"), ("assessment.date", today)])
    }

    // MARK: The description

    /// The venue description the answers give, as YAML. Strings and vocabulary values are
    /// double-quoted with every special character escaped; numbers, dates and booleans are
    /// written plain only when they look like one, else quoted, so the reader reports them.
    public static func yaml(_ answers: Answers) -> String {
        var fields: [(String, Node)] = [("format", .plain(VenueSchema.formatTag))]
        for field in VenueSchema.root.fields where asked.contains(field.name) {
            if let node = node(field.shape, path: field.name, answers) { fields.append((field.name, node)) }
        }
        var lines = ["# A self-assessment made with venue-audit's questionnaire."]
        emit(.map(fields), indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    indirect enum Node {
        case plain(String)
        case quoted(String)
        case map([(String, Node)])
        case list([Node])
    }

    static func node(_ shape: Shape, path: String, _ answers: Answers) -> Node? {
        if let value = fixed[path] { return .plain(value) }
        switch shape {
        case .string:
            return answers.text(path).map { .quoted($0) }
        case .boolean:
            return answers.text(path).map { $0 == "true" || $0 == "false" ? .plain($0) : .quoted($0) }
        case .integer:
            return answers.text(path).map { matches($0, "^-?[0-9]{1,12}$") ? .plain($0) : .quoted($0) }
        case .number:
            return answers.text(path).map { matches($0, "^-?[0-9]{1,12}(\\.[0-9]{1,6})?$") ? .plain($0) : .quoted($0) }
        case .date, .dateOrMonth:
            return answers.text(path).map { matches($0, "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$") ? .plain($0) : .quoted($0) }
        case .enumeration:
            return answers.text(path).map { .quoted($0) }
        case .nullable(let inner):
            if answers.checked(path + "!null") { return .plain("null") }
            return node(inner, path: path, answers)
        case .list(.object(let object)):
            let n = answers.count(path)
            if n == 0 { return answers.checked(path + "!none") ? .list([]) : nil }
            return .list((0..<n).map { node(.object(object), path: "\(path).\($0)", answers) ?? .map([]) })
        case .list:
            var items = answers.all(path)
            if items.count == 1, shapeIsFreeText(shape) {
                items = items[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            if items.isEmpty { return answers.checked(path + "!none") ? .list([]) : nil }
            return .list(items.map { .quoted($0) })
        case .object(let object):
            var fields: [(String, Node)] = []
            for field in object.fields {
                if let node = node(field.shape, path: "\(path).\(field.name)", answers) { fields.append((field.name, node)) }
            }
            return fields.isEmpty ? nil : .map(fields)
        case .dictionary(let keys, _):
            guard case .enumeration(_, let codes) = keys else { return nil }
            let pairs = codes.compactMap { code in answers.text("\(path).\(code)").map { (code, Node.quoted($0)) } }
            return pairs.isEmpty ? nil : .map(pairs)
        }
    }

    static func shapeIsFreeText(_ shape: Shape) -> Bool {
        if case .list(.string) = shape { return true }
        return false
    }

    static func matches(_ text: String, _ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }

    static func emit(_ node: Node, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .map(let fields):
            for (key, value) in fields {
                switch value {
                case .plain, .quoted: lines.append("\(pad)\(key): \(scalar(value))")
                case .list(let items) where items.isEmpty: lines.append("\(pad)\(key): []")
                case .map(let inner) where inner.isEmpty: lines.append("\(pad)\(key): {}")
                default:
                    lines.append("\(pad)\(key):")
                    emit(value, indent: indent + 2, into: &lines)
                }
            }
        case .list(let items):
            for item in items {
                switch item {
                case .plain, .quoted: lines.append("\(pad)- \(scalar(item))")
                case .map(let inner) where inner.isEmpty: lines.append("\(pad)- {}")
                default:
                    var nested: [String] = []
                    emit(item, indent: indent + 2, into: &nested)
                    if let first = nested.first {
                        lines.append(pad + "- " + first.dropFirst(indent + 2))
                        lines += nested.dropFirst()
                    }
                }
            }
        case .plain, .quoted:
            lines.append(pad + scalar(node))
        }
    }

    static func scalar(_ node: Node) -> String {
        switch node {
        case .plain(let text): return text
        case .quoted(let text): return quote(text)
        default: return ""
        }
    }

    /// `text` as a YAML double-quoted scalar: backslash, quote and every control or
    /// line-breaking character escaped, so nothing typed can end the scalar or start a new key.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
                    || scalar.value == 0xFEFF
                {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    // MARK: Translations

    /// Every question (`<object>.<field>`) and section (`<object>`) the questionnaire shows,
    /// in the schema's order: what `QuestionTexts.zh` must translate.
    public static var questionKeys: [String] {
        var keys: [String] = []
        func walk(_ object: ObjectShape, only: Set<String>?) {
            keys.append(object.name)
            for field in object.fields where only?.contains(field.name) ?? true {
                guard fixed["\(object.name).\(field.name)"] == nil else { continue }
                keys.append("\(object.name).\(field.name)")
                if case .list(.object(let item)) = field.shape { keys.append(item.name + "#item") }
                if let inner = objectShape(field.shape) { walk(inner, only: nil) }
            }
        }
        walk(VenueSchema.root, only: asked)
        return keys
    }

    /// Questions and sections with no Chinese text.
    public static var untranslated: [String] { questionKeys.filter { QuestionTexts.zh[$0] == nil } }

    static func objectShape(_ shape: Shape) -> ObjectShape? {
        switch shape {
        case .object(let o): return o
        case .list(let inner), .nullable(let inner): return objectShape(inner)
        default: return nil
        }
    }
}
