import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { loadConfig } from "./load-config.js";

/*
 * Signatures are verified by default: certify refuses, before any worker
 * starts, a config that names no test keys for an API its adapter uses, at
 * the key to set (exit 2), instead of certifying hundreds of refused requests.
 */

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const BOTH = `export const adapter = { name: "shop", incentives: { async createGiftCard() { return { status: "failed", code: "x" }; } }, amazonPay: { async createCharge() { return { status: "failed", code: "x" }; } } };\n`;
const INCENTIVES_ONLY = `export const adapter = { name: "desk", incentives: { async createGiftCard() { return { status: "failed", code: "x" }; } } };\n`;
const PEM = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString();
const KEY = `{ accessKeyId: "FPTESTONLYKEY", secretAccessKey: "test-only" }`;

async function load(config: string, adapter = BOTH): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), "faultproof-credentials-"));
  roots.push(cwd);
  for (const [path, text] of Object.entries({ "faultproof.config.ts": config, "faultproof/adapter.ts": adapter })) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  const loaded = await loadConfig({ path: join(cwd, "faultproof.config.ts"), cwd });
  return loaded.ok ? `loaded ${loaded.adapterName}` : formatDiagnostic(loaded.problem);
}

describe("certify's check of the signing settings", () => {
  it.each<[string, { config: string; adapter?: string; want: string | RegExp }]>([
    [
      "no credentials for an adapter of both APIs: both keys named, at the adapter",
      {
        config: `export default {\n  adapter: "./faultproof/adapter.ts",\n};\n`,
        want: /^faultproof\.config\.ts:2:3: credentials\.incentives, credentials\.amazonPay: missing: signatures are verified \(verifySignatures\), and shop uses the Incentives API and Amazon Pay, so the sandbox needs the test keys it signs with\n {4}set credentials: \{ incentives: \[\{ accessKeyId: "…", secretAccessKey: "…" \}\], amazonPay: \[\{ publicKeyId: "…", publicKey: "-----BEGIN PUBLIC KEY-----…" \}\] \} .* or verifySignatures: false to accept any signature$/,
      },
    ],
    [
      "keys for one API only: the other is named, at credentials",
      { config: `export default {\n  adapter: "./faultproof/adapter.ts",\n  credentials: { incentives: [${KEY}] },\n};\n`, want: /^faultproof\.config\.ts:3:3: credentials\.amazonPay: missing: .* uses Amazon Pay,/ },
    ],
    ["an adapter of the Incentives API needs only its keys", { config: `export default { adapter: "./faultproof/adapter.ts", credentials: { incentives: [${KEY}] } };\n`, adapter: INCENTIVES_ONLY, want: "loaded desk" }],
    ["keys of both APIs", { config: `export default { adapter: "./faultproof/adapter.ts", credentials: { incentives: [${KEY}], amazonPay: [{ publicKeyId: "SANDBOX-TEST", publicKey: ${JSON.stringify(PEM)} }] } };\n`, want: "loaded shop" }],
    ["verifySignatures: false needs no keys", { config: `export default { adapter: "./faultproof/adapter.ts", verifySignatures: false };\n`, want: "loaded shop" }],
    ["an adapter of neither API needs no keys", { config: `export default { adapter: { name: "inline" } };\n`, want: "loaded inline" }],
    ["verifySignatures that is no boolean", { config: `export default { adapter: "./faultproof/adapter.ts", verifySignatures: "no" };\n`, want: 'faultproof.config.ts:1:54: verifySignatures: must be true or false, got "no"' }],
    [
      "a public key that is no PEM",
      { config: `export default {\n  adapter: "./faultproof/adapter.ts",\n  credentials: { amazonPay: [{ publicKeyId: "SANDBOX-TEST", publicKey: "not a key" }] },\n};\n`, want: /^faultproof\.config\.ts:3:61: credentials\.amazonPay\[0\]\.publicKey: is no PEM public key: / },
    ],
    ["an access key without its secret", { config: `export default { adapter: "./faultproof/adapter.ts", credentials: { incentives: [{ accessKeyId: "FPTESTONLYKEY" }] } };\n`, want: /credentials\.incentives\[0\]\.secretAccessKey: must be a non-empty string/ }],
    ["an API that is none of the two", { config: `export default { adapter: "./faultproof/adapter.ts", credentials: { agcod: [] } };\n`, want: /credentials\.agcod: unknown key: the APIs are incentives and amazonPay/ }],
  ])("%s", async (_name, { config, adapter, want }) => {
    const got = await load(config, adapter);
    if (typeof want === "string") expect(got).toBe(want);
    else expect(got).toMatch(want);
  });
});
