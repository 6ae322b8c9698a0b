import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adapterOf, ENV, loadTarget } from "./target.js";

const project = mkdtempSync(join(tmpdir(), "faultproof-target-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));
writeFileSync(join(project, "adapter.ts"), `export const adapter = { name: "team adapter" };\n`);
writeFileSync(join(project, "faultproof.config.ts"), `export default { adapter: "./adapter.ts" };\n`);
const configPath = join(project, "faultproof.config.ts");

describe("loadTarget", () => {
  it("keeps the config it loaded the adapter from, and the folder certify ran in, for the replay command", async () => {
    const target = await loadTarget({ [ENV.config]: configPath, [ENV.cwd]: "/home/team/shop" });
    expect(target).toMatchObject({ adapterName: "team adapter", configPath, cwd: "/home/team/shop" });
  });

  it("takes this process's folder when no folder is given (a team's own vitest run)", async () => {
    expect((await loadTarget({ [ENV.config]: configPath })).cwd).toBe(process.cwd());
  });

  it("reads an empty variable as unset: certify passes every variable, so a stray one in the shell cannot change the target", async () => {
    const empty = Object.fromEntries(Object.values(ENV).map((name) => [name, ""]));
    const target = await loadTarget(empty);
    expect(target.adapterName).toBe("faultproof reference integration");
    expect(target).not.toHaveProperty("configPath");
    expect(target).not.toHaveProperty("only");
    expect(target).not.toHaveProperty("callTimeoutMs");
  });
});

describe("loadTarget: signatures", () => {
  const PAY_ADAPTER = `export const adapter = { name: "pay desk", amazonPay: { async createCharge() { return { status: "failed", code: "x" }; } } };\n`;
  const write = (name: string, config: string): string => {
    writeFileSync(join(project, `${name}.adapter.ts`), PAY_ADAPTER);
    writeFileSync(join(project, `${name}.config.ts`), config.replace("ADAPTER", `./${name}.adapter.ts`));
    return join(project, `${name}.config.ts`);
  };

  it("reads the test keys and the switch from the config; verified by default", async () => {
    const keys = { amazonPay: [{ publicKeyId: "SANDBOX-TEST", publicKey: "pem" }] };
    const target = await loadTarget({ [ENV.config]: write("keyed", `export default { adapter: "ADAPTER", credentials: ${JSON.stringify(keys)} };\n`) });
    expect(target).toMatchObject({ credentials: keys, verifySignatures: true });
    expect((await loadTarget({ [ENV.config]: write("unchecked", `export default { adapter: "ADAPTER", verifySignatures: false };\n`) })).verifySignatures).toBe(false);
  });

  it("refuses to start without the test keys of an API the adapter uses (a team's own vitest run, where certify's check did not run)", async () => {
    await expect(loadTarget({ [ENV.config]: write("keyless", `export default { adapter: "ADAPTER" };\n`) })).rejects.toThrow(/keyless\.config\.ts: credentials\.amazonPay missing: signatures are verified, so the sandbox needs the test keys pay desk signs with; set credentials: \{ amazonPay: /);
  });

  it("takes the bundled reference's own test keys without a config", async () => {
    const target = await loadTarget({});
    expect(target.credentials?.incentives?.length).toBe(1);
    expect(target.credentials?.amazonPay?.[0]?.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});

describe("adapterOf", () => {
  const adapter = { name: "a" };
  it.each([
    ["export const adapter", { adapter }],
    ["export const referenceAdapter", { referenceAdapter: adapter }],
    ["export default { adapter }", { default: { adapter } }],
    ["export default adapter", { default: adapter }],
  ])("finds %s", (_name, module) => {
    expect(adapterOf(module)).toBe(adapter);
  });

  it("finds nothing under another name, or without a name", () => {
    expect(adapterOf({ adaptor: adapter })).toBeUndefined();
    expect(adapterOf({ adapter: { incentives: {} } })).toBeUndefined();
  });
});
