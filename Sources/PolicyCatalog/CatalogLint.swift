import AuditBasics
import AuditResults

/// Checks a loaded catalogue for what loading alone does not enforce: every rule is tested by
/// examples of each kind and written in both languages in the house style. The same checks run
/// in `venue-audit policies lint` and in the catalogue test, so CI and users see one list.
public enum CatalogLint {
    public static func check(_ catalog: Catalog) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for rule in catalog.rules {
            let states = Set(rule.examples.compactMap(\.state))
            for needed in [FindingState.pass, .fail, .unknown] where !states.contains(needed) {
                problems.append(.error("lint-examples", "\(rule.id) has no '\(needed.rawValue)' example", at: rule.location))
            }
            for example in rule.examples where example.state == .fail && example.at == nil {
                problems.append(
                    .warning(
                        "lint-at", "\(rule.id): failing example '\(example.name)' does not say where the finding points (at:)",
                        at: example.location))
            }
            for (field, text) in [("title", rule.title), ("message", rule.message), ("remediation", rule.remediation)] {
                for language in Language.allCases where isBlank(text[language]) {
                    problems.append(.error("lint-text", "\(rule.id) has an empty \(language.rawValue) \(field)", at: rule.location))
                }
            }
            if let expects = rule.expects {
                for language in Language.allCases where isBlank(expects[language]) {
                    problems.append(.error("lint-text", "\(rule.id) has an empty \(language.rawValue) expects", at: rule.location))
                }
            } else {
                problems.append(
                    .error(
                        "lint-expects",
                        "\(rule.id) does not say what it expects in words (expects: {en: ..., zh: ...})", at: rule.location))
            }
            let en = rule.message.en
            if let first = en.first, first.isUppercase, !en.hasPrefix("{") {
                problems.append(.warning("lint-style", "\(rule.id): the English message should start in lower case", at: rule.location))
            }
            if en.hasSuffix(".") {
                problems.append(.warning("lint-style", "\(rule.id): the English message should not end with a period", at: rule.location))
            }
            if rule.citations.isEmpty && !rule.isPractice {
                problems.append(.error("lint-citation", "\(rule.id) cites nothing", at: rule.location))
            }
        }
        return problems
    }

    /// Whether `text` holds only spaces and tabs (of any script): what trimming whitespace would
    /// leave empty, decided at the first other character instead of copying the text.
    private static func isBlank(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\t" && $0.properties.generalCategory != .spaceSeparator }
    }
}
