import { ADAPTER_OPERATIONS } from "../../suites/adapter.js";

/** Which API a team integrates with: `init --api`. */
export type ApiChoice = "incentives" | "amazon-pay" | "both";
export const API_CHOICES: readonly ApiChoice[] = ["incentives", "amazon-pay", "both"];

/** The files `faultproof init` writes into a team's project, by path relative to it: only the operations of the APIs it uses. */
export function scaffold(api: ApiChoice = "both"): ReadonlyMap<string, string> {
  return new Map([
    ["faultproof.config.ts", config(api)],
    ["faultproof/adapter.ts", adapterSkeleton(api)],
    ["faultproof/conformance.test.ts", CONFORMANCE_TEST],
  ]);
}

/** The line `init` adds to .gitignore: reports are CI's artefacts, not sources. */
export const REPORT_IGNORE = "faultproof-report/";

function config(api: ApiChoice): string {
  const keys = [
    ...(api !== "amazon-pay" ? ['  //   incentives: [{ accessKeyId: "…", secretAccessKey: "…" }],'] : []),
    ...(api !== "incentives" ? ['  //   amazonPay: [{ publicKeyId: "…", publicKey: "-----BEGIN PUBLIC KEY-----\\n…" }],'] : []),
  ];
  return `import { defineConfig } from "faultproof";

// faultproof certify reads this file. Options given on the command line win.
export default defineConfig({
  adapter: "./faultproof/adapter.ts",
  runs: 10,
  // The sandbox checks every request's signature as Amazon does, against the TEST keys your
  // integration signs with under certification (never real ones). Set those of the API${api === "both" ? "s" : ""} you use:
  // credentials: {
${keys.join("\n")}
  // },
  // or accept any signature, and the report says signatures were not verified:
  // verifySignatures: false,
});
`;
}

const CONFORMANCE_TEST = `// Runs faultproof's conformance suites inside this project's own \`vitest run\`.
// Your vitest config must let vitest transform faultproof's TypeScript suites:
//   test: { server: { deps: { inline: ["faultproof"] } } }
// Keep your own MSW server (a setup file's setupServer) out of this file: the suites refuse to
// run beside another MSW server, which would answer their requests first.
process.env.FAULTPROOF_CONFIG ??= new URL("../faultproof.config.ts", import.meta.url).pathname;
await import("faultproof/conformance");
`;

/** What each adapter function is given, and the ids its success carries in \`data\` (suites/adapter.ts). */
const CONTRACT: Readonly<Record<string, { readonly request: string; readonly data?: string }>> = {
  createGiftCard: { request: "{ amount, currencyCode, reference }", data: "{ creationRequestId, gcId }" },
  cancelGiftCard: { request: "{ creationRequestId, gcId? }" },
  activateGiftCard: { request: "{ amount, currencyCode, reference, cardNumber }", data: "{ activationRequestId }" },
  deactivateGiftCard: { request: "{ cardNumber, activationRequestId }" },
  loadAmazonBalance: { request: "{ amount, currencyCode, reference, accountId }", data: "{ loadBalanceRequestId }" },
  voidAmazonBalanceLoad: { request: "{ amount, currencyCode, loadBalanceRequestId, accountId }" },
  createCheckoutSession: { request: "{ amount, currencyCode, reference }", data: "{ checkoutSessionId }" },
  updateCheckoutSession: { request: "{ amount, currencyCode, checkoutSessionId }" },
  completeCheckoutSession: { request: "{ amount, currencyCode, checkoutSessionId }", data: "{ chargePermissionId, chargeId }" },
  createCharge: { request: "{ amount, currencyCode, reference, chargePermissionId, captureNow }", data: "{ chargeId }" },
  captureCharge: { request: "{ amount, currencyCode, reference, chargeId }" },
  cancelCharge: { request: "{ chargeId, reason }" },
  createRefund: { request: "{ amount, currencyCode, reference, chargeId }" },
  closeChargePermission: { request: "{ chargePermissionId, reason }" },
  handleIpn: { request: "{ body, headers } (one IPN delivery, as your endpoint receives it)", data: "{ objectType, objectId, state } (of the object the IPN names, read with a GET)" },
  checkout: { request: "{ amount, currencyCode, checkoutSessionId } (amount: the final cart total)", data: "{ chargePermissionId, chargeId }" },
};

/** Adapter functions whose answer can be pending (Amazon Pay's asynchronous processing). */
const PENDING_OPERATIONS: ReadonlySet<string> = new Set(["createCharge", "createRefund", "completeCheckoutSession", "captureCharge"]);

function stub(name: string, what: string, code: string): string {
  const contract = CONTRACT[name] ?? { request: "see suites/adapter.ts" };
  const success = contract.data ? `{ status: "succeeded", data: ${contract.data.replace(/ \(.*\)$/, "")} }` : `{ status: "succeeded" }`;
  const dataNote = contract.data?.match(/ \((.*)\)$/)?.[1];
  return `    // request: ${contract.request}
    // Return what your integration concluded:
    //   ${success}${contract.data ? `   it took effect; data: ${dataNote ?? "the ids your integration used and got back"}` : "   it took effect"}
    //   { status: "failed", code }         it failed; code: the ${code} it saw, never empty
    //   { status: "handed-over", code?, reason? }   it gave up and handed over for manual follow-up${PENDING_OPERATIONS.has(name) ? `
    //   { status: "pending", data: { state } }      accepted, not final yet (AuthorizationInitiated, RefundInitiated): an IPN or a GET settles it` : ""}
    async ${name}(request) {
      throw new Error(${JSON.stringify(`faultproof: ${name} is not implemented yet: ${what} in faultproof/adapter.ts, or delete this function if you do not use it`)});
    },`;
}

function adapterSkeleton(api: ApiChoice): string {
  const incentives = Object.entries(ADAPTER_OPERATIONS.incentives)
    .map(([name, op]) => stub(name, `call your integration's ${op}`, "errorType (e.g. InsufficientFunds)"))
    .join("\n");
  const pay = [
    ...Object.entries(ADAPTER_OPERATIONS.amazonPay).map(([name, op]) => stub(name, `call your integration's ${op}`, "reasonCode (e.g. InvalidChargePermissionStatus)")),
    stub("handleIpn", "pass delivery.body to your IPN endpoint's handler", "reasonCode"),
    stub("checkout", "call your checkout with the session and the final total (it updates, then completes)", "reasonCode"),
  ].join("\n");
  const sections = [
    ...(api !== "amazon-pay" ? [`  incentives: {\n${incentives}\n  },`] : []),
    ...(api !== "incentives" ? [`  amazonPay: {\n${pay}\n  },`] : []),
  ];
  // The retry policy is Amazon Pay's (000 "Retrying errors"): the Incentives API declares none.
  const retryPolicy = api !== "incentives" ? `  // How your integration retries Amazon Pay's 408, 429, 500 and 503; certify holds it to this.\n  retryPolicy: { maxAttempts: 4 },\n` : "";
  return `import type { Adapter } from "faultproof";

/**
 * The adapter faultproof certifies: one function per operation your integration performs.
 * Each calls your real integration code (which talks HTTP to Amazon's hosts, answered by
 * faultproof's sandbox) and returns what it concluded:
 *   { status: "succeeded", data }       the operation took effect; data carries the ids named above each function
 *   { status: "failed", code }          it failed, with the reasonCode / errorType it saw
 *   { status: "handed-over", code }     it gave up and handed over for manual follow-up
 *   { status: "pending", data }         Amazon Pay accepted it but its result is not final yet
 * Until you fill a function it fails certification; delete the ones you do not use: they are
 * then reported as not applicable.
 */
export const adapter: Adapter = {
  name: "my integration",
${retryPolicy}${sections.join("\n")}
};
`;
}
