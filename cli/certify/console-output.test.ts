import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import type { CertificationReport } from "../../suites/report/report.js";
import { runCli } from "../run-cli.js";
import type { CliIo } from "../terminal.js";
import { buildOnce } from "./test-support/run-certify.js";

/*
 * What a person (or a tool) reads from `faultproof certify`: failures grouped by rule with one
 * worked example, marks that read apart without colour, a running count on a terminal only,
 * FORCE_COLOR, --reporter json, --fail-fast, and a quiet exit when the reader goes away.
 */

// certify runs its workers from dist/ (cli/certify/run-suites.ts): built once for this file.
beforeAll(() => buildOnce(), 600_000);

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A client that never retries Amazon Pay's 408/429/500/503: one bug, seen on several cases. */
const DEFECTIVE = `import { defectiveAdapters } from ${JSON.stringify(join(packageRoot, "integrations/defective/index.ts"))};\nexport const adapter = defectiveAdapters["never-retries-transient"]!.adapter;\n`;
const CONFIG = `import { referenceTestCredentials } from ${JSON.stringify(join(packageRoot, "integrations/reference/test-credentials.ts"))};\nexport default { adapter: "./faultproof/adapter.ts", runs: 2, credentials: referenceTestCredentials };\n`;
const KEYS = ["internal-server-error@CreateCharge", "internal-server-error@CaptureCharge", "service-unavailable@CreateCharge", "throttled@CreateGiftCard"].join(",");
const ESC = String.fromCharCode(27);

function project(): string {
  const cwd = mkdtempSync(join(tmpdir(), "faultproof-console-"));
  roots.push(cwd);
  for (const [path, text] of Object.entries({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": DEFECTIVE })) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  return cwd;
}

async function certify(args: readonly string[], options: { env?: CliIo["env"]; tty?: boolean } = {}) {
  const cwd = project();
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (err += text), isTTY: options.tty ?? false },
    env: options.env ?? { NO_COLOR: "1" },
  };
  const outDir = join(cwd, "out");
  const code = await runCli({ ...io, argv: ["certify", "--out", outDir, ...args], cwd });
  return { code, stdout: out, stderr: err, report: () => JSON.parse(readFileSync(join(outDir, "report.json"), "utf8")) as CertificationReport };
}

describe("certify's console, off a terminal", () => {
  let run: Awaited<ReturnType<typeof certify>>;
  beforeAll(async () => {
    run = await certify(["--only", KEYS]);
  }, 120_000);

  it("groups the mishandled cases by rule: one heading with the count, the cases, the sentence, one worked example", () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^✗ retry-transient: 3 mishandled cases$/m);
    expect(run.stdout).toMatch(/^ {2}cases: InternalServerError × CaptureCharge, CreateCharge; ServiceUnavailable × CreateCharge$/m);
    expect(run.stdout).toMatch(/^ {2}enforces: the document says you should: “You should immediately retry a request if you receive a response with a 408, 429, 500, or 503 HTTP status code\.” — Amazon Pay — Manage errors, “Retrying errors”/m);
    expect(run.stdout).toMatch(/^ {4}the integration sent \w+ once: no retry happened at all$/m);
    expect(run.stdout.match(/^ {2}example: /gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/^ {4}request journal \(\d+ requests?\):\n {6}\+0ms +POST +\S+ → /m);
    expect(run.stdout).toMatch(/^ {4}outcome: handed-over (InternalServerError|ServiceUnavailable) — /m);
    expect(run.stdout).toMatch(/^ {4}replay: npx faultproof certify --config faultproof\.config\.ts --only internal-server-error@\w+ --seed \d+ --replay-path /m);
    // No longer one line per case.
    expect(run.stdout).not.toMatch(/^✗ InternalServerError on /m);
    // Then the score line, last but for where the reports are.
    expect(run.stdout).toMatch(/\nnot certified \(3 mishandled\): score 0\.0000 \(0\/3 handled, 3 mishandled, 0 accepted, 1 not applicable\)\nreports: [^\n]+\n$/);
  });

  it("prints plain marks, each status its own character, with a legend, and no colour or cursor movement", () => {
    expect(run.stdout).toContain("(. handled, ✗ mishandled, ~ accepted gap, - not applicable)\n");
    const marks = run.stdout.split("\n").find((line) => /^[.✗~-]{4}$/.test(line));
    expect([...marks!].sort()).toEqual(["-", "✗", "✗", "✗"].sort());
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).not.toContain("\r");
  });
});

describe("certify's console, on a terminal and with FORCE_COLOR", () => {
  it("shows a running count and the time left on a terminal, rewritten in place, instead of marks", async () => {
    const run = await certify(["--only", KEYS], { tty: true, env: { NO_COLOR: "1" } });
    expect(run.code, run.stderr).toBe(1);
    // Each update goes back to the line's start and clears it (ESC [2K), then counts.
    const updates = run.stdout.split(`\r${ESC}[2K`).slice(1);
    expect(updates[0]).toMatch(/^1\/4 cases: /);
    expect(updates.at(-1)).toMatch(/^4\/4 cases: 0 handled, 3 mishandled, 1 not applicable · \d+s · about 0s left\n/);
    expect(run.stdout).not.toContain("(. handled, ✗ mishandled");
  }, 120_000);

  it("colours a log that is no terminal when FORCE_COLOR asks, and never when NO_COLOR is set", async () => {
    const forced = await certify(["--only", "internal-server-error@CreateCharge"], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain(`${ESC}[31m✗`);
    const both = await certify(["--only", "internal-server-error@CreateCharge"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(both.stdout).not.toContain(ESC);
    const zero = await certify(["--only", "internal-server-error@CreateCharge"], { env: { FORCE_COLOR: "0" }, tty: true });
    expect(zero.stdout).not.toContain(`${ESC}[3`);
  }, 120_000);
});

describe("certify --reporter json and --fail-fast", () => {
  it("--reporter json writes report.json to stdout and nothing else; the person's text goes to stderr", async () => {
    const run = await certify(["--only", KEYS, "--reporter", "json"]);
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as CertificationReport;
    expect(printed).toEqual(run.report());
    expect(printed.summary).toMatchObject({ mishandled: 3, notApplicable: 1 });
    expect(run.stderr).toMatch(/^✗ retry-transient: 3 mishandled cases$/m);
    expect(run.stderr).toMatch(/^not certified/m);
  }, 120_000);

  it("refuses a reporter it does not know", async () => {
    const run = await certify(["--reporter", "xml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("faultproof certify: --reporter is console or json, got xml\n");
  });

  it("--fail-fast stops at the first mishandled case, says so, and exits 1", async () => {
    const run = await certify(["--only", KEYS, "--fail-fast"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/--fail-fast: stops at the first mishandled case\)$/m);
    const report = run.report();
    expect(report.summary.mishandled).toBe(1);
    const first = report.results.find((result) => result.status === "mishandled")!;
    expect(run.stdout).toContain(`--fail-fast: stopped at the first mishandled case, ${first.key}, after ${report.results.length} case`);
    expect(run.stdout).toMatch(/^✗ retry-transient: 1 mishandled case$/m);
  }, 120_000);
});

describe("certify | head -1", () => {
  it("exits quietly when the reader goes away: no EPIPE stack trace", () => {
    const run = spawnSync("bash", ["-c", `node ${JSON.stringify(join(packageRoot, "bin/faultproof.js"))} certify --reference --runs 1 --out "$(mktemp -d)" | head -1; echo "exit \${PIPESTATUS[0]}" >&2`], {
      cwd: project(),
      env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "" },
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(run.stdout).toMatch(/^faultproof .*: certifying the bundled reference integration \(--reference\)[^\n]*\n$/);
    // As a process killed by SIGPIPE: nonzero (a pipeline with pipefail must not pass), and silent.
    expect(run.stderr).toBe("exit 141\n");
  }, 600_000);
});
