import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replayCommand } from "../../suites/conformance/replay.js";
import { ENV } from "../../suites/conformance/target.js";
import { shellWords } from "../../suites/conformance/test-support/shell-words.js";
import type { CertificationReport } from "../../suites/report/report.js";
import { runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";

/*
 * What `faultproof certify` certifies: the adapter a config names, the bundled
 * reference only when asked with --reference, and nothing at all (exit 2,
 * before any worker starts) when it cannot tell or the adapter does not load.
 * In process through the CLI entry, as certify.hardening.test.ts runs it.
 */

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function folder(files: Readonly<Record<string, string>> = {}): string {
  const cwd = mkdtempSync(join(tmpdir(), "faultproof-target-"));
  roots.push(cwd);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  return cwd;
}

async function certify(cwd: string, args: readonly string[]) {
  const io = captureIo({ NO_COLOR: "1" });
  const out = join(cwd, "out");
  const started = performance.now();
  const code = await runCli({ ...io, argv: ["certify", "--out", out, ...args], cwd });
  return { code, stdout: io.out(), stderr: io.err(), out, seconds: (performance.now() - started) / 1000, report: (dir = out) => JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as CertificationReport };
}

// The adapters here send nothing: no test keys to name, and signatures left unchecked.
const CONFIG = `export default { adapter: "./faultproof/adapter.ts", runs: 5, verifySignatures: false };\n`;
/** Breaks the adapter contract on every run (an outcome must be an object), which no rule change makes advice. */
const DEFECTIVE = `export const adapter = { name: "answers null", amazonPay: { async createCharge() { return null; } } };\n`;
/** A case the adapter above mishandles, and the bundled reference handles. */
const KEY = "invalid-parameter-value@CreateCharge";

describe("certify without a config", () => {
  it("exits 2 with one paragraph: what it looked for, where, and the two ways on; it certifies nothing", async () => {
    const cwd = folder();
    const run = await certify(cwd, []);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const message = run.stderr.trimEnd();
    expect(message).not.toContain("\n"); // one paragraph
    expect(message).toMatch(/^faultproof certify: no config: looked for faultproof\.config\.ts, faultproof\.config\.mts, faultproof\.config\.js or faultproof\.config\.mjs in /);
    expect(message).toContain(cwd);
    expect(message).toContain("`npx faultproof init` creates one");
    expect(message).toContain("--reference certifies the bundled reference integration on purpose");
    expect(existsSync(run.out), "no report is written").toBe(false);
    expect(run.seconds, "no worker is started").toBeLessThan(5);
  });

  it("refuses --reference together with --config", async () => {
    const run = await certify(folder({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": DEFECTIVE }), ["--reference", "--config", "faultproof.config.ts"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--reference and --config name two different adapters to certify; give one of them/);
  });
});

describe("certify --reference", () => {
  it("certifies the bundled reference, even beside a config, and whatever FAULTPROOF_* the shell has set", async () => {
    const cwd = folder({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": DEFECTIVE });
    // Left over from a team's own vitest run: the workers inherit this process's environment.
    const saved = { config: process.env[ENV.config], adapter: process.env[ENV.adapter] };
    process.env[ENV.config] = join(cwd, "faultproof.config.ts");
    process.env[ENV.adapter] = join(cwd, "faultproof/adapter.ts");
    try {
      const run = await certify(cwd, ["--reference", "--only", KEY, "--runs", "5"]);
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.stdout).toMatch(/certifying the bundled reference integration \(--reference\)/);
      expect(run.report().adapter).toBe("faultproof reference integration");
      // The reference's own test keys: its signatures are checked, and the report says so.
      expect(run.report().signaturesVerified).toBe(true);
      expect(run.stdout).not.toMatch(/NOT verified/);
      expect(run.report().results.map((r) => `${r.key} ${r.status}`)).toEqual([`${KEY} handled`]);
    } finally {
      for (const [key, name] of [["config", ENV.config], ["adapter", ENV.adapter]] as const) {
        if (saved[key] === undefined) delete process.env[name];
        else process.env[name] = saved[key];
      }
    }
  }, 120_000);
});

describe("certify with an adapter that does not load: exit 2 at the line to fix, before any worker starts", () => {
  it.each([
    ["a syntax error", `export const adapter = {\n  name: "shop",\n  incentives: { async createGiftCard(request { return request; } },\n};\n`, /^faultproof certify: faultproof\/adapter\.ts:3:46: syntax error: Expected `,` or `\)` but found `\{`$/m],
    ["a missing import", `import { issue } from "./gift-desk.js";\nexport const adapter = { name: "shop", incentives: { createGiftCard: issue } };\n`, /^faultproof certify: faultproof\/adapter\.ts:1:23: cannot find module "\.\/gift-desk\.js"$/m],
    ["a top-level throw", `if (!process.env.SHOP_KEY_THAT_IS_NOT_SET) throw new Error("SHOP_KEY_THAT_IS_NOT_SET is not set");\nexport const adapter = { name: "shop" };\n`, /^faultproof certify: faultproof\/adapter\.ts:1:50: loading the adapter threw Error: SHOP_KEY_THAT_IS_NOT_SET is not set$/m],
    ["a misspelled export", `export const adaptor = { name: "shop" };\n`, /^faultproof certify: faultproof\/adapter\.ts:1:14: exports its adapter as adaptor; faultproof reads adapter$/m],
  ])("%s", async (_kind, adapter, message) => {
    const run = await certify(folder({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": adapter }), []);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/nothing was tested/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
    expect(run.seconds, "no worker is started").toBeLessThan(5);
  });

  it("a config that does not load, the same way", async () => {
    const run = await certify(folder({ "faultproof.config.ts": `export default {\n  adapter: "./faultproof/adapter.ts"\n  runs: 10,\n};\n` }), []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^faultproof certify: faultproof\.config\.ts:3:3: syntax error: /m);
  });
});

describe("certify with signatures verified and no test keys", () => {
  it("exits 2 at the key to set, before any worker starts: not hundreds of refused requests", async () => {
    const run = await certify(folder({ "faultproof.config.ts": `export default {\n  adapter: "./faultproof/adapter.ts",\n};\n`, "faultproof/adapter.ts": DEFECTIVE }), []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^faultproof certify: faultproof\.config\.ts:2:3: credentials\.amazonPay: missing: signatures are verified \(verifySignatures\), and answers null uses Amazon Pay, so the sandbox needs the test keys it signs with$/m);
    expect(run.stderr).toMatch(/^ {4}set credentials: \{ amazonPay: \[\{ publicKeyId: "…", publicKey: "-----BEGIN PUBLIC KEY-----…" \}\] \} with the test keys .* or verifySignatures: false to accept any signature$/m);
    expect(run.stdout).toBe("");
    expect(existsSync(run.out), "no report is written").toBe(false);
    expect(run.seconds, "no worker is started").toBeLessThan(5);
  });
});

describe("a replay", () => {
  it("writes its reports to <out>/replay and leaves the certification's alone; run from another folder, it certifies the same adapter", async () => {
    const cwd = folder({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": DEFECTIVE });
    const first = await certify(cwd, ["--only", KEY]);
    expect(first.code, first.stderr + first.stdout).toBe(1);
    expect(first.stdout).toMatch(/certifying "answers null", the adapter of faultproof\.config\.ts/);
    // Signatures were switched off: the console header and report.json say so.
    expect(first.stdout).toMatch(/^faultproof .*: certifying .*, signatures NOT verified \(verifySignatures: false\)\)$/m);
    expect(first.report().signaturesVerified).toBe(false);
    const report = readFileSync(join(first.out, "report.json"), "utf8");
    const failure = first.report().results.find((result) => result.key === KEY)!;
    expect(failure).toMatchObject({ status: "mishandled", rule: "adapter-contract" });

    // The command as it is printed for a certification run in `cwd`, pasted in the folder above it.
    const above = dirname(cwd);
    const command = replayCommand({ key: KEY, seed: failure.counterexample!.seed, path: failure.counterexample!.path, configPath: join(cwd, "faultproof.config.ts"), cwd: above });
    expect(command).toContain(`--config ${basename(cwd)}/faultproof.config.ts `);
    const [npx, faultproof, certifyCommand, ...args] = shellWords(command);
    expect([npx, faultproof, certifyCommand]).toEqual(["npx", "faultproof", "certify"]);
    const io = captureIo({ NO_COLOR: "1" });
    const code = await runCli({ ...io, argv: ["certify", ...args, "--out", first.out], cwd: above });

    expect(code, io.err()).toBe(1);
    expect(io.out()).toContain(`replaying ${KEY}: its reports go to ${basename(cwd)}/out/replay/, the certification's in ${basename(cwd)}/out/ stay as they are`);
    expect(io.out()).toContain(`reports: ${join(first.out, "replay", "report.json")}`);
    expect(readFileSync(join(first.out, "report.json"), "utf8"), "the certification's report is untouched").toBe(report);
    const replayed = first.report(join(first.out, "replay"));
    expect(replayed.adapter).toBe("answers null");
    expect(replayed.results.find((result) => result.key === KEY)).toMatchObject({ status: "mishandled", rule: failure.rule, message: failure.message, counterexample: { schedule: failure.counterexample!.schedule } });
  }, 120_000);

  it("needs --only: --replay-path alone would replay one run of every case over the certification's reports", async () => {
    const run = await certify(folder({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": DEFECTIVE }), ["--replay-path", "0:0"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--replay-path replays one case: give its key with --only/);
  });
});
