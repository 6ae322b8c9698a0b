import type { ApiId } from "../../generator/spec/spec-input.js";
import type { CertificationReport, CertificationResult, ResultStatus } from "./report.js";

/** What every renderer shares: the verdict, the score as a percentage, results grouped by API, JSON for people. */

/** The `--min-score` the CLI applies when none is configured. */
export const DEFAULT_MIN_SCORE = 1;

export interface Verdict {
  readonly certified: boolean;
  /** Why not, in words; empty when certified. */
  readonly reasons: readonly string[];
}

/**
 * The CLI's verdict, from the report alone: something was applicable, nothing is
 * mishandled (accepted gaps are not), and the score reaches `minScore`. The
 * score is given as a reason only when nothing is mishandled (then it is the only one).
 */
export function verdictOf(report: CertificationReport, minScore: number = DEFAULT_MIN_SCORE): Verdict {
  const reasons: string[] = [];
  const { summary } = report;
  if (summary.applicable === 0) reasons.push("nothing was applicable");
  if (summary.mishandled > 0) reasons.push(`${summary.mishandled} mishandled`);
  if (summary.applicable > 0 && summary.mishandled === 0 && report.score < minScore - 1e-9) reasons.push(`score below the minimum ${formatPercent(minScore)}`);
  return { certified: reasons.length === 0, reasons };
}

/**
 * A score (0…1) as a percentage with one decimal, rounded half up, except that
 * only a perfect score reads 100.0% and only a zero score reads 0.0%.
 */
export function formatPercent(score: number): string {
  if (!Number.isFinite(score)) return "n/a";
  const tenths = Math.round(Number((score * 1000).toPrecision(12)));
  const clamped = score < 1 && score > 0 ? Math.min(999, Math.max(1, tenths)) : tenths;
  return `${(clamped / 10).toFixed(1)}%`;
}

/** Indented JSON for a person; `undefined` (which JSON cannot say) reads as such. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "undefined";
}

const API_TITLES: Readonly<Record<ApiId, string>> = { "amazon-pay": "Amazon Pay", incentives: "Amazon Incentives API" };

export function apiTitle(api: string): string {
  return (API_TITLES as Readonly<Record<string, string>>)[api] ?? api;
}

export interface ApiGroup {
  readonly api: ApiId;
  /** This API's results, by key. */
  readonly results: readonly CertificationResult[];
}

/** Results grouped by API (APIs by id), each group ordered by key: the same order whatever order the report had. */
export function groupByApi(results: readonly CertificationResult[]): readonly ApiGroup[] {
  const groups = new Map<ApiId, CertificationResult[]>();
  for (const result of [...results].sort(byKey)) {
    const group = groups.get(result.api);
    if (group) group.push(result);
    else groups.set(result.api, [result]);
  }
  return [...groups.entries()].sort(([a], [b]) => compare(a, b)).map(([api, grouped]) => ({ api, results: grouped }));
}

export type StatusCounts = Readonly<Record<ResultStatus, number>>;

/** How many results have each status (a status this version does not know is counted nowhere). */
export function countStatuses(results: readonly CertificationResult[]): StatusCounts {
  const counts: Record<ResultStatus, number> = { handled: 0, mishandled: 0, accepted: 0, "not-applicable": 0 };
  for (const result of results) if (Object.hasOwn(counts, result.status)) counts[result.status] += 1;
  return counts;
}

export function byKey(a: CertificationResult, b: CertificationResult): number {
  return compare(a.key, b.key);
}

/** Code-unit order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
