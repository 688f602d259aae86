import AuditBasics
import AuditResults
import ReportFormat

/// The regulators' dashboard: one self-contained HTML page (inline CSS, inline SVG charts, a
/// small inline script that makes tables sortable; no network, readable without the script).
///
/// Every figure on the page is in an element with a `data-figure` attribute naming it
/// (`district/Jinjiang/fail`), so a test can compare each one with its own recount.
public struct Dashboard {
    public var language: Language
    public var toolVersion: String
    public var generatedAt: String
    /// Rows shown in the repeat-offence and fixed lists; the CSV has all of them.
    public var listLimit = 50

    public init(language: Language, toolVersion: String, generatedAt: String) {
        self.language = language
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
    }

    public func render(_ r: Rollups, stored: Int) -> String {
        let t = DashboardLabels(language: language)
        var page = Page()
        page.html += """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(t("venue-audit: regulator dashboard", "venue-audit：监管汇总")))</title>
            <style>\(Self.css)</style></head><body>
            <header><h1>\(Markup.escape(t("Visitor data handling at venues: regulator dashboard", "场所访客个人信息处理：监管汇总")))</h1>
            <p class="meta">\(Markup.escape(t("Reports in the store", "库中报告")))\u{a0}<b data-figure="ingest/stored">\(stored)</b> · \(Markup.escape(t("generated", "生成于"))) \(Markup.escape(generatedAt)) · venue-audit \(Markup.escape(toolVersion))</p></header>
            <main>

            """
        page.cards(r, t)
        page.ingest(r.ingest, t)
        page.html += "<section class=\"charts\">"
        page.barChart(
            id: "chart-district", title: t("Fails by district", "各区不合规项"),
            bars: r.byDistrict.sorted { ($0.fails, $1.key) > ($1.fails, $0.key) }.map {
                (t.plain($0.key), $0.fails, "district/\($0.key)/fail")
            })
        page.barChart(
            id: "chart-rule", title: t("Top failing rules", "不合规最多的规则"),
            bars: r.topFailingRules().map { ($0.rule, $0.fails, "rule/\($0.rule)/fail") })
        page.trendChart(r.byMonth.filter { $0.key != RollupBuilder.none }, t)
        page.html += "</section>\n"
        page.groupTable("by-district", t("By district", "按区"), t("District", "区"), r.byDistrict, "district", t, t.plain)
        page.groupTable("by-type", t("By venue type", "按场所类型"), t("Venue type", "场所类型"), r.byVenueType, "type", t, t.venueType)
        page.groupTable(
            "by-jurisdiction", t("By jurisdiction", "按法域"), t("Jurisdiction", "法域"), r.byJurisdiction, "jurisdiction", t, t.plain)
        page.groupTable(
            "by-kind", t("By assessment kind (unknown share: where evidence is missing)", "按评估类型（未知比例：缺少证据之处）"), t("Kind", "类型"), r.byKind,
            "kind", t, t.kind)
        page.groupTable("by-month", t("Trend by month", "按月趋势"), t("Month", "月份"), r.byMonth, "month", t, t.plain)
        // Only once some stored report's signature was verified (`aggregate --trust`).
        if r.bySigner.contains(where: { $0.key != RollupBuilder.none }) {
            page.groupTable(
                "by-signer", t("By signer (verified signatures)", "按签名人（经验证的签名）"), t("Signer", "签名人"), r.bySigner, "signer", t, t.signer)
            page.groupTable(
                "by-signing-organization", t("By signing organisation", "按签名机构"), t("Organisation", "机构"), r.bySignerOrganization,
                "signing-organization", t, t.signer)
        }
        page.rules(r.byRule, t)
        page.statesAndSeverities(r, t)
        page.repeats(r, limit: listLimit, t)
        page.fixed(r.fixed, limit: listLimit, t)
        page.selfVersusInspection(r.selfVersusInspection, t)
        page.html += """
            </main>
            <footer>\(Markup.escape(t("Figures count the reports in the store. Each report was checked against the report schema and its digest before it was counted; the same report twice counts once. CSV, JSON and XML of every table are next to this page.", "数据统计库中报告。每份报告在计入前均经报告架构与摘要校验；同一份报告重复出现只计一次。各表的 CSV、JSON 与 XML 文件与本页放在同一目录。")))</footer>
            <script>\(Self.script)</script>
            </body></html>

            """
        return page.html
    }

    /// A percentage with one decimal: `12.5%`; `–` when the base is 0.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static let css = """
        :root{--fail:#b3261e;--warn:#b26a00;--ok:#1e7a34;--ink:#1d1d1f;--muted:#5f6368;--line:#dadce0;--bg:#f6f7f9}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
        header{background:#20324a;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}.meta{margin:0;color:#cfd8e3}
        main{padding:18px 28px;max-width:1240px}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:0 0 16px}
        h2{font-size:16px;margin:0 0 10px}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;background:none;border:0;padding:0}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}.card .n{font-size:24px;font-weight:650;display:block}.card .l{color:var(--muted);font-size:12px}
        .card.bad .n{color:var(--fail)}.card.warn .n{color:var(--warn)}.card.good .n{color:var(--ok)}
        .charts{display:grid;grid-template-columns:1fr 1fr;gap:16px;background:none;border:0;padding:0}.charts figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}
        .charts figure.wide{grid-column:1/-1}figcaption{font-weight:600;margin-bottom:6px}svg text{font-size:12px;fill:var(--ink)}svg .axis{stroke:var(--line)}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}th,td{padding:5px 7px;border-bottom:1px solid var(--line);text-align:right}td{white-space:nowrap}th{vertical-align:bottom}
        table.kv{width:auto;min-width:420px}table.kv th{background:none;font-weight:normal;position:static}
        th:first-child,td:first-child,td.text,th.text{text-align:left;white-space:normal}th{background:#eef1f5;font-weight:600;position:sticky;top:0}
        th[aria-sort]{cursor:pointer}th[aria-sort]:after{content:"\\a0↕";color:#9aa0a6}th[aria-sort=ascending]:after{content:"\\a0▲"}th[aria-sort=descending]:after{content:"\\a0▼"}
        td.fail{color:var(--fail);font-weight:600}.note{color:var(--muted);font-size:12px;margin:6px 0 0}.rejected{color:var(--fail);font-weight:600}
        .scroll{max-height:520px;overflow:auto}footer{padding:10px 28px 30px;color:var(--muted);font-size:12px;max-width:1240px}
        .legend{font-size:12px;color:var(--muted)}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:middle}
        @media print{body{background:#fff}.charts{display:block}.scroll{max-height:none;overflow:visible}header{background:#fff;color:#000}.meta{color:#333}}
        """

    static let script = """
        document.querySelectorAll("table.sortable").forEach(function(table){
          table.querySelectorAll("th").forEach(function(th,col){
            th.setAttribute("aria-sort","none");th.tabIndex=0;
            function sort(){
              var dir=th.getAttribute("aria-sort")==="descending"?"ascending":"descending";
              table.querySelectorAll("th").forEach(function(o){o.setAttribute("aria-sort","none")});
              th.setAttribute("aria-sort",dir);
              var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
              function key(r){var c=r.cells[col],v=c.getAttribute("data-sort");if(v===null)v=c.textContent;var n=parseFloat(v);return isNaN(n)||!/^[-\\d.]/.test(v)?v.toLowerCase():n}
              rows.sort(function(a,b){var x=key(a),y=key(b);var r=typeof x===typeof y?(x<y?-1:x>y?1:0):(typeof x==="number"?-1:1);return dir==="ascending"?r:-r});
              rows.forEach(function(r){body.appendChild(r)});
            }
            th.addEventListener("click",sort);th.addEventListener("keydown",function(e){if(e.key==="Enter")sort()});
          });
        });
        """
}
