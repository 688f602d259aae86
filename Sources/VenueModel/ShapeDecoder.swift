import AuditBasics
import YAMLReader

/// Checks a YAML node tree against a `Shape` and turns it into a fact tree, collecting
/// diagnostics instead of throwing.
///
/// Unknown fields are warnings (a newer file must still be read by an older tool). A value of
/// the wrong type, a misspelt enum value or an impossible date is an error, and the value is
/// left out of the facts. Nothing absent is ever filled in: a missing field stays missing, and
/// rules that need it give `unknown`.
public struct ShapeDecoder {
    public private(set) var diagnostics: [Diagnostic] = []
    public var limits: VenueLimits

    public init(limits: VenueLimits = .default) { self.limits = limits }

    /// Decodes `node` as `shape`; nil when the value is unusable (its diagnostic is recorded).
    public mutating func decode(_ node: YAMLNode, as shape: Shape, path: String) -> Fact? {
        switch shape {
        case .nullable(let inner):
            if case .scalar(let s) = node, s.isNull { return Fact(.null, at: s.location) }
            return decode(node, as: inner, path: path)
        case .object(let object):
            return decodeObject(node, object, path: path)
        case .list(let element):
            guard case .sequence(let items, let location) = node else {
                if case .scalar(let s) = node, s.isNull { return nil }
                return mismatch(node, expected: "a list", path: path, hint: listHint(node, element: element))
            }
            let most = path == "collection_points" ? limits.maxCollectionPoints : limits.maxListItems
            guard items.count <= most else {
                diagnostics.append(
                    .error(
                        "limit-items", "'\(path)' has \(items.count) items; the limit is \(most)", at: location,
                        notes: ["split the venue into several descriptions, one per building or entrance group"]))
                return nil
            }
            var facts: [Fact] = []
            facts.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                if let fact = decode(item, as: element, path: "\(path)[\(i)]") { facts.append(fact) }
            }
            return Fact(.list(facts), at: location)
        case .dictionary(let keyShape, let valueShape):
            guard case .mapping(let pairs, let location) = node else {
                if case .scalar(let s) = node, s.isNull { return nil }
                return mismatch(node, expected: "a map", path: path)
            }
            var entries: [FactEntry] = []
            for pair in pairs {
                guard case .scalar(let key) = pair.key else {
                    diagnostics.append(.error("bad-key", "keys of '\(path)' must be plain words", at: pair.key.location))
                    continue
                }
                if let keyShape, case .enumeration(let name, let values) = keyShape, !values.contains(key.value) {
                    diagnostics.append(unknownValue(key.value, name: name, values: values, at: key.location, severity: .warning))
                }
                if let value = decode(pair.value, as: valueShape, path: "\(path).\(key.value)") {
                    entries.append(FactEntry(key: key.value, keyLocation: key.location, value: value))
                }
            }
            return Fact(.map(entries), at: location)
        default:
            return decodeScalar(node, as: shape, path: path)
        }
    }

    private mutating func decodeObject(_ node: YAMLNode, _ object: ObjectShape, path: String) -> Fact? {
        guard case .mapping(let pairs, let location) = node else {
            if case .scalar(let s) = node, s.isNull { return nil }
            return mismatch(node, expected: "a map of \(object.name) fields", path: path)
        }
        var entries: [FactEntry] = []
        entries.reserveCapacity(pairs.count)
        for pair in pairs {
            guard case .scalar(let key) = pair.key else {
                diagnostics.append(.error("bad-key", "a key in '\(path)' is a \(pair.key.kindName), not a word", at: pair.key.location))
                continue
            }
            let fieldPath = path.isEmpty ? key.value : "\(path).\(key.value)"
            guard let field = object.field(key.value) else {
                var notes: [String] = []
                if let guess = Suggestions.closest(to: key.value, in: object.fields.map(\.name)) {
                    notes.append("did you mean '\(guess)'?")
                }
                diagnostics.append(
                    .warning(
                        "unknown-field", "unknown field '\(key.value)' in \(object.name); it is ignored", at: key.location, notes: notes))
                continue
            }
            if let value = decode(pair.value, as: field.shape, path: fieldPath) {
                entries.append(FactEntry(key: key.value, keyLocation: key.location, value: value))
            }
        }
        for field in object.fields where field.required && !entries.contains(where: { $0.key == field.name }) {
            if pairs.contains(where: { if case .scalar(let k) = $0.key { return k.value == field.name } else { return false } }) {
                continue  // present but invalid: already reported
            }
            diagnostics.append(
                .error("missing-field", "\(object.name) has no '\(field.name)'; it is required", at: location))
        }
        return Fact(.map(entries), at: location)
    }

    private mutating func decodeScalar(_ node: YAMLNode, as shape: Shape, path: String) -> Fact? {
        guard case .scalar(let s) = node else {
            return mismatch(node, expected: Self.describe(shape), path: path)
        }
        // An explicit null in a field that cannot be null is "not recorded": left out, not an error.
        if s.isNull { return nil }
        if s.value.utf8.count > limits.maxTextBytes {
            return bad(s, "'\(field(path))' is \(s.value.utf8.count) bytes long; the limit is \(limits.maxTextBytes)")
        }
        let plain = s.style == .plain && s.tag == nil
        let value = s.value
        switch shape {
        case .string:
            return Fact(.string(value), at: s.location)
        case .boolean:
            if plain, let b = Self.boolean(value) { return Fact(.bool(b), at: s.location) }
            return bad(s, "'\(field(path))' must be true or false, not '\(value)'")
        case .integer(let minimum):
            guard plain, let n = Int(value) else {
                return bad(s, "'\(field(path))' must be a whole number, not '\(value)'")
            }
            if let minimum, n < minimum {
                return bad(s, "'\(field(path))' must be at least \(minimum), not \(n)")
            }
            return Fact(.int(n), at: s.location)
        case .number:
            if plain, let n = Int(value) { return Fact(.int(n), at: s.location) }
            if plain, let d = Double(value), d.isFinite { return Fact(.double(d), at: s.location) }
            return bad(s, "'\(field(path))' must be a number, not '\(value)'")
        case .date:
            if let date = CivilDate(iso: value) { return Fact(.date(date), at: s.location) }
            if CivilDate.looksLikeDate(value) {
                return bad(s, "'\(value)' is not a real date (\(field(path)) expects YYYY-MM-DD)")
            }
            if CivilDate(isoMonth: value) != nil {
                return bad(s, "'\(field(path))' needs the day: write YYYY-MM-DD, not '\(value)'")
            }
            return bad(s, "'\(field(path))' must be a date written YYYY-MM-DD, not '\(value)'")
        case .dateOrMonth:
            if let date = CivilDate(iso: value) ?? CivilDate(isoMonth: value) { return Fact(.date(date), at: s.location) }
            if CivilDate.looksLikeDate(value) {
                return bad(s, "'\(value)' is not a real date (\(field(path)) expects YYYY-MM-DD, or YYYY-MM when the day is not known)")
            }
            return bad(s, "'\(field(path))' must be a date written YYYY-MM-DD, or YYYY-MM when the day is not known, not '\(value)'")
        case .enumeration(let name, let values):
            if values.contains(value) { return Fact(.string(value), at: s.location) }
            diagnostics.append(unknownValue(value, name: name, values: values, at: s.location, severity: .error))
            return nil
        default:
            return mismatch(node, expected: Self.describe(shape), path: path)
        }
    }

    private func unknownValue(
        _ value: String, name: String, values: [String], at location: FileLocation, severity: Diagnostic.Severity
    ) -> Diagnostic {
        var notes: [String] = []
        if let guess = Suggestions.closest(to: value, in: values) { notes.append("did you mean '\(guess)'?") }
        return Diagnostic(
            severity, code: "bad-value",
            "unknown \(name) '\(value)'; expected one of \(values.joined(separator: ", "))", at: location,
            notes: notes)
    }

    private mutating func bad(_ s: YAMLScalar, _ message: String) -> Fact? {
        diagnostics.append(.error("bad-value", message, at: s.location))
        return nil
    }

    private mutating func mismatch(_ node: YAMLNode, expected: String, path: String, hint: String? = nil) -> Fact? {
        let what: String
        if case .scalar(let s) = node { what = "'\(s.value)'" } else { what = "a \(node.kindName)" }
        let subject = path.isEmpty ? "the document" : "'\(path)'"
        diagnostics.append(
            .error("wrong-type", "\(subject) must be \(expected), not \(what)", at: node.location, notes: hint.map { [$0] } ?? []))
        return nil
    }

    /// What to write instead of a single value where a list belongs: `[]` for a word meaning
    /// "nothing" (`incidents: none`), `[value]` only when the list would accept the value.
    private func listHint(_ node: YAMLNode, element: Shape) -> String? {
        guard case .scalar(let s) = node, !s.value.isEmpty else { return nil }
        if Self.nothingWords.contains(s.value.lowercased()) { return "write [] for an empty list" }
        switch element {
        case .object(let o): return "write a list of \(o.name) maps, or [] for none"
        case .enumeration(_, let values) where !values.contains(s.value): return "write a list such as [\(values[0])], or [] for none"
        default: return "write a list, e.g. [\(s.value)], or [] for none"
        }
    }

    /// Words people write for "there are none".
    private static let nothingWords: Set<String> = ["none", "no", "nothing", "n/a", "na", "nil", "-", "无", "没有"]

    private func field(_ path: String) -> String { path }

    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    static func describe(_ shape: Shape) -> String {
        switch shape {
        case .boolean: "true or false"
        case .integer: "a whole number"
        case .number: "a number"
        case .string: "a text value"
        case .date: "a date written YYYY-MM-DD"
        case .dateOrMonth: "a date written YYYY-MM-DD, or YYYY-MM when the day is not known"
        case .enumeration(let name, _): "a \(name)"
        case .list: "a list"
        case .object(let o): "a map of \(o.name) fields"
        case .dictionary: "a map"
        case .nullable(let inner): describe(inner) + " or null"
        }
    }
}
