import AuditBasics
import AuditResults
import Foundation
import ReportFormat

/// The rollups as one JSON document for scripts: snake_case keys, sorted; two-space indentation.
public enum RollupJSON {
    public static func render(_ r: Rollups, toolVersion: String, generatedAt: String, stored: Int) -> String {
        func group(_ g: GroupRow) -> JSONValue {
            .object([
                "key": .string(g.key), "reports": .int(g.reports), "venues": .int(g.venues),
                "non_compliant": .int(g.nonCompliant), "incomplete": .int(g.incomplete), "compliant": .int(g.compliant),
                "findings": .int(g.findings), "fail": .int(g.fails), "unknown": .int(g.unknowns),
                "evaluated": .int(g.evaluated),
            ])
        }
        func date(_ d: CivilDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }
        var ingest: [String: JSONValue] = [
            "files": .int(r.ingest.files), "added": .int(r.ingest.added), "duplicates": .int(r.ingest.duplicates),
            "already_stored": .int(r.ingest.alreadyStored),
            "skipped": .int(r.ingest.skipped), "stored": .int(stored),
        ]
        for reason in ReportRejection.Reason.allCases {
            ingest["rejected_" + reason.rawValue.replacingOccurrences(of: "-", with: "_")] = .int(
                r.ingest.rejected[reason, default: 0])
        }
        let s = r.selfVersusInspection
        var verdicts: [String: JSONValue] = [:]
        for a in Verdict.allCases {
            var row: [String: JSONValue] = [:]
            for b in Verdict.allCases { row[b.rawValue] = .int(s.count(self: a, inspection: b)) }
            verdicts[a.rawValue] = .object(row)
        }
        let doc: JSONValue = .object([
            "format": .string("venue-audit-aggregate"), "format_version": .int(1),
            "tool_version": .string(toolVersion), "generated_at": .string(generatedAt),
            "ingest": .object(ingest),
            "total": group(r.total),
            "states": .object(
                Dictionary(uniqueKeysWithValues: FindingState.allCases.map { ($0.rawValue, JSONValue.int(r.byState[$0, default: 0])) })),
            "failing_by_severity": .object(
                Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, JSONValue.int(r.failsBySeverity[$0, default: 0])) })),
            "by_district": .array(r.byDistrict.map(group)), "by_venue_type": .array(r.byVenueType.map(group)),
            "by_jurisdiction": .array(r.byJurisdiction.map(group)), "by_kind": .array(r.byKind.map(group)),
            "by_month": .array(r.byMonth.map(group)),
            "rules": .array(
                r.byRule.map { row in
                    var o: [String: JSONValue] = [
                        "rule": .string(row.rule), "title": .object(["en": .string(row.title.en), "zh": .string(row.title.zh)]),
                        "severity": .string(row.severity.rawValue), "venues_failing": .int(row.venuesFailing),
                        "repeat_offences": .int(row.repeatOffences), "fixed": .int(row.fixed),
                    ]
                    for state in FindingState.allCases { o[state.rawValue] = .int(row.states[state, default: 0]) }
                    return .object(o)
                }),
            "repeat_offences": .rows(
                r.repeatOffences.count,
                { i in
                    let o = r.repeatOffences[i]
                    return .object([
                        "venue": .string(o.venueID), "name": .optional(o.venueName), "district": .optional(o.district),
                        "rule": .string(o.rule), "target": .optional(o.target), "assessments": .int(o.assessments),
                        "first": date(o.firstDate), "last": date(o.lastDate),
                    ])
                }),
            "repeat_offender_venues": .int(r.repeatOffenderVenues),
            "fixed": .rows(
                r.fixed.count,
                { i in
                    let f = r.fixed[i]
                    return .object([
                        "venue": .string(f.venueID), "name": .optional(f.venueName), "district": .optional(f.district),
                        "rule": .string(f.rule), "target": .optional(f.target), "failed_on": date(f.failedOn),
                        "fixed_on": date(f.fixedOn), "now": .string(f.now),
                    ])
                }),
            "self_versus_inspection": .object([
                "pairs": .int(s.pairs), "venues": .int(s.venues), "self_fails": .int(s.selfFails),
                "inspection_fails": .int(s.inspectionFails), "missed_by_self": .int(s.missedBySelf),
                "unknown_in_self": .int(s.unknownInSelf), "optimistic": .int(s.optimistic), "verdicts": .object(verdicts),
            ]),
        ])
        return doc.rendered()
    }
}
