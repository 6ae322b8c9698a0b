import { ADAPTER_OPERATIONS } from "../../suites/adapter.js";

/** The files `faultproof init` writes into a team's project, by path relative to it. */
export function scaffold(): ReadonlyMap<string, string> {
  return new Map([
    ["faultproof.config.ts", CONFIG],
    ["faultproof/adapter.ts", adapterSkeleton()],
    ["faultproof/conformance.test.ts", CONFORMANCE_TEST],
  ]);
}

const CONFIG = `import { defineConfig } from "faultproof";

// faultproof certify reads this file. Options given on the command line win.
export default defineConfig({
  adapter: "./faultproof/adapter.ts",
  runs: 10,
  // The sandbox checks every request's signature as Amazon does, against the TEST keys your
  // integration signs with under certification (never real ones). Set those of the APIs you use:
  // credentials: {
  //   incentives: [{ accessKeyId: "…", secretAccessKey: "…" }],
  //   amazonPay: [{ publicKeyId: "…", publicKey: "-----BEGIN PUBLIC KEY-----\\n…" }],
  // },
  // or accept any signature, and the report says signatures were not verified:
  // verifySignatures: false,
});
`;

const CONFORMANCE_TEST = `// Runs faultproof's conformance suites inside this project's own \`vitest run\`.
// Your vitest config must let vitest transform faultproof's TypeScript suites:
//   test: { server: { deps: { inline: ["faultproof"] } } }
// Keep your own MSW server (a setup file's setupServer) out of this file: the suites refuse to
// run beside another MSW server, which would answer their requests first.
process.env.FAULTPROOF_CONFIG ??= new URL("../faultproof.config.ts", import.meta.url).pathname;
await import("faultproof/conformance");
`;

function stub(name: string, operation: string): string {
  return `    async ${name}(request) {
      // Call your integration's ${operation} here and return what it concluded.
      throw new Error(${JSON.stringify(`faultproof: ${name} is not implemented yet: call your integration's ${operation} in faultproof/adapter.ts, or delete this function if you do not use it`)});
    },`;
}

function adapterSkeleton(): string {
  const incentives = Object.entries(ADAPTER_OPERATIONS.incentives).map(([name, op]) => stub(name, op)).join("\n");
  const pay = Object.entries(ADAPTER_OPERATIONS.amazonPay).map(([name, op]) => stub(name, op)).join("\n");
  return `import type { Adapter } from "faultproof";

/**
 * The adapter faultproof certifies: one function per operation your integration performs.
 * Each calls your real integration code (which talks HTTP to Amazon's hosts, answered by
 * faultproof's sandbox) and returns what it concluded:
 *   { status: "succeeded", data }       the operation took effect
 *   { status: "failed", code }          it failed, with the reasonCode / errorType it saw
 *   { status: "handed-over", code }     it gave up and handed over for manual follow-up
 * Until you fill a function it fails certification; delete the ones you do not use: they are
 * then reported as not applicable.
 */
export const adapter: Adapter = {
  name: "my integration",
  retryPolicy: { maxAttempts: 4 },
  incentives: {
${incentives}
  },
  amazonPay: {
${pay}
    async handleIpn(delivery) {
      throw new Error("faultproof: handleIpn is not implemented yet: pass delivery.body to your IPN endpoint's handler");
    },
    async checkout(request) {
      // Run your whole checkout here: update the session to request.amount (the final total), then complete it.
      throw new Error("faultproof: checkout is not implemented yet: call your checkout with the session and the final total (it updates, then completes), or delete this function if you do not use it");
    },
  },
};
`;
}
