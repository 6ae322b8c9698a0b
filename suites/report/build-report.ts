import type { CertificationReport, CertificationResult, Counterexample, ReportSummary } from "./report.js";
import type { ReportOverlay } from "./overlay.js";

/** Keys of a baseline file: `<failure id>@<operation>` of gaps the team has accepted for now. */
export type Baseline = ReadonlySet<string>;

/**
 * Builds report.json from the per-case results: applies the baseline, orders
 * results by key, scores handled ÷ applicable, and replaces the run's random
 * ids in counterexamples with stable placeholders so one seed gives one report.
 */
export function buildReport(options: {
  results: readonly CertificationResult[];
  toolVersion: string;
  catalogueVersion: string;
  adapter: string;
  seed: number;
  runs: number;
  generatedAt: string;
  signaturesVerified?: boolean;
  baseline?: Baseline;
  shard?: { index: number; count: number };
  overlay?: ReportOverlay;
}): CertificationReport {
  const results = [...options.results]
    .map((result) => (result.status === "mishandled" && options.baseline?.has(result.key) ? { ...result, status: "accepted" as const } : result))
    .map(stabilise)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const summary = summarise(results);
  return {
    tool: { name: "faultproof", version: options.toolVersion },
    catalogueVersion: options.catalogueVersion,
    adapter: options.adapter,
    seed: options.seed,
    runs: options.runs,
    generatedAt: options.generatedAt,
    ...(options.signaturesVerified === undefined ? {} : { signaturesVerified: options.signaturesVerified }),
    ...(options.overlay ? { overlay: options.overlay } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    score: summary.applicable === 0 ? 0 : round(summary.handled / summary.applicable),
    summary,
    results,
  };
}

export function summarise(results: readonly CertificationResult[]): ReportSummary {
  const count = (status: CertificationResult["status"]) => results.filter((result) => result.status === status).length;
  const notApplicable = count("not-applicable");
  return { applicable: results.length - notApplicable, handled: count("handled"), mishandled: count("mishandled"), accepted: count("accepted"), notApplicable };
}

/** Merges shard reports of one run into the report the unsharded run would have written. */
export function mergeReports(reports: readonly CertificationReport[], generatedAt: string): CertificationReport {
  const first = reports[0];
  if (!first) throw new Error("no reports to merge");
  for (const report of reports) {
    if (report.seed !== first.seed || report.runs !== first.runs || report.catalogueVersion !== first.catalogueVersion || report.adapter !== first.adapter) {
      throw new Error("these reports are not shards of one run: seed, runs, catalogue and adapter must agree");
    }
  }
  const byKey = new Map<string, CertificationResult>();
  for (const result of reports.flatMap((report) => report.results)) byKey.set(result.key, result);
  // One shard run without checking signatures makes the whole run unchecked.
  const verified = reports.map((report) => report.signaturesVerified).filter((value) => value !== undefined);
  const signaturesVerified = verified.length === 0 ? undefined : verified.every(Boolean);
  return buildReport({ results: [...byKey.values()], toolVersion: first.tool.version, catalogueVersion: first.catalogueVersion, adapter: first.adapter, seed: first.seed, runs: first.runs, generatedAt, ...(signaturesVerified === undefined ? {} : { signaturesVerified }), ...(first.overlay ? { overlay: first.overlay } : {}) });
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

const ID_FIELDS = /requestid$|idempotency-key$/i;

/** Replaces each id the integration generated (request ids, idempotency keys) with `<id N>`, in the counterexample and the message. */
function stabilise(result: CertificationResult): CertificationResult {
  const example = result.counterexample;
  if (!example) return result;
  const ids = new Map<string, string>();
  const collect = (value: unknown, key = ""): void => {
    if (typeof value === "string") {
      if (ID_FIELDS.test(key) && !/^F\d{4}$/.test(value) && !ids.has(value)) ids.set(value, `<id ${ids.size + 1}>`);
    } else if (Array.isArray(value)) value.forEach((inner) => collect(inner));
    else if (value !== null && typeof value === "object") for (const [k, inner] of Object.entries(value)) collect(inner, k);
  };
  collect(example.journal);
  if (ids.size === 0) return result;
  const replace = (value: unknown): unknown => {
    if (typeof value === "string") {
      let out = value;
      for (const [id, placeholder] of ids) out = out.split(id).join(placeholder);
      return out;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, inner]) => [k, replace(inner)]));
    return value;
  };
  const counterexample: Counterexample = { ...example, request: replace(example.request), outcome: replace(example.outcome), journal: replace(example.journal) as unknown[] };
  return { ...result, ...(result.message !== undefined ? { message: replace(result.message) as string } : {}), counterexample };
}
