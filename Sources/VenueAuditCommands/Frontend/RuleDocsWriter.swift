import AuditBasics
import PolicyCatalog

/// Writes the documentation pages of the rules (`docs/rules/<ID>.md` and an index) from the
/// packs, so the docs cannot drift from the rules: a test regenerates them and compares.
enum RuleDocsWriter {
    /// File name to Markdown text, for every rule plus `README.md`.
    static func pages(_ catalog: Catalog) -> [(name: String, text: String)] {
        var pages = catalog.rules.map { ("\($0.id).md", page($0, catalog: catalog)) }
        pages.append(("README.md", index(catalog)))
        return pages
    }

    static func index(_ catalog: Catalog) -> String {
        var out = "# Rules\n\nGenerated from `policies/` by `make docs`; do not edit by hand.\n"
        out += "\(catalog.rules.count) rules in \(catalog.packs.count) packs.\n"
        for pack in catalog.packs {
            out += "\n## \(pack.title.en) (`\(pack.id)` \(pack.version), \(pack.kind))\n\n\(pack.title.zh)\n\n"
            out += "| rule | severity | force | scope | in force | title |\n| --- | --- | --- | --- | --- | --- |\n"
            for rule in pack.rules {
                out += "| [\(rule.id)](\(rule.id).md) | \(rule.severity.rawValue) | \(rule.force.rawValue) | \(rule.scope.rawValue) | "
                out += "\(rule.effectiveFrom == nil ? "-" : cell(rule.periodInForce.en)) | \(cell(rule.title.en)) |\n"
            }
        }
        return out
    }

    static func page(_ rule: Rule, catalog: Catalog) -> String {
        var out = "# \(rule.id): \(rule.title.en)\n\n\(rule.title.zh)\n\n"
        let binds = rule.force.binds ? "binding" : "not binding: cannot make a venue non-compliant"
        out += "| | |\n| --- | --- |\n"
        out += "| pack | `\(rule.packID)` |\n| force | \(rule.force.label.en) / \(rule.force.label.zh) (\(binds)) |\n"
        out += "| severity | \(rule.severity.rawValue) |\n"
        out += "| scope | \(rule.scope.rawValue) |\n"
        if let codes = rule.jurisdictions { out += "| jurisdictions | \(codes.joined(separator: ", ")) |\n" }
        out += "| in force | \(rule.effectiveFrom == nil && rule.effectiveTo == nil ? "always" : cell(rule.periodInForce.en)) |\n"
        if let purposes = rule.purposes { out += "| for records kept for | \(purposes.joined(separator: ", ")) |\n" }
        out += "| status | \(rule.status)\(rule.since.map { ", since \($0)" } ?? "") |\n\n"
        out += "## Why\n\n\(rule.rationale.en)\n\n\(rule.rationale.zh)\n\n"
        out += "## What is checked\n\n"
        if let expects = rule.expects { out += "Expects: \(expects.en)\n\n要求：\(expects.zh)\n\n" }
        if let codes = rule.jurisdictions {
            let list = codes.map { "`\($0)`" }.joined(separator: ", ")
            let which = codes.count == 1 ? "is \(list) or lies within it" : "is one of \(list) or lies within one of them"
            out += "Runs only for venues whose `venue.jurisdiction` \(which); venues elsewhere get no finding from it. "
            out += "With no jurisdiction recorded the result is `unknown`.\n\n"
        }
        if let applies = rule.appliesIf { out += "Applies when:\n\n```\n\(applies.source)\n```\n\n" }
        for (name, e) in rule.evidence { out += "Evidence `\(name)`:\n\n```\n\(e.source)\n```\n\n" }
        out += "Requires:\n\n```\n\(rule.require.source)\n```\n\n"
        out += "A fact the description does not record makes the result `unknown`, never `pass`.\n\n"
        out += "Message when it fails: \(rule.message.en) / \(rule.message.zh)\n\n"
        out += "## What to do\n\n\(rule.remediation.en)\n\n\(rule.remediation.zh)\n\n"
        if !rule.citations.isEmpty {
            out += "## Sources\n\n"
            for c in rule.citations {
                let name = "\(c.instrument.en), \(c.provision)"
                let force = c.force.map { ", \($0.label.en)" } ?? ""
                var period = ""
                if c.effectiveFrom != nil || c.effectiveTo != nil {
                    period = ", in force \(c.effectiveFrom?.description ?? "?") to \(c.effectiveTo?.description ?? "now")"
                }
                out += "- " + (c.url.map { "[\(name)](\($0))" } ?? name) + " — \(c.instrument.zh) (`\(c.key)`\(force)\(period))\n"
            }
            out += "\n"
        }
        let examples = rule.examples.filter(\.documented)
        if !examples.isEmpty {
            out += "## Examples\n\n"
            for e in examples {
                out += "### \(e.expected.name): \(e.name)\n\n```yaml\n\(e.given.hasSuffix("\n") ? e.given : e.given + "\n")```\n\n"
            }
        }
        return out
    }

    private static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
