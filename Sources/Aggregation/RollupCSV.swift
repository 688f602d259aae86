import AuditBasics
import AuditResults
import Foundation

/// The rollups as CSV files for spreadsheets: one table per file, a header row, RFC 4180
/// quoting, UTF-8 with CRLF line ends. A cell that a spreadsheet would run as a formula
/// (starting with `= + - @`, a tab or a carriage return, also behind invisible characters or
/// with a combining mark on it) gets a leading `'`.
public enum RollupCSV {
    /// `(file name, contents)` for every table.
    public static func files(_ r: Rollups) -> [(String, String)] {
        let groupHeader = [
            "key", "reports", "venues", "non_compliant", "incomplete", "compliant", "findings", "fail", "unknown",
            "evaluated", "unknown_share",
        ]
        func groups(_ rows: [GroupRow]) -> String {
            table(
                groupHeader,
                rows.map { g in
                    [g.key]
                        + [
                            g.reports, g.venues, g.nonCompliant, g.incomplete, g.compliant, g.findings, g.fails, g.unknowns,
                            g.evaluated,
                        ].map(String.init) + [share(g.unknownShare)]
                })
        }
        let ruleHeader =
            ["rule", "title_en", "title_zh", "severity"] + FindingState.allCases.map(\.rawValue)
            + ["venues_failing", "repeat_offences", "fixed"]
        let rules = table(
            ruleHeader,
            r.byRule.map { row in
                [row.rule, row.title.en, row.title.zh, row.severity.rawValue]
                    + FindingState.allCases.map { String(row.states[$0, default: 0]) }
                    + [row.venuesFailing, row.repeatOffences, row.fixed].map(String.init)
            })
        let repeats = table(
            ["venue", "name", "district", "rule", "target", "assessments", "first", "last"],
            r.repeatOffences.map { o in
                [
                    o.venueID, o.venueName ?? "", o.district ?? "", o.rule, o.target ?? "", String(o.assessments),
                    o.firstDate?.description ?? "", o.lastDate?.description ?? "",
                ]
            })
        let fixed = table(
            ["venue", "name", "district", "rule", "target", "failed_on", "fixed_on", "now"],
            r.fixed.map { f in
                [
                    f.venueID, f.venueName ?? "", f.district ?? "", f.rule, f.target ?? "", f.failedOn?.description ?? "",
                    f.fixedOn?.description ?? "", f.now,
                ]
            })
        let s = r.selfVersusInspection
        var pairs: [[String]] = []
        for a in Verdict.allCases {
            for b in Verdict.allCases { pairs.append([a.rawValue, b.rawValue, String(s.count(self: a, inspection: b))]) }
        }
        var summary: [[String]] = [
            ["reports", String(r.total.reports)], ["venues", String(r.total.venues)],
            ["non_compliant", String(r.total.nonCompliant)], ["incomplete", String(r.total.incomplete)],
            ["compliant", String(r.total.compliant)], ["findings", String(r.total.findings)],
            ["unknown_share", share(r.total.unknownShare)],
        ]
        summary += FindingState.allCases.map { ["state_\($0.rawValue)", String(r.byState[$0, default: 0])] }
        summary += Severity.allCases.map { ["fail_\($0.rawValue)", String(r.failsBySeverity[$0, default: 0])] }
        summary += [
            ["repeat_offences", String(r.repeatOffences.count)], ["repeat_offender_venues", String(r.repeatOffenderVenues)],
            ["fixed", String(r.fixed.count)], ["self_assessment_pairs", String(s.pairs)],
            ["self_assessment_optimistic", String(s.optimistic)], ["missed_by_self", String(s.missedBySelf)],
            ["files_read", String(r.ingest.files)], ["added", String(r.ingest.added)],
            ["already_stored", String(r.ingest.alreadyStored)], ["duplicates", String(r.ingest.duplicates)],
        ]
        summary += ReportRejection.Reason.allCases.map { ["rejected_\($0.rawValue)", String(r.ingest.rejected[$0, default: 0])] }
        return [
            ("summary.csv", table(["figure", "value"], summary)),
            ("by-district.csv", groups(r.byDistrict)), ("by-venue-type.csv", groups(r.byVenueType)),
            ("by-jurisdiction.csv", groups(r.byJurisdiction)), ("by-kind.csv", groups(r.byKind)),
            ("by-month.csv", groups(r.byMonth)), ("rules.csv", rules), ("repeat-offences.csv", repeats),
            ("fixed.csv", fixed), ("self-versus-inspection.csv", table(["self_verdict", "inspection_verdict", "pairs"], pairs)),
        ]
    }

    /// A share as a decimal with four places: `0.1250`.
    static func share(_ x: Double) -> String {
        let scaled = Int((x * 10_000).rounded())
        let frac = String(scaled % 10_000)
        return "\(scaled / 10_000).\(String(repeating: "0", count: 4 - frac.count))\(frac)"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    public static func cell(_ value: String) -> String {
        var v = value
        if Int(v) == nil, startsLikeFormula(v) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet could read `value` as a formula: judged on Unicode scalars, not
    /// on the first grapheme (`=` with a combining mark or a joiner after it is still `=`), and
    /// after any invisible format characters or spaces in front.
    static func startsLikeFormula(_ value: String) -> Bool {
        for u in value.unicodeScalars {
            if u == "\t" || u == "\r" { return true }
            if u.properties.generalCategory == .format || u == " " || u == "\u{00A0}" || u == "\u{3000}" { continue }
            return "=+-@＝＋－＠".unicodeScalars.contains(u)
        }
        return false
    }
}
