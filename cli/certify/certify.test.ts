import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import { buildOnce, runFaultproof, withoutTimestamp, type CertifyRun } from "./test-support/run-certify.js";

// These run `faultproof certify` as a process, as a team's CI would: slow, so few runs per property.
const RUNS = "3";

describe("faultproof certify on the bundled reference integrations", () => {
  let first: CertifyRun;
  beforeAll(() => {
    buildOnce();
    // The README's main command, in the repository: its faultproof.config.ts names the bundled reference.
    first = runFaultproof({ cwd: packageRoot, args: ["certify", "--runs", RUNS, "--seed", "42"] });
  }, 600_000);

  it("certifies: exit 0, score 1.0, every documented failure exercised", () => {
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const report = first.report();
    expect(report.score).toBe(1);
    expect(report.summary.mishandled).toBe(0);
    expect(report.summary.notApplicable).toBe(0);
    // 389 failure x operation cases generated from the catalogue (132 of its 133 errors: ChargePermissionNotModifiable is on no adapter operation; 2 pending states), plus five model-based flows.
    expect(report.summary.applicable).toBe(394);
    expect(new Set(report.results.map((r) => r.failureId)).size).toBe(132 + 2 + 5);
    expect(first.stdout).toMatch(/^certified: score 1\.0000 \(394\/394 handled/m);
  });

  it("writes report.json, junit.xml, report.md and report.html", () => {
    for (const file of ["report.json", "junit.xml", "report.md", "report.html"]) expect(existsSync(join(first.outDir, file)), file).toBe(true);
    expect(readFileSync(join(first.outDir, "junit.xml"), "utf8")).toMatch(/<testsuites[^>]*tests="394"/);
  });

  it("gives the same report.json for the same seed, apart from its timestamp, with --reference from any folder", () => {
    const again = runFaultproof({ args: ["certify", "--reference", "--runs", RUNS, "--seed", "42"] });
    expect(withoutTimestamp(again.report())).toEqual(withoutTimestamp(first.report()));
  }, 600_000);

  it("merges shard 1/2 and 2/2 into the unsharded report", () => {
    const one = runFaultproof({ args: ["certify", "--reference", "--runs", RUNS, "--seed", "42", "--shard", "1/2"] });
    const two = runFaultproof({ args: ["certify", "--reference", "--runs", RUNS, "--seed", "42", "--shard", "2/2"] });
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.report().results.length + two.report().results.length).toBe(394);
    const merged = runFaultproof({ args: ["merge-reports", join(one.outDir, "report.json"), join(two.outDir, "report.json")] });
    expect(merged.code, merged.stderr).toBe(0);
    expect(withoutTimestamp(merged.report())).toEqual(withoutTimestamp(first.report()));
  }, 600_000);

  it("appends report.md to $GITHUB_STEP_SUMMARY", () => {
    const summary = join(first.outDir, "summary.md");
    writeFileSync(summary, "# before\n");
    const run = runFaultproof({ args: ["certify", "--reference", "--runs", "1", "--only", "amount-mismatch@CompleteCheckoutSession"], env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(summary, "utf8")).toMatch(/^# before\n[\s\S]*certified/i);
  }, 600_000);
});

describe("faultproof certify: wrong input", () => {
  beforeAll(() => buildOnce(), 600_000);

  it.each([
    ["no config in the folder", [], /no config: looked for faultproof\.config\.ts, .* `npx faultproof init` creates one .* --reference certifies the bundled reference integration on purpose/],
    ["--runs 0", ["--reference", "--runs", "0"], /--runs must be at least 1/],
    ["--seed x", ["--reference", "--seed", "x"], /--seed must be a whole number/],
    ["--shard 3/2", ["--reference", "--shard", "3/2"], /--shard: a shard is i\/n/],
    ["--min-score 2", ["--reference", "--min-score", "2"], /--min-score must be between 0 and 1/],
    ["a missing config", ["--config", "nope.config.ts"], /nope\.config\.ts: no such config file/],
    ["an unknown --only key", ["--reference", "--only", "no-such-failure@Nowhere", "--runs", "1"], /--only names no case: no-such-failure@Nowhere \(/],
    ["a mistyped --only key beside a real one", ["--reference", "--only", "amount-mismatch@CompleteCheckoutSession,amount-mismatch@CompleteCheckoutSesion", "--runs", "1"], /--only names no case: amount-mismatch@CompleteCheckoutSesion \(/],
  ])("%s exits 2 with a clear message", (_name, args, message) => {
    const run = runFaultproof({ args: ["certify", ...args] });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 600_000);
});
