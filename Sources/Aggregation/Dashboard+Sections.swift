import AuditBasics
import AuditResults
import ReportFormat

/// The dashboard page as it is built, section by section.
struct Page {
    var html = ""

    private static func e(_ s: String) -> String { Markup.escape(s) }

    /// `<td data-figure="key">value</td>`, with `fail` styling when asked and the value non-zero.
    private func figure(_ key: String, _ value: Int, fail: Bool = false) -> String {
        "<td\(fail && value > 0 ? " class=\"fail\"" : "") data-figure=\"\(Self.e(key))\">\(value)</td>"
    }

    private func share(_ key: String, _ part: Int, _ whole: Int) -> String {
        let sort = whole > 0 ? String(Double(part) / Double(whole)) : "-1"
        return "<td data-sort=\"\(sort)\" data-figure=\"\(Self.e(key))\">\(Dashboard.percent(part, of: whole))</td>"
    }

    /// A header row; the first `text` columns hold text and are left-aligned.
    private func header(_ columns: [String], text: Int = 1) -> String {
        "<thead><tr>"
            + columns.enumerated().map { n, c in "<th\(n < text ? " class=\"text\"" : "") scope=\"col\">\(Self.e(c))</th>" }.joined()
            + "</tr></thead>"
    }

    mutating func cards(_ r: Rollups, _ t: DashboardLabels) {
        let total = r.total
        func card(_ cls: String, _ key: String, _ value: String, _ label: String) -> String {
            "<div class=\"card \(cls)\"><span class=\"n\" data-figure=\"\(Self.e(key))\">\(value)</span><span class=\"l\">\(Self.e(label))</span></div>"
        }
        html += "<section class=\"cards\" aria-label=\"\(Self.e(t("Summary", "概要")))\">"
        html += card(
            "", "total/reports", "\(total.reports)", t.count(total.reports, "assessment (report)", "assessments (reports)", "次评估（报告）"))
        html += card("", "total/venues", "\(total.venues)", t.count(total.venues, "venue", "venues", "个场所"))
        html += card("bad", "total/non-compliant", "\(total.nonCompliant)", t("non-compliant", "不合规"))
        html += card(
            "bad", "total/non-compliant-share", Dashboard.percent(total.nonCompliant, of: total.reports),
            t("of assessments non-compliant", "的评估不合规"))
        html += card("warn", "total/incomplete", "\(total.incomplete)", t("incomplete (evidence missing)", "证据不足"))
        html += card("good", "total/compliant", "\(total.compliant)", t("compliant at their threshold", "在各自门槛下合规"))
        html += card(
            "warn", "total/compliant-with-fails", "\(total.compliantWithFails)",
            t("compliant, with lower or non-binding findings still to fix", "合规，但仍有较低级别或无约束力的问题需要整改"))
        html += card(
            "warn", "total/unknown-share", Dashboard.percent(total.unknowns, of: total.evaluated),
            t("of evaluated findings unknown", "的已评估项结果未知"))
        html += card(
            "bad", "repeat/venues", "\(r.repeatOffenderVenues)",
            t.count(r.repeatOffenderVenues, "repeat-offender venue", "repeat-offender venues", "个屡犯场所"))
        html += card(
            "good", "fixed/count", "\(r.fixed.count)",
            t.count(r.fixed.count, "fail fixed by the next visit", "fails fixed by the next visit", "项问题在下次检查前已整改"))
        html += "</section>\n"
    }

    mutating func ingest(_ i: IngestCounts, _ t: DashboardLabels) {
        html += "<section id=\"ingest\"><h2>\(Self.e(t("Reports read in this run", "本次读取的报告")))</h2><table class=\"kv\"><tbody>"
        func row(_ label: String, _ key: String, _ value: Int, bad: Bool = false) -> String {
            "<tr><th scope=\"row\" class=\"text\">\(Self.e(label))</th><td\(bad && value > 0 ? " class=\"rejected\"" : "") data-figure=\"\(key)\">\(value)</td></tr>"
        }
        html += row(t("report files read", "读取的报告文件"), "ingest/files", i.files)
        html += row(t("added to the store", "新加入库中"), "ingest/added", i.added)
        html += row(t("already in the store from an earlier run", "此前已入库"), "ingest/already-stored", i.alreadyStored)
        html += row(t("duplicates of another file (counted once)", "与其他文件重复（只计一次）"), "ingest/duplicates", i.duplicates)
        for reason in ReportRejection.Reason.allCases {
            html += row(
                t("rejected: ", "拒收：") + t.rejection(reason), "ingest/rejected/\(reason.rawValue)", i.rejected[reason, default: 0],
                bad: true)
        }
        html +=
            "</tbody></table><p class=\"note\">\(Self.e(t("Rejected reports are named on the command's error output and never counted.", "被拒收的报告会在命令的错误输出中列出，且从不计入统计。")))</p></section>\n"
    }

    /// Horizontal bars, one per `(label, value, figure key)`.
    mutating func barChart(id: String, title: String, bars: [(String, Int, String)]) {
        let rowHeight = 24
        // Wide enough for a rule id in capitals (CN-CAC2020-2-MINIMUM-SCOPE was clipped at 190).
        let labelWidth = 235
        let barWidth = 290
        let height = max(bars.count, 1) * rowHeight + 8
        let top = max(bars.map(\.1).max() ?? 0, 1)
        html += "<figure id=\"\(id)\"><figcaption>\(Self.e(title))</figcaption>"
        html += "<svg role=\"img\" aria-label=\"\(Self.e(title))\" viewBox=\"0 0 580 \(height)\" width=\"100%\">"
        if bars.isEmpty { html += "<text x=\"10\" y=\"20\">–</text>" }
        for (n, bar) in bars.enumerated() {
            let y = n * rowHeight + 4
            let w = bar.1 * barWidth / top
            let label = bar.0.count > 26 ? String(bar.0.prefix(25)) + "…" : bar.0
            html +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\"><title>\(Self.e(bar.0))</title>\(Self.e(label))</text>"
            html +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(max(w, 1))\" height=\"\(rowHeight - 8)\" fill=\"#b3261e\" rx=\"2\"/>"
            html += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 15)\" data-figure=\"\(Self.e(bar.2))\">\(bar.1)</text>"
        }
        html += "</svg></figure>\n"
    }

    /// Reports per month (bars; the non-compliant part in red) and the unknown share (line).
    mutating func trendChart(_ months: [GroupRow], _ t: DashboardLabels) {
        let title = t("Trend by month: assessments, non-compliant, unknown share", "按月趋势：评估数、不合规数、未知比例")
        let width = 1160
        let height = 260
        let left = 48
        let right = 48
        let top = 16
        let bottom = 40
        let plotW = width - left - right
        let plotH = height - top - bottom
        let maxReports = max(months.map(\.reports).max() ?? 0, 1)
        html += "<figure class=\"wide\" id=\"chart-trend\"><figcaption>\(Self.e(title))</figcaption>"
        html +=
            "<div class=\"legend\"><i style=\"background:#a8c1e0\"></i>\(Self.e(t("assessments", "评估")))<i style=\"background:#b3261e\"></i>\(Self.e(t("non-compliant", "不合规")))<i style=\"background:#b26a00;height:3px\"></i>\(Self.e(t("unknown share (right axis)", "未知比例（右轴）")))</div>"
        html += "<svg role=\"img\" aria-label=\"\(Self.e(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\">"
        html += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\"/>"
        html +=
            "<text x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\">\(maxReports)</text><text x=\"\(left - 6)\" y=\"\(top + plotH)\" text-anchor=\"end\">0</text>"
        html +=
            "<text x=\"\(left + plotW + 6)\" y=\"\(top + 10)\">100%</text><text x=\"\(left + plotW + 6)\" y=\"\(top + plotH)\">0%</text>"
        guard !months.isEmpty else {
            html += "<text x=\"\(left + 10)\" y=\"\(top + 20)\">–</text></svg></figure>\n"
            return
        }
        let slot = Double(plotW) / Double(months.count)
        let barW = max(2, Int(slot * 0.7))
        let labelEvery = max(1, Int((56.0 / slot).rounded(.up)))
        var points: [String] = []
        for (n, m) in months.enumerated() {
            let x = left + Int(Double(n) * slot + (slot - Double(barW)) / 2)
            let h = m.reports * plotH / maxReports
            let hBad = m.nonCompliant * plotH / maxReports
            html +=
                "<rect x=\"\(x)\" y=\"\(top + plotH - h)\" width=\"\(barW)\" height=\"\(h)\" fill=\"#a8c1e0\"><title>\(Self.e(m.key)): \(m.reports)</title></rect>"
            html +=
                "<rect x=\"\(x)\" y=\"\(top + plotH - hBad)\" width=\"\(barW)\" height=\"\(hBad)\" fill=\"#b3261e\"><title>\(Self.e(m.key)): \(m.nonCompliant)</title></rect>"
            if months.count <= 24 {
                html +=
                    "<text x=\"\(x + barW / 2)\" y=\"\(top + plotH - h - 3)\" text-anchor=\"middle\" style=\"font-size:10px\" data-figure=\"month/\(Self.e(m.key))/reports\">\(m.reports)</text>"
            }
            if n % labelEvery == 0 {
                html +=
                    "<text x=\"\(x + barW / 2)\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\" style=\"font-size:11px\">\(Self.e(m.key))</text>"
            }
            let share = m.evaluated == 0 ? 0 : Double(m.unknowns) / Double(m.evaluated)
            points.append("\(x + barW / 2),\(top + plotH - Int(share * Double(plotH)))")
        }
        html += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#b26a00\" stroke-width=\"2\"/>"
        html += "</svg></figure>\n"
    }

    mutating func groupTable(
        _ id: String, _ title: String, _ keyHeader: String, _ rows: [GroupRow], _ prefix: String, _ t: DashboardLabels,
        _ label: (String) -> String
    ) {
        html += "<section id=\"\(id)\"><h2>\(Self.e(title))</h2><div class=\"scroll\"><table class=\"sortable\">"
        html += header([
            keyHeader, t("assessments", "评估"), t("venues", "场所"), t("non-compliant", "不合规"),
            t("% non-compliant", "不合规比例"), t("incomplete", "证据不足"), t("compliant", "合规"),
            t("fails", "不合规项"), t("unknown", "未知项"), t("unknown share", "未知比例"),
        ])
        html += "<tbody>"
        for g in rows {
            let k = "\(prefix)/\(g.key)"
            html += "<tr><td data-sort=\"\(Self.e(g.key))\" title=\"\(Self.e(g.key))\">\(Self.e(label(g.key)))</td>"
            html += figure("\(k)/reports", g.reports) + figure("\(k)/venues", g.venues)
            html += figure("\(k)/non-compliant", g.nonCompliant, fail: true) + share("\(k)/non-compliant-share", g.nonCompliant, g.reports)
            html += figure("\(k)/incomplete", g.incomplete) + figure("\(k)/compliant", g.compliant)
            html += figure("\(k)/fail", g.fails, fail: true) + figure("\(k)/unknown", g.unknowns)
            html += share("\(k)/unknown-share", g.unknowns, g.evaluated) + "</tr>"
        }
        html += "</tbody></table></div></section>\n"
    }

    mutating func rules(_ rows: [RuleRow], _ t: DashboardLabels) {
        html +=
            "<section id=\"rules\"><h2>\(Self.e(t("By rule (most fails first)", "按规则（不合规最多者在前）")))</h2><div class=\"scroll\"><table class=\"sortable\">"
        html += header(
            [t("Rule", "规则"), t("severity", "严重程度")] + FindingState.allCases.map { t.state($0) }
                + [t("venues failing", "不合规场所"), t("repeat offences", "屡犯"), t("fixed", "已整改")])
        html += "<tbody>"
        for row in rows {
            let k = "rule/\(row.rule)"
            html += "<tr><td data-sort=\"\(Self.e(row.rule))\"><b>\(Self.e(row.rule))</b><br>\(Self.e(row.title[t.language]))</td>"
            html += "<td data-sort=\"\(row.severity.rank)\">\(Self.e(t.severity(row.severity)))</td>"
            for state in FindingState.allCases {
                html += figure("\(k)/\(state.rawValue)", row.states[state, default: 0], fail: state == .fail)
            }
            html += figure("\(k)/venues-failing", row.venuesFailing) + figure("\(k)/repeat-offences", row.repeatOffences)
            html += figure("\(k)/fixed", row.fixed) + "</tr>"
        }
        html += "</tbody></table></div></section>\n"
    }

    mutating func statesAndSeverities(_ r: Rollups, _ t: DashboardLabels) {
        html +=
            "<section id=\"states\"><h2>\(Self.e(t("Findings by state, fails by severity", "按状态统计结果，按严重程度统计不合规项")))</h2><table><thead><tr>"
        html += FindingState.allCases.map { "<th scope=\"col\">\(Self.e(t.state($0)))</th>" }.joined()
        html += Severity.allCases.map { "<th scope=\"col\">\(Self.e(t("fail: ", "不合规：") + t.severity($0)))</th>" }.joined()
        html += "</tr></thead><tbody><tr>"
        html += FindingState.allCases.map { figure("state/\($0.rawValue)", r.byState[$0, default: 0]) }.joined()
        html += Severity.allCases.map { figure("severity/\($0.rawValue)", r.failsBySeverity[$0, default: 0], fail: true) }.joined()
        html += "</tr></tbody></table></section>\n"
    }

    mutating func repeats(_ r: Rollups, limit: Int, _ t: DashboardLabels) {
        html +=
            "<section id=\"repeat\"><h2>\(Self.e(t("Repeat offenders: the same rule failing in consecutive assessments", "屡犯：连续评估中同一规则均不合规")))</h2>"
        html +=
            "<p><b data-figure=\"repeat/count\">\(r.repeatOffences.count)</b> \(Self.e(t("repeat offences at", "项屡犯，涉及")))\u{a0}<b data-figure=\"repeat/venues-2\">\(r.repeatOffenderVenues)</b> \(Self.e(t("venues.", "个场所。")))</p>"
        html += "<div class=\"scroll\"><table class=\"sortable\">"
        html += header(
            [
                t("Venue", "场所"), t("district", "区"), t("rule", "规则"), t("target", "对象"), t("consecutive fails", "连续不合规次数"),
                t("first", "首次"), t("last", "最近"),
            ], text: 4)
        html += "<tbody>"
        for o in r.repeatOffences.prefix(limit) {
            let k = "repeat/\(o.venueID)/\(o.rule)[\(o.target ?? "")]"
            html +=
                "<tr><td><b>\(Self.e(o.venueID))</b><br>\(Self.e(o.venueName ?? ""))</td><td class=\"text\">\(Self.e(o.district ?? ""))</td>"
            html += "<td class=\"text\">\(Self.e(o.rule))</td><td class=\"text\">\(Self.e(o.target ?? "–"))</td>"
            html += figure("\(k)/assessments", o.assessments, fail: true)
            html += "<td>\(Self.e(o.firstDate?.description ?? "–"))</td><td>\(Self.e(o.lastDate?.description ?? "–"))</td></tr>"
        }
        html += "</tbody></table></div>"
        if r.repeatOffences.count > limit {
            html +=
                "<p class=\"note\">\(Self.e(t("The \(limit) longest streaks are shown; repeat-offences.csv has all of them.", "仅显示最长的 \(limit) 项；repeat-offences.csv 含全部。")))</p>"
        }
        html += "</section>\n"
    }

    mutating func fixed(_ fixed: [FixedFinding], limit: Int, _ t: DashboardLabels) {
        html += "<section id=\"fixed\"><h2>\(Self.e(t("Fixed since the previous assessment", "较上次评估已整改")))</h2>"
        html +=
            "<p><b data-figure=\"fixed/count-2\">\(fixed.count)</b> \(Self.e(t("fails were gone at the venue's next assessment.", "项不合规在该场所下次评估时已消除。")))</p>"
        html += "<div class=\"scroll\"><table class=\"sortable\">"
        html += header(
            [
                t("Venue", "场所"), t("district", "区"), t("rule", "规则"), t("target", "对象"), t("failed on", "不合规日期"), t("fixed on", "整改确认日期"),
                t("now", "现状"),
            ], text: 4)
        html += "<tbody>"
        for f in fixed.prefix(limit) {
            html +=
                "<tr><td><b>\(Self.e(f.venueID))</b><br>\(Self.e(f.venueName ?? ""))</td><td class=\"text\">\(Self.e(f.district ?? ""))</td>"
            html += "<td class=\"text\">\(Self.e(f.rule))</td><td class=\"text\">\(Self.e(f.target ?? "–"))</td>"
            html +=
                "<td>\(Self.e(f.failedOn?.description ?? "–"))</td><td>\(Self.e(f.fixedOn?.description ?? "–"))</td><td>\(Self.e(t.fixedNow(f.now)))</td></tr>"
        }
        html += "</tbody></table></div>"
        if fixed.count > limit {
            html +=
                "<p class=\"note\">\(Self.e(t("The first \(limit) are shown; fixed.csv has all of them.", "仅显示前 \(limit) 项；fixed.csv 含全部。")))</p>"
        }
        html += "</section>\n"
    }

    mutating func selfVersusInspection(_ s: SelfVersusInspection, _ t: DashboardLabels) {
        html +=
            "<section id=\"self\"><h2>\(Self.e(t("Self-assessments against the inspection that followed", "自查结果与随后检查结果对比")))</h2><table class=\"kv\"><tbody>"
        func row(_ label: String, _ key: String, _ value: Int) -> String {
            "<tr><th scope=\"row\" class=\"text\">\(Self.e(label))</th><td data-figure=\"\(key)\">\(value)</td></tr>"
        }
        html += row(t("pairs (self-assessment, next inspection of the same venue)", "配对数（自查，同一场所的下一次检查）"), "self/pairs", s.pairs)
        html += row(t("venues", "场所"), "self/venues", s.venues)
        html += row(t("venue judged itself better than the inspector did", "自评优于检查结论"), "self/optimistic", s.optimistic)
        html += row(t("fails in self-assessments", "自查发现的不合规项"), "self/self-fails", s.selfFails)
        html += row(t("fails in the inspections", "检查发现的不合规项"), "self/inspection-fails", s.inspectionFails)
        html += row(t("inspection fails the self-assessment had marked pass", "自查标为通过但检查不合规"), "self/missed", s.missedBySelf)
        html += row(t("inspection fails the self-assessment had left unknown", "自查结果未知但检查不合规"), "self/unknown-in-self", s.unknownInSelf)
        html +=
            "</tbody></table><h2 style=\"margin-top:14px\">\(Self.e(t("Verdicts: self-assessment (rows) × inspection (columns)", "结论：自查（行）× 检查（列）")))</h2><table class=\"kv\">"
        html += header([""] + Verdict.allCases.map { t.verdict($0) })
        html += "<tbody>"
        for a in Verdict.allCases {
            html += "<tr><th scope=\"row\" class=\"text\">\(Self.e(t.verdict(a)))</th>"
            for b in Verdict.allCases { html += figure("self/\(a.rawValue)/\(b.rawValue)", s.count(self: a, inspection: b)) }
            html += "</tr>"
        }
        html += "</tbody></table></section>\n"
    }
}
