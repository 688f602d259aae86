/// The HTML report's template (Mustache; `{{x}}` escapes `< > & " '`; `{{{x}}}` is used once, for the page
/// counter of the print stylesheet, a constant the reporter writes).
///
/// Self-contained: CSS and the filter script are inline, nothing is loaded over the network, and
/// every finding is visible without JavaScript (the filter form only appears when the script
/// runs). A print stylesheet lays the report out for A4.
enum HTMLTemplate {
    static let text = #"""
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="venue-audit {{toolVersion}}">
        <title>{{labels.report}}: {{venueTitle}}</title>
        <style>
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
            @top-left { content: "{{print.venue}}"; font-size: 8pt; color: #475467; }
            @top-right { content: "{{print.date}}"; font-size: 8pt; color: #475467; }
            @bottom-left { content: "{{print.title}}"; font-size: 8pt; color: #475467; }
            @bottom-right { content: {{{print.pageCounter}}}; font-size: 8pt; color: #475467; }
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
        </style>
        </head>
        <body>
        <header>
        <p class="meta">{{labels.report}}</p>
        <h1>{{venueTitle}}</h1>
        <dl class="meta">
        <dt>{{labels.venue}}</dt><dd>{{venue.id}}</dd>
        {{#venue.hasType}}<dt>{{labels.type}}</dt><dd title="{{venue.type}}">{{venue.typeLabel}}</dd>
        {{/venue.hasType}}{{#venue.hasJurisdiction}}<dt>{{labels.jurisdiction}}</dt><dd>{{venue.jurisdiction}}</dd>
        {{/venue.hasJurisdiction}}{{#venue.hasDistrict}}<dt>{{labels.district}}</dt><dd>{{venue.district}}</dd>
        {{/venue.hasDistrict}}{{#venue.hasOperator}}<dt>{{labels.operatorName}}</dt><dd>{{venue.operator}}</dd>
        {{/venue.hasOperator}}</dl>
        <dl class="meta">
        <dt>{{labels.assessment}}</dt><dd{{#assessment.hasKind}} title="{{assessment.kind}}"{{/assessment.hasKind}}>{{assessment.kindLabel}}</dd>
        {{#assessment.hasDate}}<dt>{{labels.date}}</dt><dd class="nw">{{assessment.date}}</dd>
        {{/assessment.hasDate}}{{#assessment.hasAssessor}}<dt>{{labels.assessor}}</dt><dd>{{assessment.assessor}}{{#assessment.hasOrganization}}{{comma}}{{assessment.organization}}{{/assessment.hasOrganization}}</dd>
        {{/assessment.hasAssessor}}{{^assessment.hasAssessor}}{{#assessment.hasOrganization}}<dt>{{labels.assessor}}</dt><dd>{{assessment.organization}}</dd>
        {{/assessment.hasOrganization}}{{/assessment.hasAssessor}}</dl>
        </header>

        <div class="banner verdict-{{verdict}}" role="status">{{verdictText}}
        <small>{{failingText}} · {{thresholdText}}</small>
        <small>{{countsText}}</small></div>
        {{#personalDataFound}}<p class="privacy">{{labels.personalData}}</p>{{/personalDataFound}}

        {{#hasPlan}}
        <section class="plan" aria-labelledby="plan-h">
        <h2 id="plan-h">{{labels.whatFirst}}</h2>
        <p class="meta">{{labels.whatFirstIntro}}</p>
        {{#plan}}
        <h3{{#hasPath}} title="{{path}}"{{/hasPath}}>{{name}}</h3>
        <ol class="plan-actions">
        {{#actions}}<li><span class="badge sev sev-{{severity}}">{{severityLabel}}</span> {{#steps}}<span class="step">{{.}}</span> {{/steps}}<br><span class="closes">{{labels.closes}}{{colon}}{{#rules}}<a href="#{{anchor}}" title="{{title}}">{{ruleID}}</a> {{/rules}}</span></li>
        {{/actions}}</ol>
        {{/plan}}
        </section>
        {{/hasPlan}}

        <table class="counts"><caption>{{labels.byState}}</caption>
        {{#stateCounts}}<tr><th><span class="badge state-{{state}}">{{label}}</span></th><td class="n">{{count}}</td></tr>
        {{/stateCounts}}</table>
        <table class="counts"><caption>{{labels.bySeverity}}</caption>
        {{#severityCounts}}<tr><th><span class="badge sev sev-{{severity}}">{{label}}</span></th><td class="n">{{count}}</td></tr>
        {{/severityCounts}}</table>


        <form id="filters" hidden onsubmit="return false">
        <strong>{{labels.filters}}</strong>
        <select id="f-state" aria-label="{{labels.allStates}}"><option value="">{{labels.allStates}}</option>
        {{#stateCounts}}<option value="{{state}}">{{label}}</option>{{/stateCounts}}</select>
        <select id="f-severity" aria-label="{{labels.allSeverities}}"><option value="">{{labels.allSeverities}}</option>
        {{#severityCounts}}<option value="{{severity}}">{{label}}</option>{{/severityCounts}}</select>
        <select id="f-pack" aria-label="{{labels.allLaws}}"><option value="">{{labels.allLaws}}</option>
        {{#packs}}<option value="{{id}}">{{id}} {{version}}</option>{{/packs}}</select>
        <input type="search" id="f-text" placeholder="{{labels.search}}" aria-label="{{labels.search}}">
        </form>

        <main>
        <h2>{{labels.findings}}</h2>
        {{#sections}}
        <section class="section" data-section="{{state}}">
        <h2 class="state-{{state}}">{{heading}} ({{count}})</h2>
        {{#groups}}
        <div class="group">
        <h3{{#hasTargetPath}} title="{{targetPath}}"{{/hasTargetPath}}>{{target}}</h3>
        {{#findings}}
        {{#detailed}}
        <article class="finding state-{{state}}" id="{{anchor}}" data-state="{{state}}" data-severity="{{severity}}" data-pack="{{packs}}">
        <h4><span class="badge state-{{state}}">{{stateLabel}}</span> <span class="badge sev sev-{{severity}}">{{severityLabel}}</span> {{title}}</h4>
        <div class="rule"><a href="{{ruleURL}}" title="{{pack}}">{{ruleID}}</a> · {{forceLabel}}</div>
        <p class="message">{{message}}</p>
        <dl>
        {{#hasExpects}}<dt>{{labels.expected}}</dt><dd>{{expects}}</dd>
        {{/hasExpects}}{{#hasCitations}}<dt>{{labels.citations}}</dt><dd><ul class="plain">{{#citations}}<li>{{#hasURL}}<a href="{{url}}" rel="noreferrer">{{instrument}}{{citationJoin}}{{provision}}</a>{{/hasURL}}{{^hasURL}}{{instrument}}{{citationJoin}}{{provision}}{{/hasURL}}</li>{{/citations}}</ul></dd>
        {{/hasCitations}}{{#hasGuidance}}<dt>{{labels.guidance}}</dt><dd><ul class="plain">{{#guidance}}<li>{{#hasURL}}<a href="{{url}}" rel="noreferrer">{{instrument}}{{citationJoin}}{{provision}}</a>{{/hasURL}}{{^hasURL}}{{instrument}}{{citationJoin}}{{provision}}{{/hasURL}}</li>{{/guidance}}</ul></dd>
        {{/hasGuidance}}{{#hasWaiver}}<dt>{{labels.waiver}}</dt><dd>{{waiver.reason}} ({{waiver.approvedBy}}; {{labels.waiverExpires}} {{waiver.expires}}){{^waiver.active}} <strong class="state-fail">{{labels.waiverInactive}}</strong>{{/waiver.active}}</dd>
        {{/hasWaiver}}<dt>{{labels.remediation}}</dt><dd><ol class="actions">{{#actions}}<li>{{.}}</li>{{/actions}}</ol></dd>
        {{#hasRelated}}<dt>{{labels.sameProblem}}</dt><dd><ul class="plain related">{{#related}}<li id="{{anchor}}"><span class="badge sev sev-{{severity}}">{{severityLabel}}</span> {{title}} <a class="rule" href="{{ruleURL}}" title="{{pack}}">{{ruleID}}</a> · {{forceLabel}}{{#citations}}<br><span class="cite">{{#hasURL}}<a href="{{url}}" rel="noreferrer">{{instrument}}{{citationJoin}}{{provision}}</a>{{/hasURL}}{{^hasURL}}{{instrument}}{{citationJoin}}{{provision}}{{/hasURL}}</span>{{/citations}}</li>{{/related}}</ul></dd>
        {{/hasRelated}}</dl>
        {{#hasLogicDetail}}<details class="logic"><summary>{{labels.ruleLogic}}</summary>
        <dl>
        {{#hasLocation}}<dt>{{labels.location}}</dt><dd class="loc">{{location}}</dd>
        {{/hasLocation}}{{#hasSourceLine}}<dt>{{labels.sourceLine}}</dt><dd><pre class="source">{{sourceLine}}</pre></dd>
        {{/hasSourceLine}}{{#hasLogic}}<dt>{{labels.condition}}</dt><dd><code>{{logic}}</code></dd>
        {{/hasLogic}}{{#hasEvidence}}<dt>{{labels.evidence}}</dt><dd><ul class="plain">{{#evidence}}<li><code>{{name}}</code> = {{value}}{{#hasLocation}} <span class="loc">({{location}})</span>{{/hasLocation}}</li>{{/evidence}}</ul></dd>
        {{/hasEvidence}}</dl>
        </details>{{/hasLogicDetail}}
        </article>
        {{/detailed}}
        {{^detailed}}
        <article class="finding compact state-{{state}}" id="{{anchor}}" data-state="{{state}}" data-severity="{{severity}}" data-pack="{{pack}}">
        <h4><span class="badge state-{{state}}">{{stateLabel}}</span> <a class="rule" href="{{ruleURL}}">{{ruleID}}</a> {{#passed}}{{message}}{{/passed}}{{^passed}}{{title}} <span class="summary">{{message}}</span>{{/passed}}</h4>
        </article>
        {{/detailed}}
        {{/findings}}
        </div>
        {{/groups}}
        </section>
        {{/sections}}
        {{^sections}}<p>—</p>{{/sections}}
        </main>

        {{#hasObservations}}
        <h2>{{labels.observations}}</h2>
        <ul>
        {{#observations}}<li><strong title="{{kind}}">{{kindLabel}}</strong>{{#hasAt}} · <code>{{at}}</code>{{/hasAt}}{{#hasLocation}} <span class="loc">({{location}})</span>{{/hasLocation}}{{#hasNote}}{{colon}}{{note}}{{/hasNote}}{{#hasEvidence}}<ul class="plain">{{#evidence}}<li>{{.}}</li>{{/evidence}}</ul>{{/hasEvidence}}</li>
        {{/observations}}
        </ul>
        {{/hasObservations}}

        {{#hasDiagnostics}}
        <h2>{{labels.diagnostics}}</h2>
        <ul>
        {{#diagnostics}}<li><span class="loc">{{location}}</span> <strong>{{severity}}</strong> [{{code}}] {{message}}{{#notes}}<br><span class="loc">{{labels.note}}{{colon}}</span>{{.}}{{/notes}}</li>
        {{/diagnostics}}
        </ul>
        {{/hasDiagnostics}}

        <section class="signoff" aria-label="{{labels.signoff}}">
        <h2>{{labels.signoff}}</h2>
        <p class="meta">{{labels.signoffNote}}</p>
        <table>
        <tr><th></th><th>{{labels.name}}</th><th>{{labels.signature}}</th><th>{{labels.date}}</th></tr>
        <tr><th>{{labels.inspector}}</th><td>{{#assessment.hasAssessor}}{{assessment.assessor}}{{/assessment.hasAssessor}}</td><td></td><td></td></tr>
        <tr><th>{{labels.venueRepresentative}}</th><td></td><td></td><td></td></tr>
        </table>
        </section>

        <footer>
        <dl class="meta">
        <dt>{{labels.input}}</dt><dd><code>{{input.path}}</code> (#{{input.documentIndex}})</dd>
        <dt>{{labels.sha256}}</dt><dd><code>{{input.sha256}}</code></dd><br>
        <dt>{{labels.profile}}</dt><dd class="nw">{{profile}}</dd>
        <dt>{{labels.packs}}</dt><dd>{{#packs}}{{id}} {{version}} {{/packs}}</dd>
        <dt>{{labels.asOf}}</dt><dd class="nw">{{asOf}}</dd><br>
        <dt>{{labels.tool}}</dt><dd class="nw">venue-audit {{toolVersion}}</dd>
        <dt>{{labels.generated}}</dt><dd class="nw">{{generatedAt}}</dd>
        </dl>
        </footer>

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
        </body>
        </html>

        """#
}
