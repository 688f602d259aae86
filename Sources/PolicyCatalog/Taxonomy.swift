import AuditBasics
import YAMLReader

/// Field categories and per-jurisdiction sensitivity, from `policies/taxonomy.yaml`. Which
/// fields are sensitive is data, not code: it differs between jurisdictions and over time.
public struct Taxonomy: Sendable {
    public var categories: [String: String] = [:]
    /// Jurisdiction code to sensitive fields; the longest matching code wins.
    public var sensitive: [String: Set<String>] = [:]
    /// Groups of countries that share a regime (`EU` and its member states): a country with no
    /// entry of its own falls back to the group that contains it.
    public var groups: [String: Set<String>] = [:]
    /// Fields that are sensitive only while an instrument that says so is in force
    /// (`sensitive_dated:`), per jurisdiction code: GB/T 35273 Annex B lists identity-card
    /// numbers from 2018-05-01.
    public var sensitiveDated: [String: [DatedSensitivity]] = [:]

    /// A field sensitive from one day (to another), on the word of one cited provision.
    public struct DatedSensitivity: Sendable {
        public var field: String
        public var from: CivilDate
        public var to: CivilDate?
        /// The citation key of the provision that lists the field.
        public var source: String
    }

    public init() {}

    /// The codes that contain `code`, the finest first: `code` itself, its parents by ISO 3166-2
    /// prefix, then the groups its country belongs to (`FR-75` gives `FR-75`, `FR`, `EU`).
    public func containing(_ code: String) -> [String] {
        var codes = [code]
        var rest = Substring(code)
        while let dash = rest.lastIndex(of: "-") {
            rest = rest[..<dash]
            codes.append(String(rest))
        }
        let country = codes.last ?? code
        codes += groups.filter { $0.value.contains(country) && $0.key != country }.keys.sorted()
        return codes
    }

    /// The first code of `containing(code)` that is among `candidates`: the longest matching
    /// code, else the group that contains the country.
    public func bestMatch<S: Sequence>(for code: String, among candidates: S) -> String? where S.Element == String {
        let known = Set(candidates)
        return containing(code).first { known.contains($0) }
    }

    public func category(of field: String) -> String? { categories[field] }

    /// Whether `field` is sensitive in `jurisdiction` (`CN-SC` falls back to `CN`); false when
    /// no code matches.
    public func isSensitive(_ field: String, in jurisdiction: String) -> Bool {
        guard let code = bestMatch(for: jurisdiction, among: sensitive.keys) else { return false }
        return sensitive[code]?.contains(field) ?? false
    }

    /// Whether `field` is sensitive in `jurisdiction` on `date`: always-sensitive fields as
    /// `isSensitive(_:in:)`, and dated ones while their instrument is in force on that day.
    public func isSensitive(_ field: String, in jurisdiction: String, on date: CivilDate) -> Bool {
        if isSensitive(field, in: jurisdiction) { return true }
        guard let code = Jurisdiction.bestMatch(for: jurisdiction, among: sensitiveDated.keys) else { return false }
        return sensitiveDated[code]?.contains { $0.field == field && $0.from <= date && ($0.to.map { date <= $0 } ?? true) } ?? false
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
        for (group, value) in top.pairs("groups") {
            var members = Set<String>()
            if case .sequence(let items, _) = value {
                for case .scalar(let s) in items {
                    if !Jurisdiction.isWellFormed(s.value) || s.value.contains("-") {
                        diagnostics.append(
                            .error("policy-value", "'\(s.value)' is not a country code (ISO 3166-1 alpha-2)", at: s.location))
                    }
                    members.insert(s.value)
                }
            }
            taxonomy.groups[group.value] = members
        }
        for (code, value) in top.pairs("sensitive_dated") {
            guard case .sequence(let items, _) = value else {
                diagnostics.append(.error("policy-type", "'sensitive_dated.\(code.value)' must be a list", at: code.location))
                continue
            }
            var entries: [DatedSensitivity] = []
            for item in items {
                var r = NodeReader(item, what: "a dated sensitive field of \(code.value)")
                let field = r.scalar("field", required: true)
                let from = r.date("from")
                if from == nil && r.raw("from") == nil { r.missing("from") }
                let to = r.date("to")
                let source = r.string("source", required: true)
                r.finish()
                diagnostics += r.diagnostics
                if let field, !knownFields.contains(field.value) {
                    diagnostics.append(.error("policy-value", "'\(field.value)' is not a field of the input format", at: field.location))
                }
                if let field, let from, let source {
                    entries.append(DatedSensitivity(field: field.value, from: from, to: to, source: source))
                }
            }
            taxonomy.sensitiveDated[code.value] = entries
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
        for candidate in candidates where covers(candidate, code) {
            if candidate.count > (best?.count ?? -1) { best = candidate }
        }
        return best
    }

    /// Whether `scope` covers `code`: the same code, or a prefix of it ending at a `-`
    /// (`GB` covers `GB-ENG`; `GB-E` does not).
    public static func covers(_ scope: String, _ code: String) -> Bool {
        code == scope || code.hasPrefix(scope + "-")
    }

    /// `code` and every shorter code that covers it: `AU-NSW-SYD` gives `AU-NSW-SYD`, `AU-NSW`
    /// and `AU`. A rule listing any of them is in scope for `code`.
    public static func enclosing(_ code: String) -> Set<String> {
        var codes: Set<String> = [code]
        var rest = Substring(code)
        while let dash = rest.lastIndex(of: "-") {
            rest = rest[..<dash]
            codes.insert(String(rest))
        }
        return codes
    }

    /// Whether `code` is written like a jurisdiction code: two capital letters (ISO 3166-1
    /// alpha-2), then any number of `-` parts of one to three capitals or digits (ISO 3166-2
    /// subdivisions, and finer local codes such as `AU-NSW-SYD`).
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let country = parts.first, country.count == 2,
            country.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...3).contains(part.utf8.count)
                && part.utf8.allSatisfy {
                    ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                }
        }
    }
}
