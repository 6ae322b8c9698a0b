import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderHtml } from "../../suites/report/html.js";
import { renderJunit } from "../../suites/report/junit.js";
import { renderMarkdown } from "../../suites/report/markdown.js";
import { redactReport } from "../../suites/report/redact-report.js";
import type { CertificationReport } from "../../suites/report/report.js";
import { appendStepSummary } from "../../suites/report/step-summary.js";

/**
 * The report files of a certification: report.json, junit.xml, report.md and
 * a self-contained report.html, each written whole (temporary name, then
 * rename), all from one redacted report; report.md is also appended to
 * $GITHUB_STEP_SUMMARY when that is set.
 */
export function writeReports(options: { report: CertificationReport; outDir: string; minScore: number; env: Readonly<Record<string, string | undefined>> }): readonly string[] {
  const report = redactReport(options.report);
  const markdown = renderMarkdown(report, { minScore: options.minScore });
  const files: [string, string][] = [
    ["report.json", JSON.stringify(report, null, 2) + "\n"],
    ["junit.xml", renderJunit(report)],
    ["report.md", markdown],
    ["report.html", renderHtml(report, { minScore: options.minScore })],
  ];
  mkdirSync(options.outDir, { recursive: true });
  for (const [name, contents] of files) {
    const path = join(options.outDir, name);
    writeFileSync(`${path}.tmp`, contents);
    renameSync(`${path}.tmp`, path);
  }
  appendStepSummary({ markdown, env: options.env });
  return files.map(([name]) => join(options.outDir, name));
}
