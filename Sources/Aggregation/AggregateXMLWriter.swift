import AuditBasics
import AuditResults
import ReportFormat

/// Writes the rollups as XML, valid against `schemas/venue-audit-aggregate-1.xsd`.
public struct AggregateXMLWriter {
    public var toolVersion: String
    /// `2020-12-10T08:30:00Z`.
    public var generatedAt: String

    public init(toolVersion: String, generatedAt: String) {
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
    }

    public func render(_ r: Rollups, stored: Int) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<aggregate xmlns=\"\(AggregateSchema.namespace)\" version=\"1\""
        out += Markup.attributes([("tool-version", toolVersion), ("generated-at", generatedAt)]) + ">\n"
        let i = r.ingest
        var ingest: [(String, String?)] = [
            ("files", "\(i.files)"), ("added", "\(i.added)"), ("already-stored", "\(i.alreadyStored)"), ("duplicates", "\(i.duplicates)"),
            ("skipped", "\(i.skipped)"),
        ]
        ingest += ReportRejection.Reason.allCases.map { ($0.rawValue, "\(i.rejected[$0, default: 0])") }
        ingest.append(("stored", "\(stored)"))
        out += "  <ingest\(Markup.attributes(ingest))/>\n"
        out += "  " + group("total", r.total) + "\n"
        out += "  <states\(Markup.attributes(FindingState.allCases.map { ($0.rawValue, "\(r.byState[$0, default: 0])") }))/>\n"
        out += "  <failing\(Markup.attributes(Severity.allCases.map { ($0.rawValue, "\(r.failsBySeverity[$0, default: 0])") }))/>\n"
        let dimensions: [(String, [GroupRow])] = [
            ("district", r.byDistrict), ("venue-type", r.byVenueType), ("jurisdiction", r.byJurisdiction),
            ("kind", r.byKind), ("month", r.byMonth),
        ]
        for (name, rows) in dimensions {
            out += "  <by dimension=\"\(name)\">\n"
            for row in rows { out += "    " + group("group", row) + "\n" }
            out += "  </by>\n"
        }
        out += rules(r.byRule)
        out += repeats(r)
        out += fixes(r.fixed)
        out += selfVersusInspection(r.selfVersusInspection)
        out += "</aggregate>\n"
        return out
    }

    // MARK: - Private

    private func group(_ element: String, _ g: GroupRow) -> String {
        let attrs: [(String, String?)] = [
            ("key", g.key), ("reports", "\(g.reports)"), ("venues", "\(g.venues)"),
            ("non-compliant", "\(g.nonCompliant)"), ("incomplete", "\(g.incomplete)"), ("compliant", "\(g.compliant)"),
            ("findings", "\(g.findings)"), ("fail", "\(g.fails)"), ("unknown", "\(g.unknowns)"),
            ("evaluated", "\(g.evaluated)"),
        ]
        return "<\(element)\(Markup.attributes(attrs))/>"
    }

    private func rules(_ rows: [RuleRow]) -> String {
        var out = "  <rules>\n"
        for row in rows {
            var attrs: [(String, String?)] = [("id", row.rule), ("severity", row.severity.rawValue)]
            attrs += FindingState.allCases.map { ($0.rawValue, "\(row.states[$0, default: 0])") }
            attrs += [
                ("venues-failing", "\(row.venuesFailing)"), ("repeat-offences", "\(row.repeatOffences)"),
                ("fixed", "\(row.fixed)"),
            ]
            out += "    <rule\(Markup.attributes(attrs))>\n"
            out += "      <title lang=\"en\">\(Markup.escape(row.title.en))</title>\n"
            out += "      <title lang=\"zh\">\(Markup.escape(row.title.zh))</title>\n"
            out += "    </rule>\n"
        }
        return out + "  </rules>\n"
    }

    private func repeats(_ r: Rollups) -> String {
        var out = "  <repeat-offences count=\"\(r.repeatOffences.count)\" venues=\"\(r.repeatOffenderVenues)\">\n"
        for o in r.repeatOffences {
            let attrs: [(String, String?)] = [
                ("venue", o.venueID), ("rule", o.rule), ("target", o.target), ("assessments", "\(o.assessments)"),
                ("first", o.firstDate?.description), ("last", o.lastDate?.description),
            ]
            out += "    <offence\(Markup.attributes(attrs))>" + names(o.venueName, o.district) + "</offence>\n"
        }
        return out + "  </repeat-offences>\n"
    }

    private func fixes(_ fixed: [FixedFinding]) -> String {
        var out = "  <fixed count=\"\(fixed.count)\">\n"
        for f in fixed {
            let attrs: [(String, String?)] = [
                ("venue", f.venueID), ("rule", f.rule), ("target", f.target), ("failed-on", f.failedOn?.description),
                ("fixed-on", f.fixedOn?.description), ("now", f.now),
            ]
            out += "    <fix\(Markup.attributes(attrs))>" + names(f.venueName, f.district) + "</fix>\n"
        }
        return out + "  </fixed>\n"
    }

    private func names(_ name: String?, _ district: String?) -> String {
        (name.map { "<name>\(Markup.escape($0))</name>" } ?? "")
            + (district.map { "<district>\(Markup.escape($0))</district>" } ?? "")
    }

    private func selfVersusInspection(_ s: SelfVersusInspection) -> String {
        let attrs: [(String, String?)] = [
            ("pairs", "\(s.pairs)"), ("venues", "\(s.venues)"), ("self-fails", "\(s.selfFails)"),
            ("inspection-fails", "\(s.inspectionFails)"), ("missed-by-self", "\(s.missedBySelf)"),
            ("unknown-in-self", "\(s.unknownInSelf)"), ("optimistic", "\(s.optimistic)"),
        ]
        var out = "  <self-versus-inspection\(Markup.attributes(attrs))>\n"
        for a in Verdict.allCases {
            for b in Verdict.allCases where s.count(self: a, inspection: b) > 0 {
                out += "    <verdicts self=\"\(a.rawValue)\" inspection=\"\(b.rawValue)\" pairs=\"\(s.count(self: a, inspection: b))\"/>\n"
            }
        }
        return out + "  </self-versus-inspection>\n"
    }
}
