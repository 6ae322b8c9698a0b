// report.json says when the sandbox did not check signatures (verifySignatures: false), and so do its renderers.
import { describe, expect, it } from "vitest";
import { buildReport, mergeReports } from "./build-report.js";
import { renderMarkdown } from "./markdown.js";
import { fixtureResults } from "./test-support/report-fixture.js";

const report = (signaturesVerified?: boolean, shard?: { index: number; count: number }) =>
  buildReport({ results: fixtureResults(), toolVersion: "0.1.0", catalogueVersion: "abc", adapter: "shop", seed: 1, runs: 1, generatedAt: "2026-01-01T00:00:00.000Z", ...(signaturesVerified === undefined ? {} : { signaturesVerified }), ...(shard ? { shard } : {}) });

describe("signaturesVerified", () => {
  it("is recorded as certify gives it, and left out when not given (a report from before it existed)", () => {
    expect(report(true).signaturesVerified).toBe(true);
    expect(report(false).signaturesVerified).toBe(false);
    expect(report()).not.toHaveProperty("signaturesVerified");
  });

  it.each([
    [[true, true], true],
    [[true, false], false],
    [[undefined, undefined], undefined],
  ] as const)("merges shards %j into %s: one unchecked shard makes the run unchecked", (shards, want) => {
    const merged = mergeReports(shards.map((verified, index) => report(verified, { index: index + 1, count: shards.length })), "2026-01-02T00:00:00.000Z");
    expect(merged.signaturesVerified).toBe(want);
  });

  it("is said in report.md's header only when signatures were not checked", () => {
    expect(renderMarkdown(report(false))).toContain("**signatures not verified**");
    expect(renderMarkdown(report(true))).not.toContain("signatures not verified");
  });
});
