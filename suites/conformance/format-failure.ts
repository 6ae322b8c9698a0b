import { citationText } from "../report/citation-text.js";
import { redactDeep } from "../report/redact-report.js";
import type { CertificationResult } from "../report/report.js";
import type { JournalEntry } from "../sandbox/journal.js";

/**
 * What a person reads when a property fails: the failure, the rule, the
 * shrunk schedule, the journal, and how to replay. Redacted like the reports:
 * a test runner prints it into CI logs.
 */
export function formatFailure(unredacted: CertificationResult): string {
  const result = redactDeep(unredacted);
  const example = result.counterexample;
  const journal = ((example?.journal ?? []) as JournalEntry[])
    .map((entry) => `  #${entry.seq} +${entry.at - ((example?.journal[0] as JournalEntry | undefined)?.at ?? entry.at)}ms ${entry.method} ${entry.operation ?? entry.url} → ${entry.response.status}${entry.response.code ? ` ${entry.response.code}` : ""}${entry.response.fault ? ` (${entry.response.fault})` : ""}`)
    .join("\n");
  return [
    `${result.code} on ${result.operation} is mishandled (documented handling: ${result.handling}; ${result.source.doc} "${result.source.section}")`,
    `rule broken: ${result.rule}`,
    `  ${result.message}`,
    ...(result.citation ? [`  ${citationText(result.citation)}`] : []),
    ...(example?.scheduleClass ? [`schedule class: ${example.scheduleClass}`] : []),
    `shrunk schedule of answers for ${result.operation}: ${JSON.stringify(example?.schedule ?? [])}`,
    `outcome: ${JSON.stringify(example?.outcome)}`,
    `request journal:`,
    journal || "  (no request)",
    `replay: ${result.replay}`,
  ].join("\n");
}
