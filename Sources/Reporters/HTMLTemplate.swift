/// The fixed parts of the HTML report: its stylesheet and its filter script. `HTMLReporter`
/// writes the rest, section by section.
///
/// Self-contained: CSS and the filter script are inline, nothing is loaded over the network, and
/// every finding is visible without JavaScript (the filter form only appears when the script
/// runs). A print stylesheet lays the report out for A4.
enum HTMLTemplate {
    /// The stylesheet up to the print margin boxes, which name the venue and the date.
    static let styleBeforeMarginBoxes: StaticString = #"""
        :root { --fail: #b42318; --fail-bg: #fef3f2; --warn: #b54708; --warn-bg: #fffaeb; --ok: #067647; --ok-bg: #ecfdf3;
          --muted: #475467; --line: #d0d5dd; --code-bg: #f2f4f7; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
          margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; color: #101828; line-height: 1.5;
          overflow-wrap: break-word; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 0.25rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
        h3 { font-size: 1rem; margin: 1.25rem 0 0.5rem; color: var(--muted); }
        .meta { color: var(--muted); font-size: 0.9rem; margin: 0; }
        .meta dt { font-weight: 600; display: inline; }
        .meta dd { display: inline; margin: 0 1rem 0 0.25rem; }
        .meta dt, .nw { white-space: nowrap; }
        .meta code { overflow-wrap: anywhere; }
        .banner { border-radius: 6px; padding: 0.75rem 1rem; margin: 1rem 0; font-size: 1.25rem; font-weight: 700; border: 2px solid; }
        .banner small { display: block; font-size: 0.9rem; font-weight: 400; }
        .verdict-non_compliant { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
        .verdict-incomplete { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
        .verdict-compliant { color: var(--ok); background: var(--ok-bg); border-color: var(--ok); }
        .privacy { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 0.5rem 0.75rem; }
        table.counts { border-collapse: collapse; margin: 0.5rem 1.5rem 0.5rem 0; display: inline-table; vertical-align: top; }
        table.counts caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; white-space: nowrap; }
        table.counts td, table.counts th { border: 1px solid var(--line); padding: 0.2rem 0.6rem; text-align: left; }
        table.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; border-radius: 999px; padding: 0 0.5rem; font-size: 0.8rem; font-weight: 600;
          border: 1px solid currentColor; white-space: nowrap; }
        /* Severity: a filled badge whose colour and word both say the level, darkest for critical. */
        .badge.sev { border-color: transparent; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .sev-critical { background: #7a271a; color: #fff; }
        .sev-high { background: #d92d20; color: #fff; }
        .sev-medium { background: #fdb022; color: #4e1d09; }
        .sev-low { background: #d1e9ff; color: #194185; }
        .sev-info { background: #eaecf0; color: #344054; }
        .state-fail, .state-error { color: var(--fail); }
        .state-unknown, .state-waived { color: var(--warn); }
        .state-pass { color: var(--ok); }
        .state-not_applicable { color: var(--muted); }
        .finding { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 4px; padding: 0.5rem 0.9rem;
          margin: 0.6rem 0; break-inside: avoid; }
        .finding.state-fail, .finding.state-error { border-left-color: var(--fail); color: inherit; }
        .finding.state-unknown, .finding.state-waived { border-left-color: var(--warn); color: inherit; }
        .finding.state-pass { border-left-color: var(--ok); color: inherit; }
        .finding.state-not_applicable { color: inherit; }
        .finding h4 { margin: 0.2rem 0; font-size: 1rem; }
        .finding .rule { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; }
        .finding .message { margin: 0.3rem 0; font-weight: 600; }
        .finding dl { margin: 0.3rem 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; }
        .finding dt { font-weight: 600; color: var(--muted); }
        .finding dd { margin: 0; overflow-wrap: anywhere; }
        pre.source { background: var(--code-bg); padding: 0.3rem 0.5rem; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere;
          font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; }
        .loc { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; color: var(--muted); }
        details.logic { font-size: 0.85rem; color: var(--muted); margin: 0.3rem 0 0; }
        details.logic summary { cursor: pointer; }
        details.logic code { background: var(--code-bg); padding: 0 0.2rem; overflow-wrap: anywhere; }
        .plan { border: 2px solid var(--line); border-radius: 6px; padding: 0.25rem 1rem 0.75rem; margin: 1rem 0; }
        .plan h2 { margin-top: 0.5rem; }
        ol.plan-actions { margin: 0.2rem 0 0.5rem; padding-left: 1.6rem; }
        ol.plan-actions li { margin: 0.35rem 0; }
        .closes { font-size: 0.8rem; color: var(--muted); }
        .closes a { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; margin-right: 0.3rem;
          white-space: nowrap; }
        ol.actions { margin: 0.2rem 0; padding-left: 1.4rem; }
        ul.plain { margin: 0; padding-left: 1.1rem; }
        ul.related li { margin-bottom: 0.4rem; }
        ul.related .cite { font-size: 0.85rem; }
        .compact { padding: 0.25rem 0.9rem; }
        .compact h4 { font-weight: 400; }
        .compact .summary { color: var(--muted); font-size: 0.9rem; }
        #filters { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 1rem 0; padding: 0.5rem;
          background: var(--code-bg); border-radius: 4px; }
        #filters[hidden] { display: none; }
        #filters input[type=search] { flex: 1 1 14rem; padding: 0.25rem; }
        footer { margin-top: 3rem; color: var(--muted); font-size: 0.8rem; }
        .signoff { display: none; margin-top: 2rem; }
        .signoff table { width: 100%; border-collapse: collapse; margin-top: 0.5rem; }
        .signoff th, .signoff td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
        .signoff td { height: 3.2rem; }
        .signoff th { width: 22%; }
        @media (max-width: 40rem) {
          body { padding: 0.75rem 0.75rem 2rem; }
          .finding { padding: 0.5rem 0.6rem; }
          .finding dl { grid-template-columns: 1fr; gap: 0; }
          .finding dd { margin-bottom: 0.4rem; }
        }
        @media print {
          /* Every printed page names the venue and the assessment date and is numbered. */
          @page {
            size: A4; margin: 18mm 12mm 16mm;

        """#

    /// The rest of the stylesheet, after the margin boxes.
    static let styleAfterMarginBoxes: StaticString = #"""
          }
          .signoff { display: block !important; break-inside: avoid; }
          details.logic { display: none; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          #filters { display: none !important; }
          .finding { display: block !important; }
          .group, .section { display: block !important; }
          a { color: inherit; text-decoration: none; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; color: var(--muted); }
          h2, h3, .finding h4 { break-after: avoid; break-inside: avoid; }
          footer { margin-top: 1.5rem; break-inside: avoid; }
        }

        """#

    /// Shows the filter form and hides the findings (and emptied groups and sections) it filters out.
    static let script: StaticString = #"""
        <script>
        (function () {
          var form = document.getElementById("filters");
          form.hidden = false;
          var controls = ["f-state", "f-severity", "f-pack", "f-text"].map(function (id) { return document.getElementById(id); });
          function apply() {
            var state = controls[0].value, severity = controls[1].value, pack = controls[2].value;
            var text = controls[3].value.trim().toLowerCase();
            document.querySelectorAll("article.finding").forEach(function (el) {
              var show = (!state || el.dataset.state === state) && (!severity || el.dataset.severity === severity) &&
                (!pack || el.dataset.pack.split(" ").indexOf(pack) >= 0) && (!text || el.textContent.toLowerCase().indexOf(text) >= 0);
              el.style.display = show ? "" : "none";
            });
            document.querySelectorAll(".group, .section").forEach(function (el) {
              el.style.display = el.querySelector("article.finding:not([style*='none'])") ? "" : "none";
            });
          }
          controls.forEach(function (c) { c.addEventListener("input", apply); c.addEventListener("change", apply); });
        })();
        </script>

        """#
}
