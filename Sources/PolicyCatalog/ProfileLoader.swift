import AuditBasics
import AuditResults
import YAMLReader

/// Reads a profile file. Cross-checks against the packs happen in `CatalogLoader`.
enum ProfileLoader {
    struct Raw {
        var profile: Profile
        var extends: String?
        var location: FileLocation
        /// Where each referenced name was written, for messages.
        var references: [(kind: String, name: String, location: FileLocation)]
    }

    static func load(_ root: YAMLNode, file: String) -> (Raw?, [Diagnostic]) {
        var r = NodeReader(root, what: "the profile")
        let id = r.string("profile", required: true)
        let version = r.string("version", required: true)
        let title = r.localized("title", required: false)
        let extends = r.string("extends")
        _ = r.raw("description")
        _ = r.raw("notes")
        var references: [(String, String, FileLocation)] = []
        let packs = r.stringList("packs")
        for p in packs { references.append(("pack", p.value, p.location)) }
        var params: [String: Fact] = [:]
        for (key, value) in r.pairs("params") {
            references.append(("param", key.value, key.location))
            if let fact = PackLoader.literalFact(value) { params[key.value] = fact }
        }
        var severity: [String: Severity] = [:]
        var diagnostics: [Diagnostic] = []
        for (key, value) in r.pairs("severity") {
            references.append(("rule", key.value, key.location))
            if case .scalar(let s) = value, let level = Severity(rawValue: s.value) {
                severity[key.value] = level
            } else {
                diagnostics.append(
                    .error("policy-value", "severity of \(key.value) must be one of critical, high, medium, low, info", at: value.location))
            }
        }
        let skip = r.stringList("skip")
        for s in skip { references.append(("rule", s.value, s.location)) }
        r.finish()
        diagnostics = r.diagnostics + diagnostics
        guard let id, let version else { return (nil, diagnostics) }
        if packs.isEmpty && extends == nil { r.missing("packs") }
        let profile = Profile(
            id: id, version: version, title: title ?? LocalizedText(id), packs: packs.map(\.value), params: params,
            severity: severity, skip: Set(skip.map(\.value)), file: file)
        return (Raw(profile: profile, extends: extends, location: root.location, references: references), diagnostics)
    }

    /// Applies `extends`: the child keeps the parent's packs unless it lists its own, and its
    /// params, severities and skips are added on top.
    static func resolve(_ child: Raw, parent: Profile) -> Profile {
        var p = child.profile
        if p.packs.isEmpty { p.packs = parent.packs }
        p.params = parent.params.merging(p.params) { _, new in new }
        p.severity = parent.severity.merging(p.severity) { _, new in new }
        p.skip = parent.skip.union(p.skip)
        return p
    }
}
