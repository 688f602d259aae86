import AuditBasics
import AuditResults

/// Computes every rollup in one pass over the stored reports, which must arrive venue by venue,
/// each venue's assessments oldest first (`ReportStore.forEachChronologically`).
///
/// Memory is bounded by the number of distinct districts, venue types, jurisdictions, kinds,
/// months and rules, plus the state of the current venue only (its previous assessment, its
/// open repeat-offence streaks and its last self-assessment), plus the output lists of repeat
/// offences and fixes.
public struct RollupBuilder {
    /// The key used when a report does not state a value.
    public static let none = "(none)"

    private enum Dimension: Int, CaseIterable { case district, venueType, jurisdiction, kind, month, signer, signerOrganization }

    private struct Assessment {
        var date: CivilDate?
        var verdict: Verdict
        var states: [String: FindingState]
        var fails: Set<String>
    }

    private var rollups = Rollups()
    private var groups: [[String: GroupRow]] = Array(repeating: [:], count: Dimension.allCases.count)
    private var rules: [String: RuleRow] = [:]
    private var findingIDs: [String: (rule: String, target: String?)] = [:]

    // The venue being read.
    private var venue: ReportSummary?
    private var venueGroups: Set<[String]> = []
    private var venueRulesFailed: Set<String> = []
    private var previous: Assessment?
    private var streaks: [String: RepeatOffence] = [:]
    private var lastSelf: Assessment?
    private var venuePaired = false
    private var venueRepeats = false

    public init() {}

    /// Adds the next report.
    public mutating func add(_ report: ReportSummary) {
        if report.venueID != venue?.venueID {
            closeVenue()
            venue = report
        } else if var current = venue {
            current.venueName = report.venueName ?? current.venueName
            current.district = report.district ?? current.district
            venue = current
        }
        countGroups(report)
        let current = countFindings(report)
        compare(previous: previous, current: current, report: report)
        compareWithSelfAssessment(current, report: report)
        previous = current
    }

    /// The rollups of every report added; `titles` names the rules, `ingest` says what was read.
    public mutating func finish(ruleTitles titles: [String: LocalizedText], ingest: IngestCounts) -> Rollups {
        closeVenue()
        var out = rollups
        out.ingest = ingest
        func rows(_ d: Dimension) -> [GroupRow] { Array(groups[d.rawValue].values) }
        out.byDistrict = rows(.district)
        out.byVenueType = rows(.venueType)
        out.byJurisdiction = rows(.jurisdiction)
        out.byKind = rows(.kind)
        out.bySigner = rows(.signer)
        out.bySignerOrganization = rows(.signerOrganization)
        out.byMonth = rows(.month)
        out.byRule = rules.values.map { row in
            var r = row
            if let t = titles[row.rule] { r.title = t }
            return r
        }
        out.putInDashboardOrder()
        return out
    }

    // MARK: - Private

    private static func month(_ date: CivilDate?) -> String {
        guard let date else { return none }
        return String(date.description.prefix(7))
    }

    private mutating func countGroups(_ r: ReportSummary) {
        let keys: [(Dimension, String?)] = [
            (.district, r.district), (.venueType, r.venueType), (.jurisdiction, r.jurisdiction), (.kind, r.kind),
            (.month, Self.month(r.date)),
            (.signer, r.signer.map { "\($0.name) (\($0.organization))" }), (.signerOrganization, r.signer?.organization),
        ]
        rollups.total.add(r)
        for (dimension, value) in keys {
            let key = value ?? Self.none
            groups[dimension.rawValue][key, default: GroupRow(key: key)].add(r)
            venueGroups.insert([String(dimension.rawValue), key])
        }
    }

    private mutating func countFindings(_ r: ReportSummary) -> Assessment {
        var states: [String: FindingState] = [:]
        var fails: Set<String> = []
        for f in r.findings {
            let key = f.key
            states[key] = f.state
            findingIDs[key] = (f.rule, f.target)
            rollups.byState[f.state, default: 0] += 1
            var row = rules[f.rule] ?? RuleRow(rule: f.rule, title: LocalizedText(f.rule), severity: f.severity)
            row.states[f.state, default: 0] += 1
            if f.severity > row.severity { row.severity = f.severity }
            rules[f.rule] = row
            if f.state == .fail {
                fails.insert(key)
                rollups.failsBySeverity[f.severity, default: 0] += 1
                venueRulesFailed.insert(f.rule)
            }
        }
        return Assessment(date: r.date, verdict: r.verdict, states: states, fails: fails)
    }

    private mutating func compare(previous: Assessment?, current: Assessment, report: ReportSummary) {
        guard let previous else { return }
        for key in previous.fails.sorted() {
            guard let id = findingIDs[key] else { continue }
            if current.fails.contains(key) {
                if streaks[key] == nil {
                    streaks[key] = RepeatOffence(
                        venueID: report.venueID, venueName: nil, district: nil, rule: id.rule, target: id.target,
                        assessments: 1, firstDate: previous.date, lastDate: previous.date)
                }
                streaks[key]?.assessments += 1
                streaks[key]?.lastDate = current.date
                continue
            }
            let now: String
            switch current.states[key] {
            case nil: now = "absent"
            case .pass?: now = "pass"
            case .notApplicable?: now = "not_applicable"
            default: continue  // waived, unknown or error: not fixed
            }
            rollups.fixed.append(
                FixedFinding(
                    venueID: report.venueID, venueName: venue?.venueName, district: venue?.district, rule: id.rule,
                    target: id.target, failedOn: previous.date, fixedOn: current.date, now: now))
            rules[id.rule]?.fixed += 1
        }
        for key in streaks.keys.sorted() where !current.fails.contains(key) { closeStreak(key) }
    }

    private mutating func compareWithSelfAssessment(_ current: Assessment, report: ReportSummary) {
        if report.kind == "self_assessment" {
            lastSelf = current
            return
        }
        guard report.kind == "inspection" || report.kind == "follow_up", let own = lastSelf else { return }
        var pairs = rollups.selfVersusInspection
        pairs.pairs += 1
        pairs.verdicts[own.verdict, default: [:]][current.verdict, default: 0] += 1
        pairs.selfFails += own.fails.count
        pairs.inspectionFails += current.fails.count
        for key in current.fails {
            switch own.states[key] {
            case .pass?: pairs.missedBySelf += 1
            case .unknown?: pairs.unknownInSelf += 1
            default: break
            }
        }
        rollups.selfVersusInspection = pairs
        venuePaired = true
        lastSelf = nil
    }

    private mutating func closeStreak(_ key: String) {
        guard var offence = streaks.removeValue(forKey: key) else { return }
        offence.venueName = venue?.venueName
        offence.district = venue?.district
        rollups.repeatOffences.append(offence)
        rules[offence.rule]?.repeatOffences += 1
        venueRepeats = true
    }

    private mutating func closeVenue() {
        guard venue != nil else { return }
        for key in streaks.keys.sorted() { closeStreak(key) }
        rollups.total.venues += 1
        for group in venueGroups {
            guard let raw = Int(group[0]) else { continue }
            groups[raw][group[1]]?.venues += 1
        }
        for rule in venueRulesFailed { rules[rule]?.venuesFailing += 1 }
        if venuePaired { rollups.selfVersusInspection.venues += 1 }
        if venueRepeats { rollups.repeatOffenderVenues += 1 }
        venue = nil
        venueGroups = []
        venueRulesFailed = []
        previous = nil
        streaks = [:]
        lastSelf = nil
        venuePaired = false
        venueRepeats = false
        findingIDs = [:]
    }
}

extension Rollups {
    /// Sorts every list as the dashboard shows it and gives every state and severity a count
    /// (zero if none). Every way of computing rollups ends with this, so they list alike.
    public mutating func putInDashboardOrder() {
        for keyPath in [\Rollups.byDistrict, \.byVenueType, \.byJurisdiction, \.byKind, \.bySigner, \.bySignerOrganization] {
            self[keyPath: keyPath].sort { $0.key < $1.key }
        }
        let none = RollupBuilder.none
        byMonth.sort { a, b in (a.key == none ? 1 : 0, a.key) < (b.key == none ? 1 : 0, b.key) }
        byRule.sort { ($0.fails, $1.rule) > ($1.fails, $0.rule) }
        for state in FindingState.allCases { byState[state] = byState[state] ?? 0 }
        for severity in Severity.allCases { failsBySeverity[severity] = failsBySeverity[severity] ?? 0 }
        repeatOffences.sort { a, b in
            (b.assessments, a.venueID, a.rule, a.target ?? "") < (a.assessments, b.venueID, b.rule, b.target ?? "")
        }
        fixed.sort { a, b in
            (a.venueID, a.fixedOn?.dayNumber ?? 0, a.rule, a.target ?? "")
                < (b.venueID, b.fixedOn?.dayNumber ?? 0, b.rule, b.target ?? "")
        }
    }
}

extension GroupRow {
    mutating func add(_ r: ReportSummary) {
        reports += 1
        switch r.verdict {
        case .nonCompliant: nonCompliant += 1
        case .incomplete: incomplete += 1
        case .compliant: compliant += 1
        }
        if r.verdict == .compliant && r.findings.contains(where: { $0.state == .fail }) { compliantWithFails += 1 }
        for f in r.findings {
            findings += 1
            if f.state == .fail { fails += 1 }
            if f.state == .unknown { unknowns += 1 }
            if f.state != .notApplicable { evaluated += 1 }
        }
    }
}
