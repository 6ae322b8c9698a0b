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
