import AuditBasics
import YAMLReader

/// Field categories and per-jurisdiction sensitivity, from `policies/taxonomy.yaml`. Which
/// fields are sensitive is data, not code: it differs between jurisdictions and over time.
public struct Taxonomy: Sendable {
    public var categories: [String: String] = [:]
    /// Jurisdiction code to sensitive fields; the longest matching code wins.
    public var sensitive: [String: Set<String>] = [:]

    public init() {}

    public func category(of field: String) -> String? { categories[field] }

    /// Whether `field` is sensitive in `jurisdiction` (`CN-SC` falls back to `CN`); false when
    /// no code matches.
    public func isSensitive(_ field: String, in jurisdiction: String) -> Bool {
        guard let code = Jurisdiction.bestMatch(for: jurisdiction, among: sensitive.keys) else { return false }
        return sensitive[code]?.contains(field) ?? false
    }

    static func load(_ root: YAMLNode, knownFields: [String]) -> (Taxonomy, [Diagnostic]) {
        var taxonomy = Taxonomy()
        var top = NodeReader(root, what: "the taxonomy")
        var diagnostics: [Diagnostic] = []
        for (field, value) in top.pairs("categories") {
            if !knownFields.contains(field.value) {
                diagnostics.append(.error("policy-value", "'\(field.value)' is not a field of the input format", at: field.location))
            }
            if case .scalar(let s) = value { taxonomy.categories[field.value] = s.value }
        }
        for (code, value) in top.pairs("sensitive") {
            var fields = Set<String>()
            if case .sequence(let items, _) = value {
                for case .scalar(let s) in items {
                    if !knownFields.contains(s.value) {
                        diagnostics.append(.error("policy-value", "'\(s.value)' is not a field of the input format", at: s.location))
                    }
                    fields.insert(s.value)
                }
            }
            taxonomy.sensitive[code.value] = fields
        }
        _ = top.raw("notes")
        top.finish()
        for field in knownFields where taxonomy.categories[field] == nil {
            diagnostics.append(.error("policy-missing", "the taxonomy gives no category for field '\(field)'", at: root.location))
        }
        return (taxonomy, top.diagnostics + diagnostics)
    }
}

/// Jurisdiction codes: ISO 3166-1 alpha-2 or ISO 3166-2 (`CN`, `CN-SC`, `GB-ENG`).
public enum Jurisdiction {
    /// The longest candidate that is `code` itself or a prefix of it at a `-` boundary.
    public static func bestMatch<S: Sequence>(for code: String, among candidates: S) -> String? where S.Element == String {
        var best: String?
        for candidate in candidates where code == candidate || code.hasPrefix(candidate + "-") {
            if candidate.count > (best?.count ?? -1) { best = candidate }
        }
        return best
    }
}
