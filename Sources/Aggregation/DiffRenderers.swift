import AuditBasics
import AuditResults
import Foundation
import ReportFormat

/// A diff as compiler-style text, a self-contained HTML page, or SARIF 2.1.0 with `baselineState`.
public enum DiffRenderer {
    public static func text(_ d: ReportDiff, oldPath: String, newPath: String) -> String {
        // Every text from a report is made display-safe: no newline to forge a line, no control
        // or bidirectional character to rewrite the terminal.
        func c(_ s: String) -> String { DisplaySafeText.clean(s) }
        var out =
            "\(c(d.new.venueID)) \(c(d.new.venueName ?? "")): \(d.old.date?.description ?? "undated") -> \(d.new.date?.description ?? "undated")\n"
        for e in d.entries {
            var line =
                "\(c(newPath)): \(e.change == .new ? "error" : "note"): [\(c(e.rule))] \(e.change.rawValue.replacingOccurrences(of: "_", with: " ")): \(c(e.key)) \(c(e.title.en))"
            line += " (\(e.oldState?.rawValue ?? "absent") -> \(e.newState?.rawValue ?? "absent")"
            if e.severityChanged { line += "; severity \(e.oldSeverity?.rawValue ?? "") -> \(e.newSeverity?.rawValue ?? "")" }
            out += line + ")\n"
        }
        out += summary(d) + "\n"
        return out
    }

    public static func summary(_ d: ReportDiff) -> String {
        ReportDiff.Change.allCases.map { "\(d.count($0)) \($0.rawValue.replacingOccurrences(of: "_", with: " "))" }
            .joined(separator: ", ") + ", \(d.unchanged) unchanged"
    }

    public static func html(_ d: ReportDiff, oldPath: String, newPath: String, language: Language) -> String {
        let t = DashboardLabels(language: language)
        func e(_ s: String) -> String { Markup.escape(s) }
        func name(_ c: ReportDiff.Change) -> String {
            switch c {
            case .new: t("new", "新增")
            case .fixed: t("fixed", "已整改")
            case .stillFailing: t("still failing", "仍不合规")
            case .newlyWaived: t("newly waived", "新豁免")
            case .unverified: t("was failing, now unknown", "原不合规，现结果未知")
            case .severityChanged: t("severity changed", "严重程度变化")
            }
        }
        var html = """
            <!DOCTYPE html><html lang="\(language == .zh ? "zh-CN" : "en")"><head><meta charset="utf-8">
            <title>\(e(t("What changed since the last visit", "与上次检查相比的变化"))): \(e(d.new.venueID))</title>
            <style>\(Dashboard.css)</style></head><body>
            <header><h1>\(e(t("What changed since the last visit", "与上次检查相比的变化")))</h1>
            <p class="meta">\(e(d.new.venueID)) \(e(d.new.venueName ?? "")) · \(e(d.old.date?.description ?? "–")) → \(e(d.new.date?.description ?? "–")) · \(e(oldPath)) → \(e(newPath))</p></header><main>
            <section class="cards">
            """
        for c in ReportDiff.Change.allCases {
            let cls = c == .new ? "bad" : c == .fixed ? "good" : c == .stillFailing ? "warn" : ""
            html +=
                "<div class=\"card \(cls)\"><span class=\"n\" data-figure=\"diff/\(c.rawValue)\">\(d.count(c))</span><span class=\"l\">\(e(name(c)))</span></div>"
        }
        html +=
            "</section><section><table class=\"sortable\"><thead><tr><th class=\"text\">\(e(t("change", "变化")))</th><th class=\"text\">\(e(t("rule", "规则")))</th><th class=\"text\">\(e(t("target", "对象")))</th><th>\(e(t("before", "之前")))</th><th>\(e(t("now", "现在")))</th><th>\(e(t("severity", "严重程度")))</th></tr></thead><tbody>"
        for x in d.entries {
            let severity =
                x.severityChanged
                ? "\(t.severity(x.oldSeverity ?? .info)) → \(t.severity(x.newSeverity ?? .info))"
                : t.severity(x.newSeverity ?? x.oldSeverity ?? .info)
            let cls = x.change == .new ? "text fail" : "text"
            html +=
                "<tr><td class=\"\(cls)\">\(e(name(x.change)))</td><td class=\"text\"><b>\(e(x.rule))</b><br>\(e(x.title[language]))</td><td class=\"text\">\(e(x.target ?? "–"))</td>"
            html +=
                "<td>\(e(x.oldState.map(t.state) ?? t("absent", "无")))</td><td>\(e(x.newState.map(t.state) ?? t("absent", "无")))</td><td>\(e(severity))</td></tr>"
        }
        html +=
            "</tbody></table><p class=\"note\">\(d.unchanged) \(e(t("findings unchanged are not listed.", "项未变化的结果未列出。")))</p></section></main><script>\(Dashboard.script)</script></body></html>\n"
        return html
    }

    /// SARIF 2.1.0: one result per listed finding, with `baselineState` `new`, `unchanged`,
    /// `updated` (severity changed, newly waived, unverified) or `absent` (fixed).
    public static func sarif(_ d: ReportDiff, newPath: String, toolVersion: String) -> String {
        var results: [JSONValue] = []
        var ruleIDs: [String] = []
        for x in d.entries {
            if !ruleIDs.contains(x.rule) { ruleIDs.append(x.rule) }
            let baseline: String
            switch x.change {
            case .new: baseline = "new"
            case .stillFailing: baseline = x.severityChanged ? "updated" : "unchanged"
            case .fixed: baseline = "absent"
            case .newlyWaived, .unverified, .severityChanged: baseline = "updated"
            }
            var result: [String: JSONValue] = [
                "ruleId": .string(x.rule),
                "message": .object([
                    "text": .string("\(x.change.rawValue.replacingOccurrences(of: "_", with: " ")): \(x.key): \(x.title.en)")
                ]),
                "baselineState": .string(baseline),
                "locations": .array([
                    .object([
                        "physicalLocation": .object(["artifactLocation": .object(["uri": .string(newPath)])]),
                        "logicalLocations": .array([.object(["fullyQualifiedName": .string("\(d.new.venueID)/\(x.key)")])]),
                    ])
                ]),
                "properties": .object([
                    "change": .string(x.change.rawValue), "oldState": .string(x.oldState?.rawValue ?? "absent"),
                    "newState": .string(x.newState?.rawValue ?? "absent"), "target": .optional(x.target),
                ]),
            ]
            if x.newState == .fail || x.change == .fixed && x.oldState == .fail {
                result["kind"] = .string(x.change == .fixed ? "pass" : "fail")
                result["level"] = .string(x.change == .fixed ? "none" : SARIF.level(for: x.newSeverity ?? .info))
            } else if x.newState == .waived {
                result["kind"] = .string("fail")
                result["level"] = .string(SARIF.level(for: x.newSeverity ?? .info))
                result["suppressions"] = .array([.object(["kind": .string("external"), "status": .string("accepted")])])
            } else {
                result["kind"] = .string("review")
                result["level"] = .string("none")
            }
            results.append(.object(result))
        }
        let doc: JSONValue = .object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "version": .string("2.1.0"),
            "runs": .array([
                .object([
                    "tool": .object([
                        "driver": .object([
                            "name": .string("venue-audit"), "version": .string(toolVersion),
                            "informationUri": .string("https://example.org/venue-audit"),
                            "rules": .array(ruleIDs.map { .object(["id": .string($0)]) }),
                        ])
                    ]),
                    "results": .array(results),
                    "properties": .object([
                        "venueId": .string(d.new.venueID), "baselineReport": .string(d.old.digest),
                        "currentReport": .string(d.new.digest),
                    ]),
                ])
            ]),
        ])
        return doc.rendered()
    }
}
