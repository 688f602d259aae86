import AuditBasics
import AuditResults
import Foundation

/// The rollups as one JSON document for scripts: snake_case keys, sorted; two-space indentation.
public enum RollupJSON {
    public static func render(_ r: Rollups, toolVersion: String, generatedAt: String, stored: Int) -> String {
        func group(_ g: GroupRow) -> JSON {
            .object([
                "key": .string(g.key), "reports": .int(g.reports), "venues": .int(g.venues),
                "non_compliant": .int(g.nonCompliant), "incomplete": .int(g.incomplete), "compliant": .int(g.compliant),
                "findings": .int(g.findings), "fail": .int(g.fails), "unknown": .int(g.unknowns),
                "evaluated": .int(g.evaluated),
            ])
        }
        func date(_ d: CivilDate?) -> JSON { d.map { .string($0.description) } ?? .null }
        func text(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
        var ingest: [String: JSON] = [
            "files": .int(r.ingest.files), "added": .int(r.ingest.added), "duplicates": .int(r.ingest.duplicates), "already_stored": .int(r.ingest.alreadyStored),
            "skipped": .int(r.ingest.skipped), "stored": .int(stored),
        ]
        for reason in ReportRejection.Reason.allCases {
            ingest["rejected_" + reason.rawValue.replacingOccurrences(of: "-", with: "_")] = .int(
                r.ingest.rejected[reason, default: 0])
        }
        let s = r.selfVersusInspection
        var verdicts: [String: JSON] = [:]
        for a in Verdict.allCases {
            var row: [String: JSON] = [:]
            for b in Verdict.allCases { row[b.rawValue] = .int(s.count(self: a, inspection: b)) }
            verdicts[a.rawValue] = .object(row)
        }
        let doc: JSON = .object([
            "format": .string("venue-audit-aggregate"), "format_version": .int(1),
            "tool_version": .string(toolVersion), "generated_at": .string(generatedAt),
            "ingest": .object(ingest),
            "total": group(r.total),
            "states": .object(Dictionary(uniqueKeysWithValues: FindingState.allCases.map { ($0.rawValue, JSON.int(r.byState[$0, default: 0])) })),
            "failing_by_severity": .object(Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, JSON.int(r.failsBySeverity[$0, default: 0])) })),
            "by_district": .array(r.byDistrict.map(group)), "by_venue_type": .array(r.byVenueType.map(group)),
            "by_jurisdiction": .array(r.byJurisdiction.map(group)), "by_kind": .array(r.byKind.map(group)),
            "by_month": .array(r.byMonth.map(group)),
            "rules": .array(r.byRule.map { row in
                var o: [String: JSON] = [
                    "rule": .string(row.rule), "title": .object(["en": .string(row.title.en), "zh": .string(row.title.zh)]),
                    "severity": .string(row.severity.rawValue), "venues_failing": .int(row.venuesFailing),
                    "repeat_offences": .int(row.repeatOffences), "fixed": .int(row.fixed),
                ]
                for state in FindingState.allCases { o[state.rawValue] = .int(row.states[state, default: 0]) }
                return .object(o)
            }),
            "repeat_offences": .rows(r.repeatOffences.count, { i in
                let o = r.repeatOffences[i]
                return .object([
                    "venue": .string(o.venueID), "name": text(o.venueName), "district": text(o.district),
                    "rule": .string(o.rule), "target": text(o.target), "assessments": .int(o.assessments),
                    "first": date(o.firstDate), "last": date(o.lastDate),
                ])
            }),
            "repeat_offender_venues": .int(r.repeatOffenderVenues),
            "fixed": .rows(r.fixed.count, { i in
                let f = r.fixed[i]
                return .object([
                    "venue": .string(f.venueID), "name": text(f.venueName), "district": text(f.district),
                    "rule": .string(f.rule), "target": text(f.target), "failed_on": date(f.failedOn),
                    "fixed_on": date(f.fixedOn), "now": .string(f.now),
                ])
            }),
            "self_versus_inspection": .object([
                "pairs": .int(s.pairs), "venues": .int(s.venues), "self_fails": .int(s.selfFails),
                "inspection_fails": .int(s.inspectionFails), "missed_by_self": .int(s.missedBySelf),
                "unknown_in_self": .int(s.unknownInSelf), "optimistic": .int(s.optimistic), "verdicts": .object(verdicts),
            ]),
        ])
        var out = ""
        doc.write(to: &out, indent: 0)
        return out + "\n"
    }
}

/// A minimal JSON value printed deterministically (keys sorted by their UTF-8 bytes).
enum JSON {
    case null
    case int(Int)
    case string(String)
    case array([JSON])
    /// An array whose elements are made one at a time while it is written, so a list that
    /// grows with the number of venues is never held as a whole tree of values.
    case rows(Int, (Int) -> JSON)
    case object([String: JSON])

    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let end = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .int(let i): out += String(i)
        case .string(let s): JSONText.quote(s, to: &out)
        case .array(let items):
            JSON.rows(items.count, { items[$0] }).write(to: &out, indent: indent)
        case .rows(let count, let item):
            guard count > 0 else { return out += "[]" }
            out += "[\n"
            for n in 0..<count {
                out += pad
                item(n).write(to: &out, indent: indent + 1)
                out += n == count - 1 ? "\n" : ",\n"
            }
            out += end + "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (n, key) in keys.enumerated() {
                out += pad
                JSONText.quote(key, to: &out)
                out += ": "
                members[key]?.write(to: &out, indent: indent + 1)
                out += n == keys.count - 1 ? "\n" : ",\n"
            }
            out += end + "}"
        }
    }

}
