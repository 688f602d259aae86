import Aggregation
import AuditBasics
import AuditResults
import Foundation
import ReportFormat

/// Every dashboard figure, counted again straight from the `AuditResult`s the reports were
/// written from, with plain loops: the test's own arithmetic, not the aggregator's.
enum Recount {
    static func figures(results: [AuditResult], files: [String], ingest: IngestCounts, stored: Int) throws -> [String: String] {
        var f: [String: String] = [:]
        func pct(_ a: Int, _ b: Int) -> String { Dashboard.percent(a, of: b) }
        let none = "(none)"

        // Ingest.
        f["ingest/stored"] = "\(stored)"
        f["ingest/files"] = "\(ingest.files)"
        f["ingest/added"] = "\(ingest.added)"
        f["ingest/already-stored"] = "\(ingest.alreadyStored)"
        f["ingest/duplicates"] = "\(ingest.duplicates)"
        for reason in ReportRejection.Reason.allCases { f["ingest/rejected/\(reason.rawValue)"] = "\(ingest.rejected[reason, default: 0])" }

        // Groups.
        func groupFigures(_ prefix: String, _ key: (AuditResult) -> String?) {
            let keys = Set(results.map { key($0) ?? none })
            for k in keys {
                let rs = results.filter { (key($0) ?? none) == k }
                let findings = rs.flatMap(\.findings)
                let nc = rs.filter { $0.verdict == .nonCompliant }.count
                let unknown = findings.filter { $0.state == .unknown }.count
                let evaluated = findings.filter { $0.state != .notApplicable }.count
                f["\(prefix)/\(k)/reports"] = "\(rs.count)"
                f["\(prefix)/\(k)/venues"] = "\(Set(rs.map(\.venue.id)).count)"
                f["\(prefix)/\(k)/non-compliant"] = "\(nc)"
                f["\(prefix)/\(k)/non-compliant-share"] = pct(nc, rs.count)
                f["\(prefix)/\(k)/incomplete"] = "\(rs.filter { $0.verdict == .incomplete }.count)"
                f["\(prefix)/\(k)/compliant"] = "\(rs.filter { $0.verdict == .compliant }.count)"
                f["\(prefix)/\(k)/fail"] = "\(findings.filter { $0.state == .fail }.count)"
                f["\(prefix)/\(k)/unknown"] = "\(unknown)"
                f["\(prefix)/\(k)/unknown-share"] = pct(unknown, evaluated)
            }
        }
        groupFigures("district") { $0.venue.district }
        groupFigures("type") { $0.venue.type }
        groupFigures("jurisdiction") { $0.venue.jurisdiction }
        groupFigures("kind") { $0.assessment.kind }
        groupFigures("month") { $0.assessment.date.map { String($0.description.prefix(7)) } }

        // Totals.
        let all = results.flatMap(\.findings)
        let nc = results.filter { $0.verdict == .nonCompliant }.count
        f["total/reports"] = "\(results.count)"
        f["total/venues"] = "\(Set(results.map(\.venue.id)).count)"
        f["total/non-compliant"] = "\(nc)"
        f["total/non-compliant-share"] = pct(nc, results.count)
        f["total/incomplete"] = "\(results.filter { $0.verdict == .incomplete }.count)"
        f["total/compliant"] = "\(results.filter { $0.verdict == .compliant }.count)"
        f["total/compliant-with-fails"] =
            "\(results.filter { r in r.verdict == .compliant && r.findings.contains { $0.state == .fail } }.count)"
        f["total/unknown-share"] = pct(all.filter { $0.state == .unknown }.count, all.filter { $0.state != .notApplicable }.count)
        for s in FindingState.allCases { f["state/\(s.rawValue)"] = "\(all.filter { $0.state == s }.count)" }
        for s in Severity.allCases { f["severity/\(s.rawValue)"] = "\(all.filter { $0.state == .fail && $0.severity == s }.count)" }

        // Per venue, in order: repeat offences, fixes, self-assessment pairs.
        var repeats: [String: Int] = [:]  // "venue/rule[target]" -> longest streak... one entry per streak
        var repeatCount = 0
        var repeatVenues: Set<String> = []
        var repeatsByRule: [String: Int] = [:]
        var fixedCount = 0
        var fixedByRule: [String: Int] = [:]
        var pairs = 0, pairVenues: Set<String> = [], selfFails = 0, inspFails = 0, missed = 0, unknownInSelf = 0
        var matrix: [String: Int] = [:]
        let digests = try files.map { path -> String in
            guard case .valid(let d) = ReportDigest.check([UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))) else { return "" }
            return d
        }
        let byVenue = Dictionary(grouping: Array(zip(results, digests)), by: { $0.0.venue.id })
        for (venue, list) in byVenue {
            let ordered = list.sorted { a, b in
                let x = a.0.assessment.date?.dayNumber ?? Int.min, y = b.0.assessment.date?.dayNumber ?? Int.min
                return x != y ? x < y : a.1 < b.1
            }.map(\.0)
            func key(_ x: Finding) -> String { "\(x.ruleID)[\(x.targetID ?? "")]" }
            var streak: [String: Int] = [:]
            var lastSelf: AuditResult?
            for (n, r) in ordered.enumerated() {
                let fails = Set(r.findings.filter { $0.state == .fail }.map(key))
                if n > 0 {
                    let prev = ordered[n - 1]
                    for pf in prev.findings where pf.state == .fail {
                        let k = key(pf)
                        if fails.contains(k) {
                            streak[k, default: 1] += 1
                        } else {
                            let now = r.findings.first { key($0) == k }?.state
                            if now == nil || now == .pass || now == .notApplicable {
                                fixedCount += 1
                                fixedByRule[pf.ruleID, default: 0] += 1
                            }
                        }
                    }
                    for (k, count) in streak where !fails.contains(k) {
                        repeats["repeat/\(venue)/\(k)/assessments"] = count
                        repeatCount += 1
                        repeatVenues.insert(venue)
                        repeatsByRule[String(k.prefix { $0 != "[" }), default: 0] += 1
                        streak[k] = nil
                    }
                }
                if r.assessment.kind == "self_assessment" {
                    lastSelf = r
                } else if (r.assessment.kind == "inspection" || r.assessment.kind == "follow_up"), let own = lastSelf {
                    pairs += 1
                    pairVenues.insert(venue)
                    matrix["self/\(own.verdict.rawValue)/\(r.verdict.rawValue)", default: 0] += 1
                    selfFails += own.findings.filter { $0.state == .fail }.count
                    inspFails += fails.count
                    for k in fails {
                        let before = own.findings.first { key($0) == k }?.state
                        if before == .pass { missed += 1 }
                        if before == .unknown { unknownInSelf += 1 }
                    }
                    lastSelf = nil
                }
            }
            for (k, count) in streak {
                repeats["repeat/\(venue)/\(k)/assessments"] = count
                repeatCount += 1
                repeatVenues.insert(venue)
                repeatsByRule[String(k.prefix { $0 != "[" }), default: 0] += 1
            }
        }
        f["repeat/count"] = "\(repeatCount)"
        f["repeat/venues"] = "\(repeatVenues.count)"
        f["repeat/venues-2"] = "\(repeatVenues.count)"
        for (k, v) in repeats { f[k] = "\(v)" }
        f["fixed/count"] = "\(fixedCount)"
        f["fixed/count-2"] = "\(fixedCount)"
        f["self/pairs"] = "\(pairs)"
        f["self/venues"] = "\(pairVenues.count)"
        f["self/self-fails"] = "\(selfFails)"
        f["self/inspection-fails"] = "\(inspFails)"
        f["self/missed"] = "\(missed)"
        f["self/unknown-in-self"] = "\(unknownInSelf)"
        for a in Verdict.allCases {
            for b in Verdict.allCases {
                f["self/\(a.rawValue)/\(b.rawValue)"] = "\(matrix["self/\(a.rawValue)/\(b.rawValue)", default: 0])"
            }
        }
        f["self/optimistic"] =
            "\(matrix["self/compliant/non_compliant", default: 0] + matrix["self/compliant/incomplete", default: 0] + matrix["self/incomplete/non_compliant", default: 0])"

        // Rules.
        for rule in Set(all.map(\.ruleID)) {
            let rs = all.filter { $0.ruleID == rule }
            for s in FindingState.allCases { f["rule/\(rule)/\(s.rawValue)"] = "\(rs.filter { $0.state == s }.count)" }
            f["rule/\(rule)/venues-failing"] =
                "\(Set(results.filter { $0.findings.contains { $0.ruleID == rule && $0.state == .fail } }.map(\.venue.id)).count)"
            f["rule/\(rule)/repeat-offences"] = "\(repeatsByRule[rule, default: 0])"
            f["rule/\(rule)/fixed"] = "\(fixedByRule[rule, default: 0])"
        }
        return f
    }

    /// `data-figure="key">value<` pairs of a page. A key shown twice must show the same value.
    static func figures(inPage html: String) throws -> [String: String] {
        let pattern = try NSRegularExpression(pattern: #"data-figure="([^"]*)">([^<]*)<"#)
        var out: [String: String] = [:]
        let ns = html as NSString
        for m in pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let key = ns.substring(with: m.range(at: 1))
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'")
            let value = ns.substring(with: m.range(at: 2))
            if let old = out[key], old != value { throw TestError("figure \(key) shown as \(old) and \(value)") }
            out[key] = value
        }
        return out
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
