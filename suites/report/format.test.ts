import { describe, expect, it } from "vitest";
import { countStatuses, formatPercent, groupByApi, prettyJson, verdictOf } from "./format.js";
import { FAILURES, accepted, certifiedReport, fixtureReport, fixtureResults, handled, reportOf } from "./test-support/report-fixture.js";

describe("formatPercent: a score as a percentage with one decimal", () => {
  it.each([
    [1, "100.0%"],
    [0, "0.0%"],
    [0.6667, "66.7%"],
    [0.8333, "83.3%"],
    [0.5, "50.0%"],
    [0.1235, "12.4%"],
    [0.0005, "0.1%"],
    [0.9999, "99.9%"],
    [0.00001, "0.1%"],
    [Number.NaN, "n/a"],
  ])("%s reads %s", (score, expected) => {
    expect(formatPercent(score)).toBe(expected);
  });
});

describe("verdictOf: the CLI's verdict from the report alone", () => {
  const acceptedOnly = reportOf([handled(FAILURES.tooManyRequests, "CreateCharge"), accepted(FAILURES.internalServerError, "CreateCharge", { rule: "r", message: "m" })]);
  it.each([
    { what: "all handled", report: certifiedReport(), minScore: 1, expected: { certified: true, reasons: [] } },
    { what: "one mishandled", report: fixtureReport(), minScore: 0, expected: { certified: false, reasons: ["1 mishandled"] } },
    { what: "an accepted gap under the default minimum", report: acceptedOnly, minScore: undefined, expected: { certified: false, reasons: ["score below the minimum 100.0%"] } },
    { what: "an accepted gap with --min-score 0.5", report: acceptedOnly, minScore: 0.5, expected: { certified: true, reasons: [] } },
    { what: "nothing applicable", report: reportOf([]), minScore: 0, expected: { certified: false, reasons: ["nothing was applicable"] } },
  ])("$what → $expected", ({ report, minScore, expected }) => {
    expect(verdictOf(report, minScore)).toEqual(expected);
  });
});

describe("groupByApi", () => {
  it("groups results by API, APIs by id and results by key, whatever order they came in", () => {
    const groups = groupByApi([...fixtureResults()].reverse());
    expect(groups.map((group) => [group.api, group.results.map((result) => result.key)])).toEqual([
      ["amazon-pay", ["amount-mismatch@CompleteCheckoutSession", "internal-server-error@CaptureCharge", "internal-server-error@CreateCharge", "too-many-requests@CreateCharge"]],
      ["incentives", ["f2025-invalid-request@CancelGiftCard", "f2025-invalid-request@CreateGiftCard", "f4000-system-temporarily-unavailable@CreateGiftCard"]],
    ]);
  });
});

describe("countStatuses", () => {
  it("counts each status, and a status it does not know nowhere", () => {
    const strange = { ...handled(FAILURES.tooManyRequests, "CreateCharge"), status: "flaky" as "handled" };
    expect(countStatuses([...fixtureResults(), strange])).toEqual({ handled: 4, mishandled: 1, accepted: 1, "not-applicable": 1 });
  });
});

describe("prettyJson", () => {
  it.each([
    [{ a: [1, "x"] }, '{\n  "a": [\n    1,\n    "x"\n  ]\n}'],
    ["text", '"text"'],
    [undefined, "undefined"],
    [null, "null"],
  ])("%j → %s", (value, expected) => {
    expect(prettyJson(value)).toBe(expected);
  });
});
