import { citationText } from "./citation-text.js";
import { XMLBuilder } from "fast-xml-parser";
import { apiTitle, countStatuses, groupByApi, prettyJson, type StatusCounts } from "./format.js";
import { redactReport } from "./redact-report.js";
import type { CertificationReport, CertificationResult } from "./report.js";

/**
 * report.junit.xml: one <testsuite> per API, one <testcase> per failure ×
 * operation, for CI test tabs. The same report gives the same bytes: no clock,
 * no `generatedAt`, results ordered by key.
 */
export function renderJunit(report: CertificationReport): string {
  const safe = redactReport(report);
  const groups = groupByApi(safe.results);
  const all = countStatuses(safe.results);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    indentBy: "  ",
    suppressEmptyNode: true,
    // Without this, an attribute whose value is "true" is written bare: not XML.
    suppressBooleanAttributes: false,
    processEntities: true,
  });
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: {
      "@_name": xmlText(`faultproof certification of ${safe.adapter}`),
      "@_tests": safe.results.length,
      "@_failures": all.mishandled,
      "@_errors": unknown(all, safe.results.length),
      "@_skipped": all.accepted + all["not-applicable"],
      testsuite: groups.map((group) => {
        const counts = countStatuses(group.results);
        return {
          "@_name": xmlText(group.api),
          "@_tests": group.results.length,
          "@_failures": counts.mishandled,
          "@_errors": unknown(counts, group.results.length),
          "@_skipped": counts.accepted + counts["not-applicable"],
          properties: { property: properties(safe, apiTitle(group.api)).map(([name, value]) => ({ "@_name": name, "@_value": xmlText(value) })) },
          testcase: group.results.map(testcase),
        };
      }),
    },
  };
  return builder.build(document) as string;
}

/** Results whose status this version does not know: reported as errors. */
function unknown(counts: StatusCounts, total: number): number {
  return total - counts.handled - counts.mishandled - counts.accepted - counts["not-applicable"];
}

function properties(report: CertificationReport, title: string): readonly (readonly [string, string])[] {
  return [
    ["api", title],
    ["adapter", report.adapter],
    ["score", String(report.score)],
    ["seed", String(report.seed)],
    ["runs", String(report.runs)],
    ["catalogueVersion", report.catalogueVersion],
    ["toolVersion", `${report.tool.name} ${report.tool.version}`],
    ...(report.shard ? [["shard", `${report.shard.index}/${report.shard.count}`] as const] : []),
  ];
}

function testcase(result: CertificationResult): Record<string, unknown> {
  const head = { "@_classname": xmlText(`${result.api}.${result.operation}`), "@_name": xmlText(`${result.code} (${result.failureId})`) };
  switch (result.status) {
    case "handled":
      return head;
    case "mishandled":
      return { ...head, failure: { "@_message": attribute(`${result.rule ?? "unknown rule"}: ${result.message ?? ""}`), "@_type": xmlText(result.rule ?? "unknown rule"), "#text": xmlText(failureBody(result)) } };
    case "accepted":
      return { ...head, skipped: { "@_message": "accepted gap (baseline)" } };
    case "not-applicable":
      return { ...head, skipped: { "@_message": attribute(`not applicable: the adapter does not implement ${result.operation}`) } };
    default:
      // A report.json from a newer or hand-edited run: say so rather than drop the case.
      return { ...head, error: { "@_message": attribute(`unknown status ${String((result as { status: unknown }).status)}`) } };
  }
}

/** What a person needs to fix it: what broke, the shrunk counterexample, and the command that replays it. */
export function failureBody(result: CertificationResult): string {
  const example = result.counterexample;
  return [
    `${result.code} on ${result.operation} is mishandled (documented handling: ${result.handling}; ${result.source.doc} "${result.source.section}")`,
    `rule broken: ${result.rule ?? "unknown rule"}`,
    `  ${result.message ?? ""}`,
    ...(result.citation ? [`  ${citationText(result.citation)}`] : []),
    ...(result.counterexample?.scheduleClass ? [`schedule class: ${result.counterexample.scheduleClass}`] : []),
    "",
    ...(example
      ? [`shrunk schedule of answers:`, prettyJson(example.schedule), "", `outcome:`, prettyJson(example.outcome), "", `request journal:`, prettyJson(example.journal), "", `fast-check seed ${example.seed}, path ${example.path || "(none)"}`]
      : ["(no counterexample recorded)"]),
    "",
    `replay: ${result.replay ?? "(no replay command recorded)"}`,
  ].join("\n");
}

/** XML 1.0 cannot carry most control characters nor lone surrogates, escaped or not: each becomes U+FFFD. */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** An attribute is one line: XML parsers turn its newlines and tabs into spaces anyway. */
function attribute(text: string): string {
  return xmlText(text).replace(/\s+/g, " ").trim();
}
