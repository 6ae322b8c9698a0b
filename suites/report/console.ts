import { citationText } from "./citation-text.js";
import { byKey, compare } from "./format.js";
import type { CertificationResult } from "./report.js";

/**
 * What a person reads in the console after a certification: the mishandled
 * results grouped by the rule they break, each group with its count, the
 * cases it covers, the sentence of the document it enforces and one worked
 * counterexample (schedule, request journal as a timeline, outcome, replay).
 * Pure text; the CLI colours only the marks it passes in.
 */

export interface ConsolePaint {
  readonly red: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const PLAIN: ConsolePaint = { red: (t) => t, bold: (t) => t, dim: (t) => t };

/** The mark for each status; distinct characters, so that they read apart without colour. */
export const STATUS_MARKS = { handled: ".", mishandled: "✗", accepted: "~", "not-applicable": "-" } as const;

/** At most this many requests of a worked example's journal are shown; report.json has them all. */
const JOURNAL_LINES = 12;
/** At most this many code × operation groups in a rule's list of cases. */
const CASE_GROUPS = 6;
/** At most this many other problems of one rule (cases whose message differs from the example's in kind). */
const OTHER_PROBLEMS = 6;

export interface RuleGroup {
  readonly rule: string;
  /** Mishandled results breaking this rule, by key. */
  readonly results: readonly CertificationResult[];
}

/** Mishandled results by the rule they break, the rule breaking most cases first (then by rule id). */
export function groupByRule(results: readonly CertificationResult[]): readonly RuleGroup[] {
  const groups = new Map<string, CertificationResult[]>();
  for (const result of [...results].sort(byKey)) {
    if (result.status !== "mishandled") continue;
    const rule = result.rule ?? "unknown rule";
    const group = groups.get(rule);
    if (group) group.push(result);
    else groups.set(rule, [result]);
  }
  return [...groups.entries()].map(([rule, grouped]) => ({ rule, results: grouped })).sort((a, b) => b.results.length - a.results.length || compare(a.rule, b.rule));
}

/** The mishandled results of a report as a person reads them: one section per broken rule. */
export function renderRuleGroups(results: readonly CertificationResult[], paint: ConsolePaint = PLAIN): string {
  return groupByRule(results)
    .map((group) => renderGroup(group, paint))
    .join("\n");
}

function renderGroup(group: RuleGroup, paint: ConsolePaint): string {
  const count = group.results.length;
  const example = workedExample(group.results);
  const citation = group.results.find((result) => result.citation)?.citation;
  const lines = [
    `${paint.red("✗")} ${paint.bold(group.rule)}: ${count} mishandled case${count === 1 ? "" : "s"}`,
    `  cases: ${casesCovered(group.results)}`,
    ...(citation ? [`  enforces: ${citationText(citation)}`] : []),
    `  example: ${example.code} on ${example.operation} (${example.key})`,
    ...exampleLines(example).map((line) => `    ${line}`),
    ...otherProblems(group.results, example),
  ];
  return lines.join("\n") + "\n";
}

/**
 * One rule can be broken in different ways (the adapter contract: a throw, a hang, no outcome):
 * one line for each other way, its first case and message. Messages that differ only in the
 * operation, the code or a number are one way.
 */
function otherProblems(results: readonly CertificationResult[], example: CertificationResult): string[] {
  const kind = (result: CertificationResult) =>
    (result.message ?? "")
      .split(result.operation)
      .join("{operation}")
      .split(result.code)
      .join("{code}")
      .replace(/\d+/g, "#");
  const seen = new Set([kind(example)]);
  const others: CertificationResult[] = [];
  for (const result of results) {
    if (seen.has(kind(result))) continue;
    seen.add(kind(result));
    others.push(result);
  }
  if (others.length === 0) return [];
  const shown = others.slice(0, OTHER_PROBLEMS);
  return [
    `  also broken another way in:`,
    ...shown.map((result) => `    ${result.code} on ${result.operation} (${result.key}): ${result.message ?? ""}`),
    ...(others.length > shown.length ? [`    … ${others.length - shown.length} more (report.md lists them all)`] : []),
  ];
}

/** The simplest counterexample of a group: the fewest requests, then the shortest schedule, then by key. */
function workedExample(results: readonly CertificationResult[]): CertificationResult {
  const size = (result: CertificationResult) => [result.counterexample?.journal.length ?? Infinity, result.counterexample?.schedule.length ?? Infinity] as const;
  return [...results].sort((a, b) => size(a)[0] - size(b)[0] || size(a)[1] - size(b)[1] || byKey(a, b))[0]!;
}

/**
 * The cases of a group, compactly: codes that fail on the same operations share
 * one entry, `InternalServerError, ServiceUnavailable × CaptureCharge, CreateCharge`.
 */
export function casesCovered(results: readonly CertificationResult[]): string {
  const byCode = new Map<string, Set<string>>();
  for (const result of results) {
    const operations = byCode.get(result.code) ?? new Set<string>();
    operations.add(result.operation);
    byCode.set(result.code, operations);
  }
  const byOperations = new Map<string, string[]>();
  for (const [code, operations] of [...byCode.entries()].sort(([a], [b]) => compare(a, b))) {
    const key = [...operations].sort(compare).join(", ");
    byOperations.set(key, [...(byOperations.get(key) ?? []), code]);
  }
  const entries = [...byOperations.entries()].map(([operations, codes]) => `${codes.join(", ")} × ${operations}`);
  const shown = entries.slice(0, CASE_GROUPS);
  const more = entries.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more (report.md lists them all)` : "");
}

interface TimelineEntry {
  readonly at?: number;
  readonly method?: string;
  readonly operation?: string;
  readonly url?: string;
  readonly response?: { readonly status?: number; readonly code?: string; readonly fault?: string; readonly by?: string };
}

function exampleLines(result: CertificationResult): string[] {
  const example = result.counterexample;
  const lines: string[] = [];
  if (result.message) lines.push(`what broke: ${result.message}`);
  if (!example) return [...lines, ...(result.replay ? [`replay: ${result.replay}`] : [])];
  if (example.scheduleClass) lines.push(`schedule class: ${example.scheduleClass}`);
  else lines.push(`shrunk schedule: ${example.schedule.length === 0 ? "(normal answers only)" : example.schedule.map(faultText).join(", ")}`);
  const journal = example.journal as readonly TimelineEntry[];
  const attempts = journal.filter((entry) => entry.operation === result.operation).length;
  // Said outright when the integration made one attempt: a class named for the limit did not reach it.
  if (attempts === 1 && result.operation && journal.length > 0) lines.push(`the integration sent ${result.operation} once: no retry happened at all`);
  lines.push(`request journal (${journal.length} request${journal.length === 1 ? "" : "s"}):`);
  if (journal.length === 0) lines.push("  (no request)");
  const start = journal[0]?.at ?? 0;
  for (const entry of journal.slice(0, JOURNAL_LINES)) lines.push(`  ${timelineLine(entry, start)}`);
  if (journal.length > JOURNAL_LINES) lines.push(`  … ${journal.length - JOURNAL_LINES} more (report.json has the whole journal)`);
  lines.push(`outcome: ${outcomeText(example.outcome)}`);
  if (result.replay) lines.push(`replay: ${result.replay}`);
  return lines;
}

function timelineLine(entry: TimelineEntry, start: number): string {
  const offset = `+${typeof entry.at === "number" ? entry.at - start : "?"}ms`.padEnd(9);
  const response = entry.response ?? {};
  const status = response.status === 0 || response.status === undefined ? (response.fault ?? "no answer") : String(response.status);
  const code = response.code ? ` ${response.code}` : "";
  const fault = response.status !== 0 && response.fault ? ` (${response.fault})` : "";
  return `${offset} ${(entry.method ?? "?").padEnd(5)} ${entry.operation ?? entry.url ?? "?"} → ${status}${code}${fault}`;
}

/** One entry of a schedule, in words: a documented code, a transport fault, or the normal answer. */
export function faultText(fault: unknown): string {
  if (typeof fault === "string") return fault;
  if (!fault || typeof fault !== "object") return JSON.stringify(fault) ?? String(fault);
  const f = fault as { kind?: string; code?: string; status?: number; retryAfterSeconds?: number; afterEffect?: boolean };
  const retryAfter = f.retryAfterSeconds !== undefined ? ` (Retry-After: ${f.retryAfterSeconds})` : "";
  switch (f.kind) {
    case "error":
      return `${f.code ?? "an error"}${f.afterEffect ? " after taking effect" : ""}${retryAfter}`;
    case "pass":
      return "normal answer";
    case "status":
    case "gateway-html":
      return `HTTP ${f.status ?? "?"}${f.kind === "gateway-html" ? " (gateway HTML)" : ""}${retryAfter}`;
    case undefined:
      return f.code ?? JSON.stringify(fault);
    default:
      return f.kind;
  }
}

/** What the adapter returned, in one line. */
export function outcomeText(outcome: unknown): string {
  if (outcome === undefined) return "nothing (undefined)";
  if (!outcome || typeof outcome !== "object") return JSON.stringify(outcome);
  const o = outcome as { status?: unknown; kind?: unknown; code?: unknown; reason?: unknown; error?: unknown; data?: unknown };
  const status = typeof o.status === "string" ? o.status : typeof o.kind === "string" ? o.kind : undefined;
  if (!status) return JSON.stringify(outcome);
  const code = typeof o.code === "string" ? (o.code === "" ? " with an empty code" : ` ${o.code}`) : "";
  const why = typeof o.reason === "string" ? ` — ${JSON.stringify(o.reason)}` : typeof o.error === "string" ? ` — ${o.error}` : "";
  const data = o.data && typeof o.data === "object" ? ` ${JSON.stringify(o.data)}` : "";
  return `${status}${code}${data}${why}`;
}
