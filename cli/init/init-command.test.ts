import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
});
