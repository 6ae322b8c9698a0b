import { describe, expect, it } from "vitest";
import { casesCovered, faultText, groupByRule, outcomeText, renderRuleGroups, STATUS_MARKS } from "./console.js";
import type { CertificationResult } from "./report.js";
import { counterexample, FAILURES, fixtureResults, handled, journalEntry, mishandled, replayOf } from "./test-support/report-fixture.js";

const citation = { doc: "000", title: "Amazon Pay — Manage errors", section: "Retrying errors", quote: "You should immediately retry a request if you receive a response with a 408, 429, 500, or 503 HTTP status code.", strength: "should", url: "https://developer.amazon.com/docs/amazon-pay-api-v2/error-handling.html" } as const;

/** One bug seen on many cases: a client that never retries Amazon Pay's 500 and 429. */
function neverRetries(): CertificationResult[] {
  const once = (operation: string, status: number, code: string) =>
    counterexample({
      scheduleClass: `${code} on every one of 6 attempts`,
      schedule: [{ kind: "error", code }],
      outcome: { status: "failed", code },
      journal: [journalEntry({ seq: 0, operation, at: 5_000, response: { status, code, by: "fault" } })],
    });
  const cases: CertificationResult[] = [];
  for (const operation of ["CaptureCharge", "CreateCharge", "CreateRefund"]) {
    for (const [failure, status] of [[FAILURES.internalServerError, 500], [FAILURES.tooManyRequests, 429]] as const) {
      cases.push(mishandled(failure, operation, { rule: "retry-transient", message: `received one ${operation}, answered ${status} ${failure.code}, and no retry of it before the integration gave up`, citation, counterexample: once(operation, status, failure.code), replay: replayOf(`${failure.id}@${operation}`) }));
    }
  }
  return cases;
}

describe("the console's account of mishandled cases", () => {
  it("groups them by rule: one heading with the count, not one line per case", () => {
    const results = [...neverRetries(), ...fixtureResults(), handled(FAILURES.amountMismatch, "CompleteCheckoutSession")];
    const text = renderRuleGroups(results);
    expect(groupByRule(results).map((group) => [group.rule, group.results.length])).toEqual([["retry-transient", 6], ["exponential-backoff", 1]]);
    expect(text.match(/^✗ /gm)).toHaveLength(2);
    expect(text).toMatch(/^✗ retry-transient: 6 mishandled cases$/m);
    expect(text).toMatch(/^✗ exponential-backoff: 1 mishandled case$/m);
    // Accepted gaps are listed in the reports, not here.
    expect(text).not.toContain("resend-compensation");
  });

  it("lists the cases a rule covers compactly, codes × operations", () => {
    expect(casesCovered(neverRetries())).toBe("InternalServerError, TooManyRequests × CaptureCharge, CreateCharge, CreateRefund");
  });

  it("quotes the sentence the rule enforces, and works one counterexample: schedule, timeline, outcome, replay", () => {
    const text = renderRuleGroups(neverRetries());
    const lines = text.split("\n");
    expect(lines).toContain(`  enforces: the document says you should: “${citation.quote}” — Amazon Pay — Manage errors, “Retrying errors” (${citation.url})`);
    expect(lines).toContain("  example: InternalServerError on CaptureCharge (internal-server-error@CaptureCharge)");
    expect(lines).toContain("    schedule class: InternalServerError on every one of 6 attempts");
    // A class named for the limit, and one attempt made: said outright.
    expect(lines).toContain("    the integration sent CaptureCharge once: no retry happened at all");
    expect(lines).toContain("    request journal (1 request):");
    expect(lines).toContain("      +0ms      POST  CaptureCharge → 500 InternalServerError");
    expect(lines).toContain("    outcome: failed InternalServerError");
    expect(lines).toContain(`    replay: ${replayOf("internal-server-error@CaptureCharge")}`);
    // Only one worked example per rule.
    expect(text.match(/example:/g)).toHaveLength(1);
  });

  it("shows a shrunk schedule in words and the journal's times relative to its first request", () => {
    const text = renderRuleGroups(fixtureResults());
    expect(text).toContain("    shrunk schedule: InternalServerError, InternalServerError, network-error\n");
    expect(text).toContain("      +0ms      POST  CreateCharge → 500 InternalServerError\n      +1ms      POST  CreateCharge → 500 InternalServerError\n");
    expect(text).not.toContain("no retry happened");
  });

  it("puts schedules and outcomes in words", () => {
    expect([{ kind: "error", code: "ServiceUnavailable", retryAfterSeconds: 3 }, { kind: "pass" }, { kind: "network-error" }, { kind: "gateway-html", status: 502 }].map(faultText)).toEqual([
      "ServiceUnavailable (Retry-After: 3)",
      "normal answer",
      "network-error",
      "HTTP 502 (gateway HTML)",
    ]);
    expect(outcomeText({ status: "failed", code: "" })).toBe("failed with an empty code");
    expect(outcomeText({ status: "succeeded", data: { chargeId: "C1" } })).toBe('succeeded {"chargeId":"C1"}');
    expect(outcomeText(undefined)).toBe("nothing (undefined)");
  });

  it("has a distinct mark for every status, without colour", () => {
    expect(new Set(Object.values(STATUS_MARKS)).size).toBe(4);
    expect(Object.values(STATUS_MARKS)).not.toContain("·");
  });
});

describe("a rule broken in different ways", () => {
  it("works one example and gives one line to each other way, not to each case", () => {
    const contract = (failure: (typeof FAILURES)[keyof typeof FAILURES], operation: string, message: string) => mishandled(failure, operation, { rule: "adapter-contract", message, counterexample: counterexample({ scheduleClass: "normal path" }), replay: replayOf(`${failure.id}@${operation}`) });
    const results = [
      contract(FAILURES.internalServerError, "CaptureCharge", "the adapter threw undefined instead of returning an outcome"),
      contract(FAILURES.internalServerError, "CreateCharge", "the adapter returned null; expected an outcome"),
      contract(FAILURES.tooManyRequests, "CreateCharge", "the adapter returned null; expected an outcome"),
      contract(FAILURES.invalidRequest, "CreateGiftCard", "the adapter never settled: still running after 2000 ms"),
    ];
    const text = renderRuleGroups(results);
    expect(text).toMatch(/^✗ adapter-contract: 4 mishandled cases$/m);
    expect(text).toContain("    what broke: the adapter never settled: still running after 2000 ms\n");
    expect(text).toContain(
      "  also broken another way in:\n    InternalServerError on CaptureCharge (internal-server-error@CaptureCharge): the adapter threw undefined instead of returning an outcome\n    InternalServerError on CreateCharge (internal-server-error@CreateCharge): the adapter returned null; expected an outcome\n",
    );
    expect(text).not.toContain("TooManyRequests on CreateCharge (");
    // Messages that differ only in operation, code or numbers are one way: no "also" for the retry rule.
    expect(renderRuleGroups(neverRetries())).not.toContain("also broken");
  });
});
