import Aggregation
import AuditBasics
import AuditResults
import PostgresNIO

/// The rollups as SQL, run in the database: grouped counts for the dimensions and rules, and
/// window functions over each venue's assessments for repeat offences, fixes and self-
/// assessments followed by inspections. What comes back to the tool is one row per group, per
/// rule and state, per repeat offence, per fix and per pair, never one row per stored report.
///
/// The figures are those `RollupBuilder` computes from `forEachChronologically` (a test holds
/// the two equal): the same order of a venue's assessments (day, undated first, then time
/// written, then digest, compared byte by byte), the same finding key (`RULE[target]`), a
/// finding's state being the last one a report gives for its key.
enum PostgresRollups {
    static func compute(
        ruleTitles titles: [String: LocalizedText], ingest: IngestCounts, run: (String) throws -> PostgresQueryResult
    ) throws -> Rollups {
        var out = Rollups()
        out.ingest = ingest
        try groups(into: &out, run: run)
        var rules = try ruleRows(into: &out, titles: titles, run: run)
        try repeatOffences(into: &out, rules: &rules, run: run)
        try fixes(into: &out, rules: &rules, run: run)
        try selfVersusInspection(into: &out, run: run)
        out.byRule = Array(rules.values)
        out.putInDashboardOrder()
        return out
    }

    /// The dimensions, as `RollupBuilder` keys them; `(none)` when a report does not say.
    private static let none = RollupBuilder.none
    private static let dimensions = ["district", "venue_type", "jurisdiction", "kind", "month", "signer", "signer_org"]

    private static func groups(into out: inout Rollups, run: (String) throws -> PostgresQueryResult) throws {
        let which = dimensions.enumerated().map { "WHEN GROUPING(\($1)) = 0 THEN \($0)" }.joined(separator: " ")
        let key = dimensions.map { "WHEN GROUPING(\($0)) = 0 THEN \($0)" }.joined(separator: " ")
        let sets = dimensions.map { "(\($0))" }.joined(separator: ", ")
        let rows = try run(
            """
            WITH fs AS (
              SELECT report, count(*) AS findings, count(*) FILTER (WHERE state = 'fail') AS fails,
                count(*) FILTER (WHERE state = 'unknown') AS unknowns,
                count(*) FILTER (WHERE state <> 'not_applicable') AS evaluated
              FROM finding GROUP BY report),
            r AS (
              SELECT r.venue_id, r.verdict,
                COALESCE(r.district, '\(none)') AS district, COALESCE(r.venue_type, '\(none)') AS venue_type,
                COALESCE(r.jurisdiction, '\(none)') AS jurisdiction, COALESCE(r.kind, '\(none)') AS kind,
                CASE WHEN length(r.date) = 10 THEN substr(r.date, 1, 7) ELSE '\(none)' END AS month,
                CASE WHEN r.signer_name IS NOT NULL AND r.signer_organization IS NOT NULL AND r.signer_key_id IS NOT NULL
                  THEN r.signer_name || ' (' || r.signer_organization || ')' ELSE '\(none)' END AS signer,
                CASE WHEN r.signer_name IS NOT NULL AND r.signer_organization IS NOT NULL AND r.signer_key_id IS NOT NULL
                  THEN r.signer_organization ELSE '\(none)' END AS signer_org,
                COALESCE(fs.findings, 0) AS findings, COALESCE(fs.fails, 0) AS fails,
                COALESCE(fs.unknowns, 0) AS unknowns, COALESCE(fs.evaluated, 0) AS evaluated
              FROM report r LEFT JOIN fs ON fs.report = r.digest)
            SELECT (CASE \(which) ELSE -1 END)::int8, CASE \(key) ELSE 'all' END,
              count(*)::int8, count(DISTINCT venue_id)::int8,
              count(*) FILTER (WHERE verdict = 'non_compliant')::int8, count(*) FILTER (WHERE verdict = 'incomplete')::int8,
              count(*) FILTER (WHERE verdict = 'compliant')::int8,
              count(*) FILTER (WHERE verdict = 'compliant' AND fails > 0)::int8,
              COALESCE(sum(findings), 0)::int8, COALESCE(sum(fails), 0)::int8, COALESCE(sum(unknowns), 0)::int8,
              COALESCE(sum(evaluated), 0)::int8
            FROM r GROUP BY GROUPING SETS (\(sets), ())
            """)
        var byDimension: [[GroupRow]] = Array(repeating: [], count: dimensions.count)
        for row in rows {
            let c = PostgresRandomAccessRow(row)
            let dimension = try c[0].decode(Int.self)
            var g = GroupRow(key: try c[1].decode(String.self))
            g.reports = try c[2].decode(Int.self)
            g.venues = try c[3].decode(Int.self)
            g.nonCompliant = try c[4].decode(Int.self)
            g.incomplete = try c[5].decode(Int.self)
            g.compliant = try c[6].decode(Int.self)
            g.compliantWithFails = try c[7].decode(Int.self)
            g.findings = try c[8].decode(Int.self)
            g.fails = try c[9].decode(Int.self)
            g.unknowns = try c[10].decode(Int.self)
            g.evaluated = try c[11].decode(Int.self)
            if dimension < 0 {
                // No report at all still gives the () row, all zeros, as the builder's total.
                g.key = "all"
                out.total = g
            } else if g.reports > 0 {
                byDimension[dimension].append(g)
            }
        }
        out.byDistrict = byDimension[0]
        out.byVenueType = byDimension[1]
        out.byJurisdiction = byDimension[2]
        out.byKind = byDimension[3]
        out.byMonth = byDimension[4]
        out.bySigner = byDimension[5]
        out.bySignerOrganization = byDimension[6]
    }

    private static func ruleRows(
        into out: inout Rollups, titles: [String: LocalizedText], run: (String) throws -> PostgresQueryResult
    ) throws -> [String: RuleRow] {
        var rules: [String: RuleRow] = [:]
        for row in try run("SELECT rule, severity, state, count(*)::int8 FROM finding GROUP BY rule, severity, state") {
            let (rule, severityText, stateText, n) = try row.decode((String, String, String, Int).self)
            guard let severity = Severity(rawValue: severityText), let state = FindingState(rawValue: stateText) else { continue }
            var r = rules[rule] ?? RuleRow(rule: rule, title: titles[rule] ?? LocalizedText(rule), severity: severity)
            r.states[state, default: 0] += n
            if severity > r.severity { r.severity = severity }
            rules[rule] = r
            out.byState[state, default: 0] += n
            if state == .fail { out.failsBySeverity[severity, default: 0] += n }
        }
        for row in try run(
            """
            SELECT f.rule, count(DISTINCT r.venue_id)::int8 FROM finding f JOIN report r ON r.digest = f.report
            WHERE f.state = 'fail' GROUP BY f.rule
            """)
        {
            let (rule, venues) = try row.decode((String, Int).self)
            rules[rule]?.venuesFailing = venues
        }
        return rules
    }

    /// A finding's key, `RULE[target]` or `RULE`, as `FindingSummary.key` writes it; the same
    /// expression as the index `finding_by_key`, so that lookups by key use it.
    static let key = "(CASE WHEN target IS NULL THEN rule ELSE rule || '[' || target || ']' END)"

    /// The state a report last gives `key` (NULL when it does not have it), through the index.
    private static func lastState(report: String, key: String) -> String {
        "(SELECT x.state FROM finding x WHERE x.report = \(report) AND \(Self.key.replacingOccurrences(of: "target", with: "x.target").replacingOccurrences(of: "rule", with: "x.rule")) = \(key) ORDER BY x.seq DESC LIMIT 1)"
    }

    /// Each venue's reports numbered in the builder's order (`pos`), with the venue's name and
    /// district as known at that report (the latest one stated so far); and the keys each
    /// report fails (`f`, with the rule and target of the last failing finding of the key).
    /// Only failing findings are compared across assessments, so only they are sorted; the
    /// state of a key in another report is looked up through the index.
    private static let venueHistory = """
        WITH numbered AS (
          SELECT digest, venue_id, kind, verdict, venue_name, district,
            CASE WHEN length(date) = 10 THEN date END AS date,
            row_number() OVER (PARTITION BY venue_id ORDER BY COALESCE(day, -9223372036854775808),
              generated_at COLLATE "C", digest COLLATE "C") AS pos,
            count(*) OVER (PARTITION BY venue_id) AS reports
          FROM report),
        named AS (
          SELECT *, count(venue_name) OVER w AS name_group, count(district) OVER w AS district_group
          FROM numbered WINDOW w AS (PARTITION BY venue_id ORDER BY pos)),
        n AS (
          SELECT digest, venue_id, kind, verdict, date, pos, reports,
            first_value(venue_name) OVER (PARTITION BY venue_id, name_group ORDER BY pos) AS name_then,
            first_value(district) OVER (PARTITION BY venue_id, district_group ORDER BY pos) AS district_then
          FROM named),
        f AS (
          SELECT DISTINCT ON (report, \(key)) report, \(key) AS key, rule, target
          FROM finding WHERE state = 'fail' ORDER BY report, \(key), seq DESC),
        fr AS (SELECT n.venue_id, n.pos, f.* FROM f JOIN n ON n.digest = f.report)
        """

    private static func repeatOffences(
        into out: inout Rollups, rules: inout [String: RuleRow], run: (String) throws -> PostgresQueryResult
    ) throws {
        let rows = try run(
            """
            \(venueHistory),
            islands AS (
              SELECT venue_id, pos, key, rule, target, pos - row_number() OVER (PARTITION BY venue_id, key ORDER BY pos) AS island
              FROM fr),
            streaks AS (
              SELECT venue_id, key, min(pos) AS first_pos, max(pos) AS last_pos, count(*) AS assessments,
                (array_agg(rule ORDER BY pos DESC))[1] AS rule, (array_agg(target ORDER BY pos DESC))[1] AS target
              FROM islands GROUP BY venue_id, key, island HAVING count(*) >= 2)
            SELECT s.venue_id, s.key, s.rule, s.target, s.assessments::int8, a.date, b.date, c.name_then, c.district_then,
              c.pos::int8, s.last_pos::int8
            FROM streaks s
              JOIN n a ON a.venue_id = s.venue_id AND a.pos = s.first_pos
              JOIN n b ON b.venue_id = s.venue_id AND b.pos = s.last_pos
              JOIN n c ON c.venue_id = s.venue_id AND c.pos = LEAST(s.last_pos + 1, b.reports)
            """)
        var found: [(offence: RepeatOffence, order: (Int, Int, String))] = []
        for row in rows {
            let c = PostgresRandomAccessRow(row)
            let offence = RepeatOffence(
                venueID: try c[0].decode(String.self), venueName: try c[7].decode(String?.self),
                district: try c[8].decode(String?.self), rule: try c[2].decode(String.self), target: try c[3].decode(String?.self),
                assessments: try c[4].decode(Int.self), firstDate: try c[5].decode(String?.self).flatMap { CivilDate(iso: $0) },
                lastDate: try c[6].decode(String?.self).flatMap { CivilDate(iso: $0) })
            found.append((offence, (try c[9].decode(Int.self), try c[10].decode(Int.self), try c[1].decode(String.self))))
            rules[offence.rule]?.repeatOffences += 1
        }
        // The order the builder closes streaks in (venue, then the report that ended the
        // streak, then key), so that the dashboard's sort, which can tie, gives the same list.
        found.sort { a, b in
            if a.offence.venueID != b.offence.venueID { return bytesBefore(a.offence.venueID, b.offence.venueID) }
            return (a.order.0, a.order.1, a.order.2) < (b.order.0, b.order.1, b.order.2)
        }
        out.repeatOffences = found.map(\.offence)
        out.repeatOffenderVenues = Set(found.map(\.offence.venueID)).count
    }

    private static func fixes(into out: inout Rollups, rules: inout [String: RuleRow], run: (String) throws -> PostgresQueryResult) throws {
        let rows = try run(
            """
            \(venueHistory)
            SELECT p.venue_id, p.key, p.rule, p.target, a.date, b.date, b.name_then, b.district_then, b.pos::int8,
              COALESCE(nx.state, 'absent')
            FROM fr p
              JOIN n a ON a.digest = p.report
              JOIN n b ON b.venue_id = p.venue_id AND b.pos = p.pos + 1
              LEFT JOIN f still ON still.report = b.digest AND still.key = p.key
              LEFT JOIN LATERAL (SELECT \(lastState(report: "b.digest", key: "p.key")) AS state) nx ON true
            WHERE still.key IS NULL AND (nx.state IS NULL OR nx.state IN ('pass', 'not_applicable'))
            """)
        var found: [(fixed: FixedFinding, order: (Int, String))] = []
        for row in rows {
            let c = PostgresRandomAccessRow(row)
            let fixed = FixedFinding(
                venueID: try c[0].decode(String.self), venueName: try c[6].decode(String?.self),
                district: try c[7].decode(String?.self), rule: try c[2].decode(String.self), target: try c[3].decode(String?.self),
                failedOn: try c[4].decode(String?.self).flatMap { CivilDate(iso: $0) },
                fixedOn: try c[5].decode(String?.self).flatMap { CivilDate(iso: $0) }, now: try c[9].decode(String.self))
            found.append((fixed, (try c[8].decode(Int.self), try c[1].decode(String.self))))
            rules[fixed.rule]?.fixed += 1
        }
        found.sort { a, b in
            if a.fixed.venueID != b.fixed.venueID { return bytesBefore(a.fixed.venueID, b.fixed.venueID) }
            return a.order < b.order
        }
        out.fixed = found.map(\.fixed)
    }

    private static func selfVersusInspection(into out: inout Rollups, run: (String) throws -> PostgresQueryResult) throws {
        // An inspection or follow-up is paired with the latest self-assessment before it when
        // no other inspection or follow-up came between them.
        let rows = try run(
            """
            \(venueHistory),
            marks AS (
              SELECT n.*, max(CASE WHEN kind = 'self_assessment' THEN pos END) OVER w AS self_pos,
                max(CASE WHEN kind IN ('inspection', 'follow_up') THEN pos END) OVER w AS inspection_pos
              FROM n WINDOW w AS (PARTITION BY venue_id ORDER BY pos ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
            pairs AS (
              SELECT m.venue_id, m.digest AS inspection, s.digest AS own, m.verdict AS inspection_verdict, s.verdict AS own_verdict
              FROM marks m JOIN n s ON s.venue_id = m.venue_id AND s.pos = m.self_pos
              WHERE m.kind IN ('inspection', 'follow_up') AND (m.inspection_pos IS NULL OR m.self_pos > m.inspection_pos)),
            fails AS (SELECT report, count(*) AS n FROM f GROUP BY report),
            missed AS (
              SELECT p.inspection, count(*) FILTER (WHERE o.state = 'pass') AS pass, count(*) FILTER (WHERE o.state = 'unknown') AS unknown
              FROM pairs p JOIN f i ON i.report = p.inspection
                CROSS JOIN LATERAL (SELECT \(lastState(report: "p.own", key: "i.key")) AS state) o
              GROUP BY p.inspection)
            SELECT p.venue_id, p.own_verdict, p.inspection_verdict, COALESCE(fo.n, 0)::int8, COALESCE(fi.n, 0)::int8,
              COALESCE(m.pass, 0)::int8, COALESCE(m.unknown, 0)::int8
            FROM pairs p LEFT JOIN fails fo ON fo.report = p.own LEFT JOIN fails fi ON fi.report = p.inspection
              LEFT JOIN missed m ON m.inspection = p.inspection
            """)
        var pairs = SelfVersusInspection()
        var venues: Set<String> = []
        for row in rows {
            let c = PostgresRandomAccessRow(row)
            venues.insert(try c[0].decode(String.self))
            let own = Verdict(rawValue: try c[1].decode(String.self)) ?? .incomplete
            let inspection = Verdict(rawValue: try c[2].decode(String.self)) ?? .incomplete
            pairs.pairs += 1
            pairs.verdicts[own, default: [:]][inspection, default: 0] += 1
            pairs.selfFails += try c[3].decode(Int.self)
            pairs.inspectionFails += try c[4].decode(Int.self)
            pairs.missedBySelf += try c[5].decode(Int.self)
            pairs.unknownInSelf += try c[6].decode(Int.self)
        }
        pairs.venues = venues.count
        out.selfVersusInspection = pairs
    }

    /// Byte order of UTF-8, as SQLite and `COLLATE "C"` compare text.
    private static func bytesBefore(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
