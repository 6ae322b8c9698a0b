import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../../generator/package-root.js";
import { defectiveAdapters } from "../../../integrations/defective/index.js";
import { shellWords } from "../../../suites/conformance/test-support/shell-words.js";
import { buildOnce, runFaultproof } from "./run-certify.js";

/** One documented failure of each kind, on both APIs: enough to expose any one broken rule quickly. */
export const PROBES = [
  "f2003-invalid-amount-input@CreateGiftCard",
  "f3003-insufficient-funds@CreateGiftCard",
  "f4000-system-temporarily-unavailable@CreateGiftCard",
  "f5000-general-error@CreateGiftCard",
  "throttled@CreateGiftCard",
  "flow-gift-card-lifecycle@CreateGiftCard",
  "invalid-parameter-value@CreateCharge",
  "unauthorized-access@CreateCharge",
  "service-unavailable@CreateCharge",
  "internal-server-error@CaptureCharge",
  "too-many-requests@CreateCheckoutSession",
  "invalid-checkout-session-status@CompleteCheckoutSession",
].join(",");

/** A team's project whose faultproof.config.ts names one defective adapter. */
export function projectFor(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), "faultproof-defective-"));
  const index = join(packageRoot, "integrations/defective/index.ts");
  writeFileSync(join(dir, "adapter.ts"), `import { defectiveAdapters } from ${JSON.stringify(index)};\nexport const adapter = defectiveAdapters[${JSON.stringify(name)}]!.adapter;\n`);
  // Every defective integration signs with the reference's test keys (a broken signer with others).
  const credentials = join(packageRoot, "integrations/reference/test-credentials.ts");
  writeFileSync(join(dir, "faultproof.config.ts"), `import { referenceTestCredentials } from ${JSON.stringify(credentials)};\nexport default { adapter: "./adapter.ts", runs: 5, credentials: referenceTestCredentials };\n`);
  return dir;
}


/**
 * Defects certified as processes, as users run certify, split over two test files so that vitest's
 * two workers share them: one of each kind of rule. Every member of the family is certified in
 * process by integrations/defective/family.test.ts; these prove the command line and its replays.
 */
export const RETRY_DEFECTS = ["over-budget", "shrinking-backoff", "instant-throttle-retry", "new-key-per-retry", "one-key-for-all", "never-retries-transient"];
export const OUTCOME_DEFECTS = ["resend-without-cancel", "silent-exhaustion", "trusts-unknown-answers", "bare-sdk", "no-idempotency-key", "assumes-success-on-invalid-status"];

/**
 * Certifies each named defective integration as a process, as users run certify, and checks it is
 * caught by the rule it breaks, with a shrunk schedule and a replay command that reproduces it.
 */
export function describeDefects(title: string, names: readonly string[]): void {
  describe(title, () => {
    beforeAll(() => buildOnce(), 600_000);

    it.each(names.map((name) => [name, defectiveAdapters[name]!.breaks] as const))("%s is caught by %s, with a shrunk schedule and a working replay", (name, rule) => {
      const cwd = projectFor(name);
      const run = runFaultproof({ cwd, args: ["certify", "--only", PROBES] });
      expect(run.code, run.stderr + run.stdout).toBe(1);
      expect(run.stdout).toMatch(/^not certified/m);
      const caught = run.report().results.filter((result) => result.status === "mishandled");
      expect(caught.map((result) => result.rule)).toContain(rule);
      const example = caught.find((result) => result.rule === rule)!;
      expect(example.counterexample?.journal.length).toBeGreaterThan(0);
      // A deterministic class names itself; a random run is shrunk to a few answers.
      if (!example.counterexample?.scheduleClass) expect(example.counterexample?.schedule.length).toBeLessThanOrEqual(8);

      // The replay command printed for the failure, pasted where certify ran, reproduces exactly it.
      const [, , ...replay] = shellWords(example.replay!);
      const again = runFaultproof({ cwd, args: replay });
      expect(again.code, again.stderr).toBe(1);
      // A replay (--replay-path) writes its reports apart, in <out>/replay.
      const replayed = again.report(replay.includes("--replay-path") ? "replay" : "").results.find((result) => result.key === example.key)!;
      expect(replayed).toMatchObject({ status: "mishandled", rule, message: example.message });
      expect(replayed.counterexample?.schedule).toEqual(example.counterexample?.schedule);
    }, 600_000);
  });
}
