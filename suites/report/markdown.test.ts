import { describe, expect, it } from "vitest";
import { cell, codeCell, renderMarkdown } from "./markdown.js";
import { FAILURES, MISHANDLED_KEY, SECRETS, accepted, certifiedReport, fixtureReport, handled, mishandled, privateKeyPem, replayOf, reportOf, reportWithSecrets } from "./test-support/report-fixture.js";

/** The cells of a table row, split where GitHub splits them: at each `|` not escaped. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((text) => text.trim());
}

function tableAfter(markdown: string, header: string): string[] {
  const lines = markdown.split("\n");
  const start = lines.indexOf(header);
  if (start < 0) throw new Error(`no table with header ${header}`);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line);
  }
  return rows;
}

const MISHANDLED_HEADER = "| Code | Operation | Rule | Message | Document says | Replay |";
const API_HEADER = "| API | Handled | Mishandled | Accepted | Not applicable |";

describe("renderMarkdown", () => {
  it.each([
    { report: "every applicable result handled", make: () => certifiedReport(), options: {}, verdict: "### ✅ faultproof: certified — score 100.0% (6/6 handled)" },
    { report: "the fixture (1 mishandled)", make: () => fixtureReport(), options: {}, verdict: "### ❌ faultproof: not certified — score 66.7% (4/6 handled): 1 mishandled" },
    {
      report: "only an accepted gap, held to the default minimum",
      make: () => reportOf([handled(FAILURES.tooManyRequests, "CreateCharge"), accepted(FAILURES.internalServerError, "CreateCharge", { rule: "r", message: "m" })]),
      options: {},
      verdict: "### ❌ faultproof: not certified — score 50.0% (1/2 handled): score below the minimum 100.0%",
    },
    {
      report: "only an accepted gap, held to --min-score 0.5",
      make: () => reportOf([handled(FAILURES.tooManyRequests, "CreateCharge"), accepted(FAILURES.internalServerError, "CreateCharge", { rule: "r", message: "m" })]),
      options: { minScore: 0.5 },
      verdict: "### ✅ faultproof: certified — score 50.0% (1/2 handled)",
    },
    { report: "nothing applicable", make: () => reportOf([]), options: {}, verdict: "### ❌ faultproof: not certified — score 0.0% (0/0 handled): nothing was applicable" },
  ])("starts with the verdict for $report", ({ make, options, verdict }) => {
    expect(renderMarkdown(make(), options).split("\n")[0]).toBe(verdict);
  });

  it("says what was run and how the results split", () => {
    const lines = renderMarkdown(fixtureReport({ shard: { index: 1, count: 2 } })).split("\n");
    expect(lines[2]).toBe("acme-checkout · seed 42 · 100 runs · catalogue ff2b07835be6 · faultproof 0.1.0 · shard 1/2");
    expect(lines[3]).toBe("1 mishandled · 1 accepted gap · 1 not applicable");
  });

  it("lists each mishandled result (not the accepted ones) with its replay command in backticks", () => {
    const report = fixtureReport();
    const rows = tableAfter(renderMarkdown(report), MISHANDLED_HEADER);
    const result = report.results.find((r) => r.key === MISHANDLED_KEY);
    expect(rows.map(cells)).toEqual([["InternalServerError", "CreateCharge", "exponential-backoff", result?.message, expect.stringMatching(/^the document recommends: “we recommend that you implement an exponential backoff approach up to a defined limit” — Amazon Pay — Manage errors, “Retrying errors” \(https:\/\/developer\.amazon\.com\/docs\/amazon-pay-api-v2\/error-handling\.html\)$/), `\`${replayOf(MISHANDLED_KEY)}\``]]);
  });

  it("lists advice apart, by rule, never as a mishandled case", () => {
    const markdown = renderMarkdown(fixtureReport());
    expect(markdown).toContain("#### Advice (not scored: the documents leave these open)");
    expect(tableAfter(markdown, "| Advice | Cases | Example |").map(cells)).toEqual([["surface-code", "1", "TooManyRequests on CreateCharge: failed with F200 after TooManyRequests; carrying it names the cause"]]);
  });

  it("has no mishandled table when nothing is mishandled", () => {
    expect(renderMarkdown(certifiedReport())).not.toContain(MISHANDLED_HEADER);
  });

  it("counts each API's results in a compact table", () => {
    const rows = tableAfter(renderMarkdown(fixtureReport()), API_HEADER);
    expect(rows.map(cells)).toEqual([
      ["Amazon Pay", "2", "1", "0", "1"],
      ["Amazon Incentives API", "2", "0", "1", "0"],
    ]);
  });

  it("keeps every row of the mishandled table at six cells, whatever the message holds", () => {
    const report = reportOf([mishandled(FAILURES.internalServerError, "CreateCharge", { rule: "a|b", message: "x | y `z` \n next line", replay: "npx faultproof certify --only 'a|b'" })]);
    const [row] = tableAfter(renderMarkdown(report), MISHANDLED_HEADER);
    expect(cells(row ?? "")).toEqual(["InternalServerError", "CreateCharge", "a\\|b", "x \\| y \\`z\\` next line", "", "`npx faultproof certify --only 'a\\|b'`"]);
  });

  it("stays short: long messages are cut, and past maxRows the rest are counted", () => {
    const many = Array.from({ length: 5 }, (_, i) => mishandled({ ...FAILURES.internalServerError, id: `failure-${i}` }, "CreateCharge", { rule: "r", message: "m".repeat(1_000) }));
    const markdown = renderMarkdown(reportOf(many), { maxRows: 2 });
    const rows = tableAfter(markdown, MISHANDLED_HEADER);
    expect(rows).toHaveLength(2);
    expect(cells(rows[0] ?? "")[3]).toBe(`${"m".repeat(299)}…`);
    expect(markdown).toContain("…and 3 more mishandled: see the full report.");
  });

  it("is the same whatever the order of results or the time of the run", () => {
    const report = fixtureReport();
    expect(renderMarkdown({ ...report, generatedAt: "2030-01-01T00:00:00.000Z", results: [...report.results].reverse() })).toBe(renderMarkdown(report));
  });

  it("never prints a credential, even when the report carries one", () => {
    const markdown = renderMarkdown(reportWithSecrets());
    for (const secret of [...Object.values(SECRETS), privateKeyPem()]) expect(markdown).not.toContain(secret);
  });
});

describe("cell: text in a table cell, read literally", () => {
  it.each([
    ["plain text", "retried too soon", "retried too soon"],
    ["a pipe", "a|b", "a\\|b"],
    ["backticks", "`code`", "\\`code\\`"],
    ["a tag GitHub would swallow", "<id 1>", "\\<id 1\\>"],
    ["emphasis and links", "*a* _b_ [c](d) ~e~", "\\*a\\* \\_b\\_ \\[c\\](d) \\~e\\~"],
    ["an entity", "&amp;", "\\&amp;"],
    ["a backslash", "a\\|", "a\\\\\\|"],
    ["line breaks", "one\n  two\r\nthree", "one two three"],
  ])("%s", (_what, text, expected) => {
    expect(cell(text)).toBe(expected);
  });
});

describe("codeCell: a code span in a table cell", () => {
  it.each([
    ["a plain command", "npx faultproof certify", "`npx faultproof certify`"],
    ["a backtick inside (padded at both ends)", "echo `date`", "`` echo `date` ``"],
    ["a run of backticks", "a``b", "```a``b```"],
    ["a backtick at the start", "`a", "`` `a ``"],
    ["a pipe", "a | b", "`a \\| b`"],
  ])("%s", (_what, text, expected) => {
    expect(codeCell(text)).toBe(expected);
  });
});
