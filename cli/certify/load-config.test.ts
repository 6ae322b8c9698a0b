import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { loadConfig } from "./load-config.js";

/*
 * certify loads the config, and the adapter module it names, before it starts
 * any worker: a project that does not load is a located error (exit 2), never
 * "nothing was tested". One case per way a file fails to load, in each file.
 */

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const CONFIG = `export default { adapter: "./faultproof/adapter.ts" };\n`;
const ADAPTER = `export const adapter = { name: "shop" };\n`;

/** A team's project with these files; loads its faultproof.config.ts as certify does and formats the problem. */
async function load(files: Readonly<Record<string, string>>): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), "faultproof-load-"));
  roots.push(cwd);
  for (const [path, text] of Object.entries({ "faultproof.config.ts": CONFIG, "faultproof/adapter.ts": ADAPTER, ...files })) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  const loaded = await loadConfig({ path: join(cwd, "faultproof.config.ts"), cwd });
  if (loaded.ok) return `loaded ${loaded.adapterName}`;
  const text = formatDiagnostic(loaded.problem);
  expect(text).not.toMatch(/\n\s+at /); // never a stack trace
  expect(text).not.toContain(cwd); // paths as the team reads them, relative to its project
  return text;
}

describe("loadConfig: a project that loads", () => {
  it("gives the config and the name of the adapter it names", async () => {
    expect(await load({})).toBe("loaded shop");
  });

  it("takes an inline adapter, and a path without its extension", async () => {
    expect(await load({ "faultproof.config.ts": `export default { adapter: { name: "inline" } };\n` })).toBe("loaded inline");
    expect(await load({ "faultproof.config.ts": `export default { adapter: "./faultproof/adapter" };\n` })).toBe("loaded shop");
  });
});

describe("loadConfig: an adapter module that does not load", () => {
  it("a syntax error: where, and what the parser expected", async () => {
    const adapter = `export const adapter = {\n  name: "shop",\n  incentives: { async createGiftCard(request { return request; } },\n};\n`;
    expect(await load({ "faultproof/adapter.ts": adapter })).toMatch(/^faultproof\/adapter\.ts:3:46: syntax error: Expected `,` or `\)` but found `\{`$/);
  });

  it("a syntax error in JavaScript, which another parser reads", async () => {
    const files = { "faultproof.config.ts": `export default { adapter: "./faultproof/adapter.mjs" };\n`, "faultproof/adapter.mjs": `export const adapter = {\n  name: "shop",,\n};\n` };
    expect(await load(files)).toBe("faultproof/adapter.mjs:2:16: syntax error: Unexpected token");
  });

  it("a missing import: the import that names it", async () => {
    const adapter = `import { issue } from "./gift-desk.js";\n\nexport const adapter = { name: "shop", incentives: { createGiftCard: issue } };\n`;
    expect(await load({ "faultproof/adapter.ts": adapter })).toBe('faultproof/adapter.ts:1:23: cannot find module "./gift-desk.js"\n    check the path (relative to this file), or install the package');
  });

  it("a top-level throw: where it was thrown, and the error", async () => {
    const adapter = `const key = process.env.SHOP_KEY_THAT_IS_NOT_SET;\nif (!key) throw new Error("SHOP_KEY_THAT_IS_NOT_SET is not set");\n\nexport const adapter = { name: "shop" };\n`;
    expect(await load({ "faultproof/adapter.ts": adapter })).toBe("faultproof/adapter.ts:2:17: loading the adapter threw Error: SHOP_KEY_THAT_IS_NOT_SET is not set");
  });

  it("a throw in a module the adapter imports: that module's line, and which adapter was loading", async () => {
    const adapter = `import { desk } from "../src/desk.ts";\nexport const adapter = { name: desk };\n`;
    const desk = `export const desk = "desk";\n\nthrow new TypeError("no desk configured");\n`;
    expect(await load({ "faultproof/adapter.ts": adapter, "src/desk.ts": desk })).toBe(
      "src/desk.ts:3:7: loading the adapter threw TypeError: no desk configured\n    while loading the adapter faultproof/adapter.ts, named by faultproof.config.ts",
    );
  });

  it("a misspelled export: the export, and the name faultproof reads", async () => {
    const adapter = `import type { Adapter } from "faultproof";\n\nexport const adaptor: Adapter = { name: "shop" };\n`;
    expect(await load({ "faultproof/adapter.ts": adapter })).toBe(
      "faultproof/adapter.ts:3:14: exports its adapter as adaptor; faultproof reads adapter\n    rename it: export const adapter: Adapter = { name, … }",
    );
  });

  it("no adapter among its exports", async () => {
    expect(await load({ "faultproof/adapter.ts": `export const shop = 1;\n` })).toBe(
      "faultproof/adapter.ts: exports no adapter (its exports: shop)\n    export const adapter: Adapter = { name, incentives?, amazonPay? }",
    );
  });

  it("a module that does not exist: the config's adapter field", async () => {
    expect(await load({ "faultproof.config.ts": `export default { adapter: "./faultproof/adaptr.ts" };\n` })).toBe(
      'faultproof.config.ts:1:27: adapter: no such module "./faultproof/adaptr.ts"\n    a path to the adapter module, relative to the config\'s folder',
    );
  });
});

describe("loadConfig: a config that does not load", () => {
  it("a syntax error", async () => {
    const config = `export default {\n  adapter: "./faultproof/adapter.ts"\n  runs: 10,\n};\n`;
    expect(await load({ "faultproof.config.ts": config })).toMatch(/^faultproof\.config\.ts:3:3: syntax error: Expected `,` or `\}` but found `Identifier`$/);
  });

  it("a missing import", async () => {
    const config = `import { defineConfig } from "faultproof-typo";\n\nexport default defineConfig({ adapter: "./faultproof/adapter.ts" });\n`;
    expect(await load({ "faultproof.config.ts": config })).toBe('faultproof.config.ts:1:30: cannot find module "faultproof-typo"\n    check the path (relative to this file), or install the package');
  });

  it("a top-level throw", async () => {
    const config = `const runs = Number(process.env.CERTIFY_RUNS_NOT_SET ?? "ten");\nif (Number.isNaN(runs)) throw new RangeError("CERTIFY_RUNS_NOT_SET is not a number");\n\nexport default { adapter: "./faultproof/adapter.ts", runs };\n`;
    expect(await load({ "faultproof.config.ts": config })).toBe("faultproof.config.ts:2:31: loading the config threw RangeError: CERTIFY_RUNS_NOT_SET is not a number");
  });

  it("a misspelled export: a named export where faultproof reads the default one", async () => {
    expect(await load({ "faultproof.config.ts": `export const config = { adapter: "./faultproof/adapter.ts" };\n` })).toBe(
      "faultproof.config.ts:1:14: exports its config as config; faultproof reads the default export\n    export default defineConfig({ adapter: … })",
    );
  });

  it("a misspelled key", async () => {
    expect(await load({ "faultproof.config.ts": `export default {\n  adaptor: "./faultproof/adapter.ts",\n};\n` })).toBe(
      "faultproof.config.ts:2:3: adaptor: unknown key; did you mean adapter?\n    allowed keys: adapter, runs, seed, minScore, outDir, baseline, callTimeoutMs, credentials, verifySignatures, spec",
    );
  });

  it("a value out of range, at its key", async () => {
    expect(await load({ "faultproof.config.ts": `export default {\n  adapter: "./faultproof/adapter.ts",\n  runs: 0,\n};\n` })).toBe("faultproof.config.ts:3:3: runs: must be a positive whole number, got 0");
  });
});
