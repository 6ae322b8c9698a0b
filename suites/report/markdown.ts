import { citationText } from "./citation-text.js";
import { apiTitle, countStatuses, DEFAULT_MIN_SCORE, formatPercent, groupByApi, verdictOf } from "./format.js";
import { redactReport } from "./redact-report.js";
import type { CertificationReport, CertificationResult } from "./report.js";
import { overlaySummary } from "./overlay.js";

export interface MarkdownOptions {
  /** The minimum score the run was held to (`--min-score`); 1 unless said. */
  readonly minScore?: number;
  /** At most this many mishandled rows; the rest are counted, not listed. 50 unless said. */
  readonly maxRows?: number;
}

/** Longest message a table cell shows; the HTML and JUnit reports have the whole text. */
const MAX_MESSAGE = 300;

/**
 * A short GitHub-flavoured summary, for $GITHUB_STEP_SUMMARY or a PR comment:
 * the verdict, the mishandled results with their replay commands, and counts per API.
 */
export function renderMarkdown(report: CertificationReport, options: MarkdownOptions = {}): string {
  const safe = redactReport(report);
  const { summary } = safe;
  const verdict = verdictOf(safe, options.minScore ?? DEFAULT_MIN_SCORE);
  const score = `score ${formatPercent(safe.score)} (${summary.handled}/${summary.applicable} handled)`;
  const lines = [
    verdict.certified ? `### ✅ faultproof: certified — ${score}` : `### ❌ faultproof: not certified — ${score}${verdict.reasons.length > 0 ? `: ${verdict.reasons.join(", ")}` : ""}`,
    "",
    `${cell(safe.adapter)} · seed ${safe.seed} · ${safe.runs} runs · catalogue ${cell(safe.catalogueVersion)} · ${safe.tool.name} ${cell(safe.tool.version)}${safe.shard ? ` · shard ${safe.shard.index}/${safe.shard.count}` : ""}${safe.signaturesVerified === false ? " · **signatures not verified**" : ""}`,
    `${summary.mishandled} mishandled · ${summary.accepted} accepted ${summary.accepted === 1 ? "gap" : "gaps"} · ${summary.notApplicable} not applicable`,
  ];

  // The catalogue is the team's own reading where the overlay changed it: say so before any verdict.
  if (safe.overlay) {
    lines.push("", `#### ${cell(overlaySummary(safe.overlay))}`, "", "| Effect | Entry | Code | API | Where |", "| --- | --- | --- | --- | --- |");
    for (const entry of safe.overlay.entries) {
      const fields = entry.fields && entry.effect === "changed" ? ` (${entry.fields.join(", ")})` : "";
      lines.push(`| ${entry.effect}${cell(fields)} | ${codeCell(entry.id)} | ${codeCell(entry.code)} | ${cell(entry.api)} | ${codeCell(`${entry.file}:${entry.line}`)} |`);
    }
  }

  const mishandled = safe.results.filter((result) => result.status === "mishandled");
  if (mishandled.length > 0) {
    const maxRows = Math.max(0, options.maxRows ?? 50);
    const shown = groupByApi(mishandled).flatMap((group) => group.results).slice(0, maxRows);
    lines.push("", "| Code | Operation | Rule | Message | Document says | Replay |", "| --- | --- | --- | --- | --- | --- |", ...shown.map(mishandledRow));
    if (mishandled.length > shown.length) lines.push("", `…and ${mishandled.length - shown.length} more mishandled: see the full report.`);
  }

  // Advice is listed apart and never scored: where the documents leave the handling open.
  const advice = adviceByRule(safe.results);
  if (advice.length > 0) {
    lines.push("", "#### Advice (not scored: the documents leave these open)", "", "| Advice | Cases | Example |", "| --- | ---: | --- |");
    for (const { rule, count, example } of advice) lines.push(`| ${cell(rule)} | ${count} | ${cell(example)} |`);
  }

  const groups = groupByApi(safe.results);
  if (groups.length > 0) {
    lines.push("", "| API | Handled | Mishandled | Accepted | Not applicable |", "| --- | ---: | ---: | ---: | ---: |");
    for (const group of groups) {
      const counts = countStatuses(group.results);
      lines.push(`| ${cell(apiTitle(group.api))} | ${counts.handled} | ${counts.mishandled} | ${counts.accepted} | ${counts["not-applicable"]} |`);
    }
  }
  return lines.join("\n") + "\n";
}

function mishandledRow(result: CertificationResult): string {
  const message = result.message ?? "";
  const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
  const says = result.citation ? citationText(result.citation) : "";
  return `| ${cell(result.code)} | ${cell(result.operation)} | ${cell(result.rule ?? "")} | ${cell(short)} | ${cell(says)} | ${result.replay ? codeCell(result.replay) : ""} |`;
}

/** Advice grouped by rule: how many cases, and one example message. */
export function adviceByRule(results: readonly CertificationResult[]): { rule: string; count: number; example: string }[] {
  const byRule = new Map<string, { rule: string; count: number; example: string }>();
  for (const result of results) {
    for (const item of result.advice ?? []) {
      const entry = byRule.get(item.rule) ?? { rule: item.rule, count: 0, example: `${result.code} on ${result.operation}: ${item.message}` };
      entry.count += 1;
      byRule.set(item.rule, entry);
    }
  }
  return [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

/**
 * Text in a table cell, read as text: one line, and every character Markdown or
 * GitHub's HTML would act on (`|`, backticks, emphasis, links, tags, entities)
 * escaped with a backslash.
 */
export function cell(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&!#]/g, "\\$&");
}

/**
 * Text as a code span in a table cell: fenced by more backticks than it holds
 * in a row, padded when it starts or ends with one, and `|` escaped (GitHub
 * splits cells before it reads code spans).
 */
export function codeCell(text: string): string {
  const code = oneLine(text);
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = code.startsWith("`") || code.endsWith("`") ? " " : "";
  return `${fence}${pad}${code.replace(/\|/g, "\\|")}${pad}${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
