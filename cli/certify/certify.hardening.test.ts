import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import { secretStrings } from "../../suites/conformance/test-support/leaky-adapter.js";
import type { CertificationReport } from "../../suites/report/report.js";
import { runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";

/*
 * `faultproof certify`, run in process through the CLI entry as a team runs
 * it, against adapters that leak credentials, misbehave, and send requests
 * outside the sandbox. A few cases each, to stay fast; suites/conformance/
 * run-case.hardening.test.ts covers each misbehaviour case by case.
 */

const REPORTS = ["report.json", "junit.xml", "report.md", "report.html"] as const;

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

interface Certified {
  readonly code: number;
  readonly console: string;
  readonly files: Readonly<Record<(typeof REPORTS)[number], string>>;
  report(): CertificationReport;
}

/** A team's project: `adapter.ts` with `source`, and a faultproof.config.ts naming it with `config`. */
async function certifyProject(options: { adapter: string; config?: string; only: readonly string[] }): Promise<Certified> {
  const cwd = mkdtempSync(join(tmpdir(), "faultproof-hardening-"));
  roots.push(cwd);
  writeFileSync(join(cwd, "adapter.ts"), options.adapter);
  // The reference's test keys: an adapter built on the reference signs with them.
  const credentials = `import { referenceTestCredentials } from ${moduleOf("integrations/reference/test-credentials.ts")};\n`;
  writeFileSync(join(cwd, "faultproof.config.ts"), `${credentials}export default { adapter: "./adapter.ts", runs: 3, credentials: referenceTestCredentials${options.config ? `, ${options.config}` : ""} };\n`);
  const io = captureIo({ NO_COLOR: "1" });
  const out = join(cwd, "out");
  const code = await runCli({ ...io, argv: ["certify", "--only", options.only.join(","), "--out", out], cwd });
  const files = Object.fromEntries(REPORTS.map((name) => [name, readFileSync(join(out, name), "utf8")])) as Certified["files"];
  return { code, console: io.out() + io.err(), files, report: () => JSON.parse(files["report.json"]) as CertificationReport };
}

const moduleOf = (path: string) => JSON.stringify(join(packageRoot, path));

describe("certify with an integration that sends real-looking credentials", () => {
  const secrets = secretStrings();
  let run: Certified;
  beforeAll(async () => {
    run = await certifyProject({
      adapter: `export { leakyAdapter as adapter } from ${moduleOf("suites/conformance/test-support/leaky-adapter.ts")};\n`,
      // Its requests carry made-up signatures; what this proves is the redaction, not the signing.
      config: "verifySignatures: false",
      only: ["f3003-insufficient-funds@CreateGiftCard", "f2003-invalid-amount-input@CreateGiftCard", "invalid-parameter-value@CreateCharge"],
    });
  }, 120_000);

  it("fails the cases it mishandles, with their rules", () => {
    expect(run.code, run.console).toBe(1);
    const rules = run.report().results.filter((r) => r.status === "mishandled").map((r) => `${r.key} ${r.rule}`);
    // It throws on the network errors the deterministic classes send before each failure: a broken contract everywhere.
    expect(rules).toEqual(["f2003-invalid-amount-input@CreateGiftCard adapter-contract", "f3003-insufficient-funds@CreateGiftCard adapter-contract", "invalid-parameter-value@CreateCharge adapter-contract"]);
  });

  it.each(["console", ...REPORTS] as const)("%s carries none of the secrets", (where) => {
    const text = where === "console" ? run.console : run.files[where];
    // The report still says what happened, only without the credentials.
    expect(text.length).toBeGreaterThan(100);
    for (const secret of secrets) expect(text, `${where} leaks ${secret}`).not.toContain(secret);
  });

  it("still shows what was sent, with the credentials marked as redacted", () => {
    const journal = JSON.stringify(run.report().results.map((r) => r.counterexample?.journal ?? []));
    expect(journal).toMatch(/"authorization":"AWS4-HMAC-SHA256 \[redacted\]"/);
    expect(journal).toMatch(/X-Amz-Signature=\[redacted\]/);
    expect(run.console).toMatch(/\[redacted private key\]/);
  });
});

describe("certify with an integration that misbehaves and sends requests elsewhere", () => {
  let local: Server;
  let connections = 0;
  let run: Certified;
  beforeAll(async () => {
    local = createServer((_request, response) => response.end("reached"));
    local.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    const port = (local.address() as AddressInfo).port;
    const circular = "const loop: Record<string, unknown> = {}; loop.self = loop;";
    run = await certifyProject({
      // The reference integration, with one operation broken in each way; the others stay conforming.
      adapter: `import { createReferenceAdapter } from ${moduleOf("integrations/reference/index.ts")};
${circular}
const reference = createReferenceAdapter();
export const adapter = {
  ...reference,
  name: "misbehaving",
  incentives: {
    ...reference.incentives,
    async createGiftCard(request: never) {
      await fetch("http://127.0.0.1:${port}/collect").catch(() => undefined);
      return reference.incentives!.createGiftCard!(request);
    },
    cancelGiftCard: () => Promise.reject(loop),
    activateGiftCard: () => new Promise(() => setInterval(() => {}, 1)),
    loadAmazonBalance: () => Promise.resolve(null),
    voidAmazonBalanceLoad: () => Promise.reject(undefined),
  },
  amazonPay: {
    ...reference.amazonPay,
    createCharge: () => Promise.resolve({ status: "succeeded", data: { big: 10n } }),
  },
};
`,
      // Long enough for a worker's first, cold call (loading the SDK, first use of ICU and of
      // regexes: ~150 ms on an idle machine) while the other worker spins on the hanging case.
      config: "callTimeoutMs: 2000",
      only: [
        "f3003-insufficient-funds@CreateGiftCard",
        "f1000-gc-locked@CancelGiftCard",
        "f2003-invalid-amount-input@ActivateGiftCard",
        "load-f2000-invalid-request-input@LoadAmazonBalance",
        "load-f1000-general-error@VoidAmazonBalanceLoad",
        "invalid-parameter-value@CreateCharge",
        "service-unavailable@CaptureCharge",
      ],
    });
  }, 120_000);
  afterAll(() => new Promise<void>((resolve) => local.close(() => resolve())));

  it("runs every case to a verdict: exit 1, nothing left out, the conforming operation certified", () => {
    expect(run.code, run.console).toBe(1);
    const results = run.report().results;
    expect(results).toHaveLength(7);
    expect(results.find((r) => r.key === "service-unavailable@CaptureCharge")?.status).toBe("handled");
    expect(results.filter((r) => r.status === "mishandled").map((r) => r.rule)).toEqual(Array(6).fill("adapter-contract"));
  });

  it.each([
    ["f3003-insufficient-funds@CreateGiftCard", /the integration sent GET http:\/\/127\.0\.0\.1:\d+\/collect outside the sandbox; faultproof refused it with a network error and sent nothing/],
    ["f1000-gc-locked@CancelGiftCard", /the adapter threw <ref \*1> \{ self: \[Circular \*1\] \} instead of returning an outcome/],
    ["f2003-invalid-amount-input@ActivateGiftCard", /the adapter never settled: the operation was still running after 2000 ms of real time/],
    ["load-f2000-invalid-request-input@LoadAmazonBalance", /the adapter returned null; expected \{ status: "succeeded" \| "failed" \| "handed-over" \| "pending" \}/],
    ["load-f1000-general-error@VoidAmazonBalanceLoad", /the adapter threw undefined instead of returning an outcome/],
    ["invalid-parameter-value@CreateCharge", /the adapter returned succeeded without sending any CreateCharge request/],
  ])("%s: names the problem in the report and on the console", (key, message) => {
    const result = run.report().results.find((r) => r.key === key)!;
    expect(result.message).toMatch(message);
    // Grouped under the rule: the worked example's "what broke", or one line per other way it was broken.
    expect(run.console).toMatch(/^✗ adapter-contract: 6 mishandled cases$/m);
    expect(run.console).toContain(`${result.message}\n`);
  });

  it("sent nothing to the server outside the sandbox", () => {
    expect(connections).toBe(0);
  });
});
