import { describe, expect, it } from "vitest";
import { renderHtml } from "./html.js";
import type { CertificationReport, CertificationResult } from "./report.js";
import { type Element, byAttr, byTag, findAll, findOne, parseHtml, textOf } from "./test-support/html-tree.js";
import {
  ACCEPTED_KEY,
  FAILURES,
  MISHANDLED_KEY,
  NOT_APPLICABLE_KEY,
  SECRETS,
  certifiedReport,
  fixtureReport,
  handled,
  mishandled,
  privateKeyPem,
  reportOf,
  reportWithSecrets,
} from "./test-support/report-fixture.js";

const report = fixtureReport();
const html = renderHtml(report);
const doc = parseHtml(html);

function resultOf(key: string): CertificationResult {
  const found = report.results.find((result) => result.key === key);
  if (!found) throw new Error(`no fixture result ${key}`);
  return found;
}

function cellOf(root: Element, result: CertificationResult): Element {
  return findOne(root, (e) => e.tag === "td" && e.attrs["data-api"] === result.api && e.attrs["data-failure"] === result.failureId && e.attrs["data-operation"] === result.operation, `cell for ${result.key}`);
}

describe("renderHtml: one self-contained page", () => {
  it("is a whole HTML document, and well-formed enough for an XML parser", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(findAll(doc, byTag("html"))).toHaveLength(1);
    expect(findOne(doc, (e) => e.tag === "meta" && "charset" in e.attrs, "charset").attrs.charset).toBe("utf-8");
  });

  it("loads nothing and runs nothing: no script, no external resource, only in-page links", () => {
    expect(findAll(doc, (e) => ["script", "link", "img", "iframe", "object", "embed", "base"].includes(e.tag))).toEqual([]);
    expect(findAll(doc, (e) => "src" in e.attrs || Object.keys(e.attrs).some((name) => name.startsWith("on")))).toEqual([]);
    expect(findAll(doc, byAttr("href")).every((a) => a.attrs.href?.startsWith("#"))).toBe(true);
    const css = textOf(findOne(doc, byTag("style"), "style"));
    expect(css).not.toMatch(/url\(|@import/);
    expect(findOne(doc, byAttr("http-equiv", "Content-Security-Policy"), "CSP").attrs.content).toContain("default-src 'none'");
  });

  it("has a header with the adapter, the score, the seed, the runs, the catalogue version and the tool version", () => {
    const top = findOne(doc, (e) => e.tag === "header", "header");
    const run = Object.fromEntries(findAll(top, byTag("div")).map((div) => [textOf(findOne(div, byTag("dt"), "dt")), textOf(findOne(div, byTag("dd"), "dd"))]));
    expect(run).toEqual({ Adapter: "acme-checkout", Seed: "42", "Runs per property": "100", "Catalogue version": "ff2b07835be6", "Tool version": "faultproof 0.1.0", Generated: "2025-01-02T03:04:05.000Z" });
    const summary = findOne(doc, byAttr("data-score"), "summary");
    expect(summary.attrs).toMatchObject({ "data-score": "0.6667", "data-verdict": "not-certified", "data-applicable": "6", "data-handled": "4", "data-mishandled": "1", "data-accepted": "1", "data-not-applicable": "1" });
    expect(textOf(findOne(summary, byAttr("class", "score-value"), "score"))).toBe("66.7%");
    expect(textOf(findOne(summary, byAttr("class", "verdict"), "verdict"))).toBe("✗ Not certified: 1 mishandled");
  });

  it("says certified when every applicable result is handled", () => {
    const summary = findOne(parseHtml(renderHtml(certifiedReport())), byAttr("data-score"), "summary");
    expect(summary.attrs).toMatchObject({ "data-verdict": "certified", "data-score": "1" });
    expect(textOf(findOne(summary, byAttr("class", "verdict"), "verdict"))).toBe("✓ Certified");
  });

  it("has one matrix per API: a row per documented failure, a column per operation, a cell per result", () => {
    for (const api of ["amazon-pay", "incentives"] as const) {
      const results = report.results.filter((result) => result.api === api);
      const table = findOne(doc, (e) => e.tag === "table" && e.attrs["data-api"] === api, `${api} table`);
      expect(findAll(table, byTag("tr")).filter((tr) => "data-failure" in tr.attrs).map((tr) => tr.attrs["data-failure"])).toEqual([...new Set(results.map((r) => r.failureId))].sort());
      expect(findAll(table, (e) => e.tag === "th" && "data-operation" in e.attrs).map((th) => th.attrs["data-operation"])).toEqual([...new Set(results.map((r) => r.operation))].sort());
      expect(findAll(table, byAttr("data-status"))).toHaveLength(results.length);
    }
  });

  it.each([
    { status: "handled", key: "too-many-requests@CreateCharge", mark: "✓", title: "TooManyRequests on CreateCharge: handled (documented handling: retry-backoff)" },
    { status: "mishandled", key: MISHANDLED_KEY, mark: "✗", title: `InternalServerError on CreateCharge: mishandled — exponential-backoff: ${resultOf(MISHANDLED_KEY).message ?? ""}` },
    { status: "accepted", key: ACCEPTED_KEY, mark: "~", title: `SystemTemporarilyUnavailable on CreateGiftCard: accepted gap (baseline) — resend-compensation: ${resultOf(ACCEPTED_KEY).message ?? ""}` },
    { status: "not-applicable", key: NOT_APPLICABLE_KEY, mark: "·", title: "AmountMismatch on CompleteCheckoutSession: not applicable — the adapter does not implement CompleteCheckoutSession" },
  ])("shows a $status result as $mark, with a class and a tooltip", ({ status, key, mark, title }) => {
    const cell = cellOf(doc, resultOf(key));
    expect({ status: cell.attrs["data-status"], class: cell.attrs.class, mark: textOf(cell), title: cell.attrs.title }).toEqual({ status, class: `result status-${status}`, mark, title });
  });

  it("leaves blank the operations a failure is not documented for", () => {
    const row = findOne(doc, (e) => e.tag === "tr" && e.attrs["data-failure"] === "amount-mismatch", "row");
    const cells = findAll(row, byTag("td")).slice(2);
    expect(cells.map((td) => [td.attrs.class, textOf(td)])).toEqual([
      ["status-none", ""],
      ["result status-not-applicable", "·"],
      ["status-none", ""],
    ]);
  });

  it.each([
    { status: "mishandled", key: MISHANDLED_KEY, section: "mishandled" },
    { status: "accepted", key: ACCEPTED_KEY, section: "accepted" },
  ])("links a $status cell to its details: rule, message, shrunk schedule, journal and replay command", ({ key, section }) => {
    const result = resultOf(key);
    const link = findOne(cellOf(doc, result), byTag("a"), "link");
    const target = findOne(doc, byAttr("id", link.attrs.href?.slice(1) ?? ""), "link target");
    expect(target.attrs).toMatchObject({ "data-key": key, "data-status": result.status });
    expect(findOne(doc, byAttr("id", section), "section").children).toContain(target);
    const facts = Object.fromEntries(findAll(target, byTag("div")).map((div) => [textOf(findOne(div, byTag("dt"), "dt")), textOf(findOne(div, byTag("dd"), "dd"))]));
    expect(facts).toMatchObject({ Rule: result.rule, Message: result.message });
    const pres = findAll(target, byTag("pre")).map((pre) => [pre.attrs.class, textOf(pre)]);
    expect(pres).toEqual(
      expect.arrayContaining([
        ["replay", result.replay],
        ["schedule", JSON.stringify(result.counterexample?.schedule, null, 2)],
        ["journal", JSON.stringify(result.counterexample?.journal, null, 2)],
      ]),
    );
    const back = findOne(target, (e) => e.tag === "a" && e.attrs.class === "back", "back link");
    expect(back.attrs.href).toBe(`#${cellOf(doc, result).attrs.id ?? "?"}`);
  });

  it("gives every id once", () => {
    const ids = findAll(doc, byAttr("id")).map((e) => e.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has no details sections when nothing was mishandled or accepted", () => {
    const certified = parseHtml(renderHtml(certifiedReport()));
    expect(findAll(certified, byAttr("id", "mishandled"))).toEqual([]);
    expect(findAll(certified, byAttr("id", "accepted"))).toEqual([]);
    expect(findAll(certified, (e) => e.tag === "td" && e.attrs["data-status"] === "handled")).toHaveLength(6);
  });

  const attack = `"><script>alert(1)</script><img src=x onerror=alert(2)>&amp;'`;
  it("escapes every text, so a hostile report stays text", () => {
    const hostile: CertificationReport = reportOf(
      [mishandled({ ...FAILURES.internalServerError, id: `id${attack}`, code: attack, kind: attack }, attack, { rule: attack, message: attack, replay: attack, counterexample: { schedule: [attack], request: attack, outcome: attack, journal: [{ note: attack }], seed: 1, path: attack } })],
      { adapter: attack, catalogueVersion: attack, tool: { name: "faultproof", version: attack } },
    );
    const out = renderHtml(hostile);
    const parsed = parseHtml(out);
    expect(findAll(parsed, (e) => ["script", "img"].includes(e.tag))).toEqual([]);
    const result = hostile.results[0] as CertificationResult;
    const cell = cellOf(parsed, result);
    expect(cell.attrs.title).toBe(`${attack} on ${attack}: mishandled — ${attack}: ${attack}`);
    expect(textOf(findOne(parsed, byAttr("class", "adapter"), "adapter"))).toBe(attack);
    expect(textOf(findOne(parsed, byAttr("class", "replay"), "replay"))).toBe(attack);
    const target = findOne(parsed, byAttr("id", findOne(cell, byTag("a"), "link").attrs.href?.slice(1) ?? ""), "link target");
    expect(target.attrs["data-key"]).toBe(result.key);
  });

  it("is the same whatever the order of results", () => {
    expect(renderHtml({ ...report, results: [...report.results].reverse() })).toBe(html);
  });

  it("follows --min-score for the verdict", () => {
    const acceptedOnly = reportOf([handled(FAILURES.tooManyRequests, "CreateCharge"), { ...resultOf(ACCEPTED_KEY) }]);
    expect(findOne(parseHtml(renderHtml(acceptedOnly)), byAttr("data-score"), "summary").attrs["data-verdict"]).toBe("not-certified");
    expect(findOne(parseHtml(renderHtml(acceptedOnly, { minScore: 0.5 })), byAttr("data-score"), "summary").attrs["data-verdict"]).toBe("certified");
  });

  it("says so when there are no results", () => {
    const empty = parseHtml(renderHtml(reportOf([])));
    expect(findAll(empty, byTag("table"))).toEqual([]);
    expect(textOf(findOne(empty, byAttr("class", "empty"), "empty note"))).toBe("No results: nothing was tested.");
  });

  it("never prints a credential, even when the report carries one", () => {
    const out = renderHtml(reportWithSecrets());
    for (const secret of [...Object.values(SECRETS), privateKeyPem()]) expect(out).not.toContain(secret);
  });
});

describe("renderHtml: the request journal of a details entry", () => {
  const journalOf = (out: string) => {
    const parsed = parseHtml(out);
    const timeline = findAll(parsed, byAttr("class", "timeline")).map(textOf);
    const unfolded = findAll(parsed, (e) => e.tag === "details" && e.attrs.class === "journal").map((e) => "open" in e.attrs);
    return { timeline, unfolded };
  };

  it("reads one request a line, and folds the JSON away", () => {
    const { timeline, unfolded } = journalOf(renderHtml(reportOf([resultOf(MISHANDLED_KEY)])));
    expect(timeline).toEqual(["#0 +0ms POST CreateCharge → 500 InternalServerError\n#1 +1ms POST CreateCharge → 500 InternalServerError"]);
    expect(unfolded).toEqual([false]);
  });

  it("shows the JSON unfolded when the entries are not the sandbox's", () => {
    const result = resultOf(MISHANDLED_KEY);
    const odd = { ...result, counterexample: { ...(result.counterexample ?? { schedule: [], request: null, outcome: null, seed: 1, path: "" }), journal: ["GET /a", { free: "form" }] } };
    const { timeline, unfolded } = journalOf(renderHtml(reportOf([odd])));
    expect(timeline).toEqual([]);
    expect(unfolded).toEqual([true]);
  });
});

describe("renderHtml for a team that uses one API", () => {
  it("opens with the API it uses: an API with no applicable case gets one line, not an empty matrix", () => {
    const results = [
      handled(FAILURES.invalidRequest, "CreateGiftCard"),
      { ...handled(FAILURES.internalServerError, "CreateCharge"), status: "not-applicable" as const },
      { ...handled(FAILURES.amountMismatch, "CompleteCheckoutSession"), status: "not-applicable" as const },
    ];
    const page = parseHtml(renderHtml(reportOf(results)));
    expect(findAll(page, byTag("table")).map((table) => table.attrs["data-api"])).toEqual(["incentives"]);
    const line = findOne(page, byAttr("class", "unused-api"), "the unused API's line");
    expect(line.attrs["data-api"]).toBe("amazon-pay");
    expect(textOf(line)).toBe("Amazon Pay: not used by this adapter (none of its operations is implemented); its 2 cases are not applicable and not shown.");
  });

  it("keeps an API's matrix when only some of its operations are implemented", () => {
    const results = [handled(FAILURES.internalServerError, "CaptureCharge"), { ...handled(FAILURES.internalServerError, "CreateCharge"), status: "not-applicable" as const }];
    const page = parseHtml(renderHtml(reportOf(results)));
    expect(findAll(page, byTag("table")).map((table) => table.attrs["data-api"])).toEqual(["amazon-pay"]);
    expect(findAll(page, byAttr("class", "unused-api"))).toHaveLength(0);
  });
});
