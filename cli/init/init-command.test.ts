import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ADAPTER_OPERATIONS, type Adapter } from "../../suites/adapter.js";
import { runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";

const temporary: string[] = [];
afterEach(() => temporary.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function emptyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "faultproof-init-"));
  temporary.push(dir);
  return dir;
}

describe("faultproof init", () => {
  it("writes a typed config, an adapter skeleton and a vitest entry, and says what comes next", async () => {
    const cwd = emptyProject();
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["init"], cwd })).toBe(0);
    expect(io.out()).toContain("wrote faultproof.config.ts\nwrote faultproof/adapter.ts\nwrote faultproof/conformance.test.ts\n");
    expect(readFileSync(join(cwd, "faultproof.config.ts"), "utf8")).toContain('import { defineConfig } from "faultproof";');
    expect(readFileSync(join(cwd, "faultproof/conformance.test.ts"), "utf8")).toContain('import("faultproof/conformance")');
  });

  it("scaffolds one stub per operation of the contract, each failing with what to do", async () => {
    const cwd = emptyProject();
    await runCli({ ...captureIo(), argv: ["init"], cwd });
    const { adapter } = (await import(pathToFileURL(join(cwd, "faultproof/adapter.ts")).href)) as { adapter: Adapter };
    const sides = [
      ["incentives", adapter.incentives as Record<string, unknown>, Object.keys(ADAPTER_OPERATIONS.incentives)],
      ["amazonPay", adapter.amazonPay as Record<string, unknown>, [...Object.keys(ADAPTER_OPERATIONS.amazonPay), "handleIpn", "checkout"]],
    ] as const;
    for (const [, side, names] of sides) {
      expect(Object.keys(side).sort()).toEqual([...names].sort());
      for (const name of names) {
        const stub = side[name] as (request: unknown) => Promise<unknown>;
        await expect(stub({})).rejects.toThrow(new RegExp(`faultproof: ${name} is not implemented yet`));
      }
    }
  });

  it("never overwrites a file that exists, unless told to", async () => {
    const cwd = emptyProject();
    writeFileSync(join(cwd, "faultproof.config.ts"), "// mine\n");
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["init"], cwd })).toBe(2);
    expect(io.err()).toBe("faultproof init: faultproof.config.ts already exists; nothing was written (use --force to overwrite)\n");
    expect(readFileSync(join(cwd, "faultproof.config.ts"), "utf8")).toBe("// mine\n");
    expect(() => readFileSync(join(cwd, "faultproof/adapter.ts"))).toThrow();

    expect(await runCli({ ...captureIo(), argv: ["init", "--force"], cwd })).toBe(0);
    expect(readFileSync(join(cwd, "faultproof.config.ts"), "utf8")).toContain("defineConfig");
  });

  it("scaffolds only the operations of the API the team names with --api", async () => {
    for (const [api, sides] of [["incentives", ["incentives"]], ["amazon-pay", ["amazonPay"]], ["both", ["incentives", "amazonPay"]]] as const) {
      const cwd = emptyProject();
      expect(await runCli({ ...captureIo(), argv: ["init", "--api", api], cwd })).toBe(0);
      const { adapter } = (await import(pathToFileURL(join(cwd, "faultproof/adapter.ts")).href)) as { adapter: Adapter };
      expect(Object.keys(adapter).filter((key) => key === "incentives" || key === "amazonPay"), api).toEqual(sides);
      const config = readFileSync(join(cwd, "faultproof.config.ts"), "utf8");
      expect(config.includes("accessKeyId"), api).toBe(api !== "amazon-pay");
      expect(config.includes("publicKeyId"), api).toBe(api !== "incentives");
      // The retry policy is Amazon Pay's: an Incentives-only skeleton declares none.
      expect(adapter.retryPolicy === undefined, api).toBe(api === "incentives");
    }
  });

  it("asks which API on a terminal, and scaffolds both when there is nobody to ask", async () => {
    const asked: string[] = [];
    const cwd = emptyProject();
    const io = { ...captureIo(), ask: async (question: string) => (asked.push(question), "1") };
    expect(await runCli({ ...io, argv: ["init"], cwd })).toBe(0);
    expect(asked).toEqual(["Which API does your integration use? 1) Amazon Incentives API  2) Amazon Pay  3) both [3]: "]);
    const skeleton = readFileSync(join(cwd, "faultproof/adapter.ts"), "utf8");
    expect(skeleton).toContain("  incentives: {");
    expect(skeleton).not.toContain("amazonPay");

    const quiet = emptyProject();
    expect(await runCli({ ...captureIo(), argv: ["init"], cwd: quiet })).toBe(0);
    expect(readFileSync(join(quiet, "faultproof/adapter.ts"), "utf8")).toMatch(/ {2}incentives: \{[\s\S]* {2}amazonPay: \{/);
  });

  it("refuses an API it does not know", async () => {
    const cwd = emptyProject();
    const io = captureIo();
    expect(await runCli({ ...io, argv: ["init", "--api", "pay"], cwd })).toBe(2);
    expect(io.err()).toBe("faultproof init: --api is incentives, amazon-pay, both; got pay\n");
    expect(existsSync(join(cwd, "faultproof.config.ts"))).toBe(false);
  });

  it("adds faultproof-report/ to .gitignore: creates it, or appends the line once", async () => {
    const fresh = emptyProject();
    const io = captureIo();
    await runCli({ ...io, argv: ["init", "--api", "both"], cwd: fresh });
    expect(readFileSync(join(fresh, ".gitignore"), "utf8")).toBe("faultproof-report/\n");
    expect(io.out()).toContain("created .gitignore: faultproof-report/\n");

    const theirs = emptyProject();
    writeFileSync(join(theirs, ".gitignore"), "node_modules\ndist");
    await runCli({ ...captureIo(), argv: ["init"], cwd: theirs });
    await runCli({ ...captureIo(), argv: ["init", "--force"], cwd: theirs });
    expect(readFileSync(join(theirs, ".gitignore"), "utf8")).toBe("node_modules\ndist\nfaultproof-report/\n");

    const already = emptyProject();
    writeFileSync(join(already, ".gitignore"), "/faultproof-report\n");
    const again = captureIo();
    await runCli({ ...again, argv: ["init"], cwd: already });
    expect(readFileSync(join(already, ".gitignore"), "utf8")).toBe("/faultproof-report\n");
    expect(again.out()).not.toContain(".gitignore");
  });

  it("says above each stub exactly what the contract expects back: the outcomes, and the ids in data", async () => {
    const cwd = emptyProject();
    await runCli({ ...captureIo(), argv: ["init"], cwd });
    const skeleton = readFileSync(join(cwd, "faultproof/adapter.ts"), "utf8");
    const before = (name: string) => skeleton.slice(0, skeleton.indexOf(`async ${name}(`)).split("async ").at(-1)!;
    expect(before("createGiftCard")).toContain('//   { status: "succeeded", data: { creationRequestId, gcId } }');
    expect(before("createGiftCard")).toContain("// request: { amount, currencyCode, reference }");
    expect(before("completeCheckoutSession")).toContain('//   { status: "succeeded", data: { chargePermissionId, chargeId } }');
    expect(before("createCharge")).toContain('//   { status: "succeeded", data: { chargeId } }');
    expect(before("handleIpn")).toContain('//   { status: "succeeded", data: { objectType, objectId, state } }');
    expect(before("cancelCharge")).toContain('//   { status: "succeeded" }');
    for (const name of ["createGiftCard", "createCharge"]) {
      expect(before(name)).toContain('//   { status: "failed", code }');
      expect(before(name)).toContain("never empty");
      expect(before(name)).toContain('//   { status: "handed-over", code?, reason? }');
    }
  });
});
