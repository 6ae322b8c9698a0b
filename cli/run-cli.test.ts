import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { packageRoot } from "../generator/package-root.js";
import type { Catalogue } from "../generator/spec/catalogue.js";
import { runCli } from "./run-cli.js";
import { captureIo } from "./test-support/capture.js";

const ESC = "\u001b[";

const temporary: string[] = [];
afterEach(() => temporary.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfSpec(): string {
  const dir = mkdtempSync(join(tmpdir(), "faultproof-spec-"));
  temporary.push(dir);
  cpSync(join(packageRoot, "spec"), join(dir, "spec"), { recursive: true });
  return join(dir, "spec");
}

describe("faultproof spec", () => {
  it("prints the catalogue as a table", async () => {
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["spec"] })).toBe(0);
    expect(io.out()).toMatch(/Amazon Pay API v2 \(Checkout v2\) — 34 documented errors, 15 operations/);
    expect(io.out()).toMatch(/Amazon Incentives API .* — 99 documented errors, 9 operations/);
    expect(io.out()).toMatch(/^ServiceUnavailable +503 +retry-backoff +all +000 Error codes$/m);
    expect(io.out()).not.toContain(ESC); // not a terminal: no colour codes
    expect(io.err()).toBe("");
  });

  it("prints the normalised catalogue with --json", async () => {
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["spec", "--json"] })).toBe(0);
    const catalogue = JSON.parse(io.out()) as Catalogue;
    expect(catalogue.errors).toHaveLength(133);
    expect(catalogue.errors[0]).toMatchObject({ api: "amazon-pay", code: "InvalidHeaderValue", httpStatus: 400, handling: "fail-surface", source: { doc: "000" } });
    expect(catalogue.mockCodes.find((m) => m.code === "F2012")).toMatchObject({ api: "incentives", outcome: "failure", variants: [{ code: "InvalidCardStatusForDeactivation" }] });
    expect(catalogue.retryRules.map((r) => `${r.api}/${r.id}`)).toEqual(["amazon-pay/retry-transient", "amazon-pay/throttling", "incentives/resend", "incentives/throttling", "incentives/tps-limits"]);
  });

  it("gives the same bytes on every run", async () => {
    const [a, b] = [captureIo(), captureIo()];
    await runCli({ ...a, argv: ["spec", "--json"] });
    await runCli({ ...b, argv: ["spec", "--json"] });
    expect(a.out()).toBe(b.out());
  });

  it("rejects a bad spec with located errors on stderr, nothing on stdout, exit 1", async () => {
    const dir = copyOfSpec();
    const file = join(dir, "incentives", "rules.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("handling: cancel-then-resend", "handling: cancel-then-resend\n    retries: 3"));
    const io = captureIo({ NO_COLOR: "1" });
    expect(await runCli({ ...io, argv: ["spec", "--json", "--spec-dir", dir] })).toBe(1);
    expect(io.out()).toBe("");
    expect(io.err()).toMatch(/^error spec\/incentives\/rules\.yaml:\d+:5: rules\[0\]\.retries: unknown key "retries"$/m);
    expect(io.err()).toMatch(/the spec has 1 problem; nothing was written/);
    expect(io.err()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says which folder it cannot read, exit 2", async () => {
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["spec", "--spec-dir", "/nonexistent/spec"] })).toBe(2);
    expect(io.err()).toMatch(/cannot read the spec folder .*nonexistent.*ENOENT/);
  });

  it("rejects an unknown option with exit 2", async () => {
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["spec", "--jsn"] })).toBe(2);
    expect(io.err()).toMatch(/unknown option '--jsn'/);
  });

  it("colours only for a terminal without NO_COLOR", async () => {
    const tty = { ...captureIo(), env: {} };
    let out = "";
    await runCli({ ...tty, stdout: { write: (t: string) => (out += t), isTTY: true }, argv: ["spec"] });
    expect(out).toContain(`${ESC}1m`);
    out = "";
    await runCli({ ...tty, env: { NO_COLOR: "1" }, stdout: { write: (t: string) => (out += t), isTTY: true }, argv: ["spec"] });
    expect(out).not.toContain(ESC);
  });
});

describe("faultproof generate", () => {
  function copyOfGenerated(): string {
    const dir = mkdtempSync(join(tmpdir(), "faultproof-generated-"));
    temporary.push(dir);
    cpSync(join(packageRoot, "generated"), join(dir, "generated"), { recursive: true });
    return join(dir, "generated");
  }

  it("--check passes on the committed output", async () => {
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["generate", "--check"] })).toBe(0);
    expect(io.out()).toMatch(/generated\/ is up to date with catalogue [0-9a-f]{12} \(11 files\)/);
  });

  it("--check exits 1 and lists stale and orphaned files, writing nothing", async () => {
    const out = copyOfGenerated();
    writeFileSync(join(out, "handlers.ts"), "// edited by hand\n");
    writeFileSync(join(out, "extra.ts"), "");
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["generate", "--check", "--out", out] })).toBe(1);
    expect(io.err()).toContain("stale: handlers.ts\norphaned: extra.ts\n");
    expect(readFileSync(join(out, "handlers.ts"), "utf8")).toBe("// edited by hand\n");
  });

  it("regenerates a stale folder, then finds it up to date", async () => {
    const out = copyOfGenerated();
    writeFileSync(join(out, "handlers.ts"), "// edited by hand\n");
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["generate", "--out", out] })).toBe(0);
    expect(io.out()).toBe("wrote 1 of 11 files: handlers.ts\n");
    expect(readFileSync(join(out, "handlers.ts"), "utf8")).toBe(readFileSync(join(packageRoot, "generated", "handlers.ts"), "utf8"));
    const again = captureIo();
    await runCli({ ...again, argv: ["generate", "--out", out] });
    expect(again.out()).toBe("generated/ already up to date (11 files)\n");
  });

  it("writes nothing when the spec is invalid", async () => {
    const dir = copyOfSpec();
    const out = copyOfGenerated();
    writeFileSync(join(dir, "handling.yaml"), "handling: [\n");
    const io = captureIo({ NO_COLOR: "1" });
    expect(await runCli({ ...io, argv: ["generate", "--spec-dir", dir, "--out", out] })).toBe(1);
    expect(io.err()).toMatch(/^error spec\/handling\.yaml:\d+:\d+: invalid YAML/m);
    expect(readFileSync(join(out, "handlers.ts"), "utf8")).toBe(readFileSync(join(packageRoot, "generated", "handlers.ts"), "utf8"));
  });
});
