import AuditBasics
import YAMLReader

/// Reads the fields of one YAML map in a policy file, collecting diagnostics for what is
/// missing or malformed, and warning about keys nobody read (a misspelt key in a pack must not
/// be silently ignored).
struct NodeReader {
    let node: YAMLNode
    var what: String
    private(set) var used: Set<String> = []
    var diagnostics: [Diagnostic] = []

    init(_ node: YAMLNode, what: String) {
        self.node = node
        self.what = what
        if case .mapping = node {
        } else {
            diagnostics.append(.error("policy-type", "\(what) must be a map, not a \(node.kindName)", at: node.location))
        }
    }

    var location: FileLocation { node.location }

    mutating func raw(_ key: String) -> YAMLNode? {
        used.insert(key)
        guard let value = node[key] else { return nil }
        if case .scalar(let s) = value, s.isNull { return nil }
        return value
    }

    mutating func scalar(_ key: String, required: Bool = false) -> YAMLScalar? {
        guard let value = raw(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let s) = value else {
            diagnostics.append(
                .error("policy-type", "'\(key)' of \(what) must be a single value, not a \(value.kindName)", at: value.location))
            return nil
        }
        return s
    }

    mutating func string(_ key: String, required: Bool = false) -> String? { scalar(key, required: required)?.value }

    mutating func date(_ key: String) -> CivilDate? {
        guard let s = scalar(key) else { return nil }
        guard let date = CivilDate(iso: s.value) else {
            diagnostics.append(.error("policy-value", "'\(key)' must be a date written YYYY-MM-DD, not '\(s.value)'", at: s.location))
            return nil
        }
        return date
    }

    mutating func oneOf(_ key: String, _ values: [String], required: Bool = false) -> String? {
        guard let s = scalar(key, required: required) else { return nil }
        guard values.contains(s.value) else {
            diagnostics.append(
                .error(
                    "policy-value", "'\(key)' of \(what) must be one of \(values.joined(separator: ", ")), not '\(s.value)'", at: s.location
                ))
            return nil
        }
        return s.value
    }

    /// An `{ en: ..., zh: ... }` map; both languages are required.
    mutating func localized(_ key: String, required: Bool = true) -> LocalizedText? {
        guard let value = raw(key) else {
            if required { missing(key) }
            return nil
        }
        var inner = NodeReader(value, what: "'\(key)' of \(what)")
        let en = inner.string("en", required: true)
        let zh = inner.string("zh", required: true)
        inner.finish()
        diagnostics += inner.diagnostics
        guard let en, let zh else { return nil }
        return LocalizedText(en: trimmed(en), zh: trimmed(zh))
    }

    mutating func list(_ key: String, required: Bool = false) -> [YAMLNode]? {
        guard let value = raw(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .sequence(let items, _) = value else {
            diagnostics.append(.error("policy-type", "'\(key)' of \(what) must be a list, not a \(value.kindName)", at: value.location))
            return nil
        }
        return items
    }

    mutating func stringList(_ key: String) -> [YAMLScalar] {
        (list(key) ?? []).compactMap { item in
            if case .scalar(let s) = item { return s }
            diagnostics.append(.error("policy-type", "'\(key)' of \(what) must list single values", at: item.location))
            return nil
        }
    }

    /// The key–value pairs of a map field, keys as scalars.
    mutating func pairs(_ key: String) -> [(key: YAMLScalar, value: YAMLNode)] {
        guard let value = raw(key) else { return [] }
        guard case .mapping(let pairs, _) = value else {
            diagnostics.append(.error("policy-type", "'\(key)' of \(what) must be a map, not a \(value.kindName)", at: value.location))
            return []
        }
        return pairs.compactMap { pair in
            guard case .scalar(let k) = pair.key else { return nil }
            return (k, pair.value)
        }
    }

    mutating func missing(_ key: String) {
        diagnostics.append(.error("policy-missing", "\(what) has no '\(key)'; it is required", at: node.location))
    }

    /// Warns about keys that were never read.
    mutating func finish() {
        guard case .mapping(let pairs, _) = node else { return }
        for pair in pairs {
            guard case .scalar(let k) = pair.key, !used.contains(k.value) else { continue }
            diagnostics.append(.error("policy-unknown-key", "unknown key '\(k.value)' in \(what)", at: k.location))
        }
    }

    private func trimmed(_ s: String) -> String {
        var s = Substring(s)
        while s.last == "\n" || s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
