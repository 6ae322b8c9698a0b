import { citationText } from "./citation-text.js";
import escapeHtml from "escape-html";
import { apiTitle, compare, countStatuses, DEFAULT_MIN_SCORE, formatPercent, groupByApi, prettyJson, verdictOf, type ApiGroup } from "./format.js";
import { redactReport } from "./redact-report.js";
import type { CertificationReport, CertificationResult } from "./report.js";
import { overlayEntryLine, overlaySummary, type ReportOverlay } from "./overlay.js";

export interface HtmlOptions {
  /** The minimum score the run was held to (`--min-score`); 1 unless said. */
  readonly minScore?: number;
}

/**
 * report.html: one self-contained page (inline CSS, no script, no external
 * resource, so it opens offline and as a CI artifact). A header with the verdict
 * and the run, then per API a matrix of documented failures × operations, and
 * the details of each mishandled or accepted result, linked from its cell.
 *
 * Stable hooks for tests and tools: `data-score` (and the counts) on the
 * summary; `data-api` on each API's section and table; `data-failure` on each
 * row; `data-api`, `data-failure`, `data-operation`, `data-status` on each
 * result's cell; `data-key` and `data-status` on each details entry.
 *
 * The markup is also well-formed XML (void elements self-closed, attributes
 * quoted), so tests can parse it without a browser.
 */
export function renderHtml(report: CertificationReport, options: HtmlOptions = {}): string {
  const safe = redactReport(report);
  const anchors = anchorsFor(safe.results);
  const verdict = verdictOf(safe, options.minScore ?? DEFAULT_MIN_SCORE);
  const all = groupByApi(safe.results);
  // An API the adapter does not implement at all (every case not applicable) gets no empty matrix, only a line.
  const groups = all.filter((group) => group.results.some((result) => result.status !== "not-applicable"));
  const unused = all.filter((group) => !groups.includes(group));
  const title = `faultproof: ${safe.adapter} — ${verdict.certified ? "certified" : "not certified"}, ${formatPercent(safe.score)}`;
  const detailed = (status: CertificationResult["status"]) => groups.flatMap((group) => group.results).filter((result) => result.status === status);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    // Belt and braces: even a string that slipped through escaping could load nothing and run nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'" />`,
    `<title>${h(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    header(safe, verdict.certified, verdict.reasons),
    "<main>",
    ...(safe.overlay ? [overlaySection(safe.overlay)] : []),
    groups.length === 0 ? `<p class="empty">${unused.length > 0 ? "Nothing was applicable: the adapter implements none of the operations tested." : "No results: nothing was tested."}</p>` : groups.map((group) => matrix(group, anchors)).join("\n"),
    ...unused.map((group) => `<p class="unused-api"${attrs({ "data-api": group.api })}>${h(apiTitle(group.api))}: not used by this adapter (none of its operations is implemented); its ${group.results.length} case${group.results.length === 1 ? " is" : "s are"} not applicable and not shown.</p>`),
    details("mishandled", "Mishandled", "Each of these breaks a rule of the documented handling. Replay one with its command.", detailed("mishandled"), anchors),
    details("accepted", "Accepted gaps (baseline)", "Mishandled, but listed in the baseline of accepted gaps: they do not fail the run.", detailed("accepted"), anchors),
    "</main>",
    `<footer>${h(safe.tool.name)} ${h(safe.tool.version)} · catalogue ${h(safe.catalogueVersion)}</footer>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const STATUS_VIEW: Readonly<Record<string, { readonly mark: string; readonly label: string }>> = {
  handled: { mark: "✓", label: "handled" },
  mishandled: { mark: "✗", label: "mishandled" },
  accepted: { mark: "~", label: "accepted gap (baseline)" },
  "not-applicable": { mark: "·", label: "not applicable" },
};

function statusView(status: string): { readonly mark: string; readonly label: string } {
  return STATUS_VIEW[status] ?? { mark: "?", label: `unknown status ${status}` };
}

function header(report: CertificationReport, certified: boolean, reasons: readonly string[]): string {
  const { summary } = report;
  const run: [string, string][] = [
    ["Adapter", report.adapter],
    ["Seed", String(report.seed)],
    ["Runs per property", String(report.runs)],
    ["Catalogue version", report.catalogueVersion],
    ["Tool version", `${report.tool.name} ${report.tool.version}`],
    ...(report.shard ? [["Shard", `${report.shard.index} of ${report.shard.count}`] as [string, string]] : []),
    ["Generated", report.generatedAt],
  ];
  const verdictClass = certified ? "certified" : "not-certified";
  return [
    '<header class="top">',
    `<h1>faultproof certification <span class="adapter">${h(report.adapter)}</span></h1>`,
    `<section class="summary ${verdictClass}"${attrs({
      "data-verdict": verdictClass,
      "data-score": String(report.score),
      "data-applicable": String(summary.applicable),
      "data-handled": String(summary.handled),
      "data-mishandled": String(summary.mishandled),
      "data-accepted": String(summary.accepted),
      "data-not-applicable": String(summary.notApplicable),
    })}>`,
    `<p class="verdict">${certified ? "✓ Certified" : "✗ Not certified"}${reasons.length > 0 ? `<span class="reasons">: ${h(reasons.join(", "))}</span>` : ""}</p>`,
    `<p class="score"><span class="score-value">${h(formatPercent(report.score))}</span> <span class="score-of">handled: ${summary.handled} of ${summary.applicable} applicable</span></p>`,
    '<ul class="counts">',
    countItem("handled", summary.handled, "handled"),
    countItem("mishandled", summary.mishandled, "mishandled", summary.mishandled > 0 ? "#mishandled" : undefined),
    countItem("accepted", summary.accepted, summary.accepted === 1 ? "accepted gap" : "accepted gaps", summary.accepted > 0 ? "#accepted" : undefined),
    countItem("not-applicable", summary.notApplicable, "not applicable"),
    "</ul>",
    "</section>",
    `<dl class="run">${run.map(([term, value]) => `<div><dt>${h(term)}</dt><dd>${h(value)}</dd></div>`).join("")}</dl>`,
    '<p class="legend">',
    ...["handled", "mishandled", "accepted", "not-applicable"].map((status) => `<span class="key"><span class="chip status-${status}">${statusView(status).mark}</span> ${h(statusView(status).label)}</span>`),
    '<span class="key"><span class="chip status-none"></span> not a documented failure of that operation</span>',
    "</p>",
    "</header>",
  ].join("\n");
}

/** The team's overlay, entry by entry: which failures are the team's own reading of the pages. */
function overlaySection(overlay: ReportOverlay): string {
  const rows = overlay.entries.map((entry) => `<li${attrs({ "data-effect": entry.effect, "data-id": entry.id })}>${h(overlayEntryLine(entry))}</li>`);
  return `<section class="overlay" id="overlay"><h2>${h(overlaySummary(overlay))}</h2><ul>${rows.join("")}</ul></section>`;
}

function countItem(status: string, count: number, label: string, href?: string): string {
  const text = `<span class="count">${count}</span> ${h(label)}`;
  return `<li class="status-${status}">${href ? `<a href="${h(href)}">${text}</a>` : text}</li>`;
}

function matrix(group: ApiGroup, anchors: Anchors): string {
  const operations = [...new Set(group.results.map((result) => result.operation))].sort(compare);
  const rows = new Map<string, { first: CertificationResult; byOperation: Map<string, CertificationResult> }>();
  for (const result of group.results) {
    const row = rows.get(result.failureId) ?? { first: result, byOperation: new Map<string, CertificationResult>() };
    row.byOperation.set(result.operation, result);
    rows.set(result.failureId, row);
  }
  const counts = countStatuses(group.results);
  const title = apiTitle(group.api);
  return [
    `<section class="api"${attrs({ id: `api-${slug(group.api)}`, "data-api": group.api })}>`,
    `<h2>${h(title)} <span class="api-counts">${counts.handled} handled · ${counts.mishandled} mishandled · ${counts.accepted} accepted · ${counts["not-applicable"]} not applicable</span></h2>`,
    '<div class="scroll">',
    `<table class="matrix"${attrs({ "data-api": group.api })}>`,
    `<caption>${h(title)}: documented failures (rows) × operations (columns)</caption>`,
    "<thead><tr>",
    '<th scope="col" class="code">Code</th><th scope="col" class="kind">Kind</th><th scope="col" class="mock">Mock code</th>',
    ...operations.map((operation) => `<th scope="col" class="operation"${attrs({ "data-operation": operation })}>${breakable(operation)}</th>`),
    "</tr></thead>",
    "<tbody>",
    ...[...rows.entries()].map(([failureId, row]) =>
      [
        `<tr${attrs({ "data-failure": failureId })}>`,
        `<th scope="row" class="code"${attrs({ title: `${failureId} · documented handling: ${row.first.handling} · ${row.first.source.doc} “${row.first.source.section}”` })}>${h(row.first.code)}</th>`,
        `<td class="kind">${h(row.first.kind)}</td>`,
        `<td class="mock">${row.first.mockCode !== undefined ? h(row.first.mockCode) : "—"}</td>`,
        ...operations.map((operation) => {
          const result = row.byOperation.get(operation);
          return result ? cell(result, anchors) : '<td class="status-none"></td>';
        }),
        "</tr>",
      ].join(""),
    ),
    "</tbody>",
    "</table>",
    "</div>",
    "</section>",
  ].join("\n");
}

function cell(result: CertificationResult, anchors: Anchors): string {
  const view = statusView(result.status);
  const target = anchors.get(result.key);
  const mark = target ? `<a${attrs({ href: `#${target.detail}` })}>${view.mark}</a>` : view.mark;
  return `<td${attrs({
    id: target?.cell,
    class: `result status-${slug(result.status)}`,
    "data-api": result.api,
    "data-failure": result.failureId,
    "data-operation": result.operation,
    "data-status": result.status,
    title: tooltip(result),
  })}>${mark}</td>`;
}

function tooltip(result: CertificationResult): string {
  const what = `${result.code} on ${result.operation}`;
  const broken = `${result.rule ?? "unknown rule"}: ${result.message ?? ""}`;
  switch (result.status) {
    case "handled":
      return `${what}: handled (documented handling: ${result.handling})`;
    case "mishandled":
      return `${what}: mishandled — ${broken}`;
    case "accepted":
      return `${what}: accepted gap (baseline) — ${broken}`;
    case "not-applicable":
      return `${what}: not applicable — the adapter does not implement ${result.operation}`;
    default:
      return `${what}: ${statusView((result as { status: string }).status).label}`;
  }
}

function details(id: string, heading: string, intro: string, results: readonly CertificationResult[], anchors: Anchors): string {
  if (results.length === 0) return "";
  return [`<section class="details"${attrs({ id })}>`, `<h2>${h(heading)} <span class="api-counts">${results.length}</span></h2>`, `<p class="intro">${h(intro)}</p>`, ...results.map((result) => detail(result, anchors)), "</section>"].join(
    "\n",
  );
}

function detail(result: CertificationResult, anchors: Anchors): string {
  const target = anchors.get(result.key);
  const example = result.counterexample;
  const facts: [string, string][] = [
    ["Rule", result.rule ?? "unknown rule"],
    ["Message", result.message ?? ""],
    ...(result.citation ? [["Document says", citationText(result.citation)] as [string, string]] : []),
    ...(example?.scheduleClass ? [["Schedule class", example.scheduleClass] as [string, string]] : []),
    ...(result.advice ?? []).map((item): [string, string] => ["Advice (not scored)", `${item.rule}: ${item.message}`]),
    ["API", apiTitle(result.api)],
    ["Documented handling", result.handling],
    ["Source", `${result.source.doc} “${result.source.section}”`],
    ...(example ? [["fast-check", `seed ${example.seed}, path ${example.path || "(none)"}`] as [string, string]] : []),
  ];
  return [
    `<article${attrs({ id: target?.detail, class: `detail status-${slug(result.status)}`, "data-key": result.key, "data-status": result.status })}>`,
    `<h3><span class="chip status-${slug(result.status)}">${statusView(result.status).mark}</span> ${h(result.code)} on ${h(result.operation)}${target ? ` <a class="back"${attrs({ href: `#${target.cell}` })}>↑ matrix</a>` : ""}</h3>`,
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${h(term)}</dt><dd>${h(value)}</dd></div>`).join("")}</dl>`,
    "<h4>Replay</h4>",
    `<pre class="replay"><code>${h(result.replay ?? "(no replay command recorded)")}</code></pre>`,
    ...(example
      ? [
          "<h4>Shrunk schedule of answers</h4>",
          `<pre class="schedule">${h(prettyJson(example.schedule))}</pre>`,
          "<h4>Outcome</h4>",
          `<pre class="outcome">${h(prettyJson(example.outcome))}</pre>`,
          `<h4>Request journal <span class="api-counts">${example.journal.length} ${example.journal.length === 1 ? "request" : "requests"}</span></h4>`,
          ...journal(example.journal),
        ]
      : ['<p class="intro">No counterexample was recorded.</p>']),
    "</article>",
  ].join("\n");
}

/** The journal a request a line, then whole as JSON (folded when the lines already say it). */
function journal(entries: readonly unknown[]): readonly string[] {
  const lines = timeline(entries);
  return [lines, `<details class="journal"${lines ? "" : ' open=""'}><summary>The journal as JSON</summary><pre class="journal">${h(prettyJson(entries))}</pre></details>`];
}

interface TimelineEntry {
  readonly seq?: unknown;
  readonly at?: unknown;
  readonly method?: unknown;
  readonly operation?: unknown;
  readonly url?: unknown;
  readonly response?: { readonly status?: unknown; readonly code?: unknown; readonly fault?: unknown };
}

/** The journal one request a line, like the terminal shows it; entries of another shape are left to the JSON. */
function timeline(journal: readonly unknown[]): string {
  const entries = journal.filter((entry): entry is TimelineEntry => entry !== null && typeof entry === "object" && "response" in entry);
  if (entries.length === 0) return "";
  const start = typeof entries[0]?.at === "number" ? entries[0].at : 0;
  const lines = entries.map((entry) => {
    const offset = typeof entry.at === "number" ? `+${entry.at - start}ms` : "";
    const target = typeof entry.operation === "string" ? entry.operation : typeof entry.url === "string" ? entry.url : "?";
    const response = entry.response ?? {};
    const answer = [String(response.status ?? "?"), typeof response.code === "string" ? response.code : "", typeof response.fault === "string" ? `(${response.fault})` : ""].filter(Boolean).join(" ");
    return `#${String(entry.seq ?? "?")} ${offset} ${String(entry.method ?? "")} ${target} → ${answer}`.replace(/\s+/g, " ");
  });
  return `<pre class="timeline">${h(lines.join("\n"))}</pre>`;
}

interface Anchor {
  readonly cell: string;
  readonly detail: string;
}
type Anchors = ReadonlyMap<string, Anchor>;

/** Ids for the results that have details (mishandled, accepted): readable, unique, and safe in a URL fragment. */
function anchorsFor(results: readonly CertificationResult[]): Anchors {
  const anchors = new Map<string, Anchor>();
  const used = new Set<string>();
  for (const result of [...results].sort((a, b) => compare(a.key, b.key))) {
    if (result.status !== "mishandled" && result.status !== "accepted") continue;
    let name = slug(result.key);
    for (let n = 2; used.has(name); n += 1) name = `${slug(result.key)}-${n}`;
    used.add(name);
    anchors.set(result.key, { cell: `cell-${name}`, detail: `result-${name}` });
  }
  return anchors;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, "-");
}

function h(text: string): string {
  return escapeHtml(text);
}

/** ` name="value"` pairs, values escaped; undefined values left out. */
function attrs(pairs: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(pairs)
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${h(value)}"`)
    .join("");
}

/** An operation name that may wrap between its words (CompleteCheckoutSession → Complete·Checkout·Session). */
function breakable(name: string): string {
  return name
    .split(/(?<=[a-z0-9])(?=[A-Z])/)
    .map(h)
    .join("<wbr />");
}

const CSS = `
:root { --ok: #137333; --ok-bg: #e6f4ea; --bad: #b3261e; --bad-bg: #fce8e6; --warn: #8a5a00; --warn-bg: #fef3d6; --na: #5f6368; --na-bg: #f1f3f4; --line: #dadce0; --ink: #202124; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 22px; margin: 0 0 12px; }
h1 .adapter { font-weight: 400; color: var(--muted); }
h2 { font-size: 18px; margin: 32px 0 8px; }
h3 { font-size: 15px; margin: 0 0 8px; }
h4 { font-size: 13px; margin: 14px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
a { color: inherit; }
code, pre { font: 12.5px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
pre { margin: 0; padding: 10px 12px; background: #f8f9fa; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.top { display: grid; grid-template-columns: minmax(260px, max-content) 1fr; gap: 12px 32px; align-items: start; }
.top h1, .top .legend { grid-column: 1 / -1; }
.summary { padding: 14px 18px; border-radius: 8px; border: 1px solid var(--line); }
.summary.certified { background: var(--ok-bg); border-color: #a8dab5; }
.summary.not-certified { background: var(--bad-bg); border-color: #f4b4ae; }
.verdict { margin: 0; font-size: 16px; font-weight: 600; }
.certified .verdict { color: var(--ok); }
.not-certified .verdict { color: var(--bad); }
.reasons { font-weight: 400; }
.score { margin: 4px 0 8px; }
.score-value { font-size: 32px; font-weight: 700; }
.score-of { color: var(--muted); }
.counts { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; }
.counts .count { font-weight: 700; }
.run { margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 16px; }
.run div { padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; }
.run dt { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.run dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
.legend { margin: 0; color: var(--muted); display: flex; flex-wrap: wrap; gap: 6px 18px; }
.chip { display: inline-block; min-width: 20px; height: 20px; line-height: 20px; text-align: center; border-radius: 4px; font-weight: 700; vertical-align: middle; }
.chip.status-none { border: 1px dashed var(--line); }
.api-counts { font-size: 13px; font-weight: 400; color: var(--muted); margin-left: 6px; }
.scroll { overflow-x: auto; }
table.matrix { border-collapse: collapse; }
.unused-api { color: var(--muted); }
.matrix caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 5px 8px; }
.matrix thead th { background: #f8f9fa; font-size: 12px; text-align: left; vertical-align: bottom; }
.matrix thead th.operation { text-align: center; width: 104px; min-width: 104px; }
.matrix tbody th { text-align: left; font-weight: 600; white-space: nowrap; }
.matrix td.kind, .matrix td.mock { color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.matrix td.result { text-align: center; font-weight: 700; font-size: 16px; min-width: 56px; }
.matrix td.result a { display: block; text-decoration: none; }
.matrix td.result a:hover, .matrix td.result a:focus { text-decoration: underline; }
.matrix td.status-mishandled { box-shadow: inset 0 0 0 2px #f4b4ae; }
.matrix tbody tr:hover { outline: 2px solid #c6dafc; }
.status-handled { color: var(--ok); background: var(--ok-bg); }
.status-mishandled { color: var(--bad); background: var(--bad-bg); }
.status-accepted { color: var(--warn); background: var(--warn-bg); }
.status-not-applicable { color: var(--na); background: var(--na-bg); }
.status-unknown { color: var(--ink); background: #e8eaed; }
.counts li { background: none; }
.detail { margin: 12px 0 20px; padding: 14px 16px; border: 1px solid var(--line); border-left: 5px solid var(--bad); border-radius: 6px; color: var(--ink); background: #fff; }
.detail.status-accepted { border-left-color: #e0a800; }
.detail .back { font-size: 12px; font-weight: 400; margin-left: 8px; color: var(--muted); }
.detail:target { box-shadow: 0 0 0 3px #c6dafc; }
.facts { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; }
.facts div { display: contents; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.replay { background: #202124; color: #e8eaed; border-color: #202124; }
details.journal { margin-top: 6px; }
details.journal summary { cursor: pointer; color: var(--muted); }
.intro, .empty { color: var(--muted); margin: 0 0 8px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { .scroll { overflow: visible; } }
`.trim();
