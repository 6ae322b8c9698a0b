import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { FLOW_SENTENCES } from "../../cli/sync/flow-sentences.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceModel } from "../../generated/conformance-model.js";
import { createSandbox } from "../../generated/sandbox.js";
import { createReferenceAdapter, referenceAdapter } from "../../integrations/reference/index.js";
import type { Adapter, AdapterOutcome } from "../adapter.js";
import { VirtualTime } from "../clock/virtual-time.js";
import type { Citation } from "../oracles/citation.js";
import { ipnMessage, snsDelivery } from "../sandbox/amazon-pay/ipn.js";
import { startSandboxServer } from "../sandbox/server.js";
import { CITATIONS, CONTRACT_NO_OUTCOME, CONTRACT_OUTSIDE } from "./citations.js";
import { certifyFlow, FLOWS, formatFlowPath, parseFlowPath, type FlowResult } from "./index.js";
import { checkoutIntegration, giftCardIntegration, ipnIntegration, wholeCheckoutIntegration, type ResendConduct } from "./test-support/small-integrations.js";

const time = new VirtualTime();
const { objectStates } = conformanceModel;
// The small integrations send requests made by hand, not signed; the reference signs, and is checked in
// integrations/reference and by the certification.
const sandbox = createSandbox({ clock: time, config: { verifySignatures: false, incentives: { throttling: false } } });
let close = () => {};
beforeAll(() => {
  const server = startSandboxServer(sandbox);
  close = () => server.close();
});
afterAll(() => close());

/** An adapter every function of which answers the same way. */
function adapterAnswering(answer: () => Promise<AdapterOutcome>): Adapter {
  const side = new Proxy({}, { get: () => answer, has: () => true });
  return { name: "uniform", incentives: side, amazonPay: side };
}

const flowOf = (id: string) => FLOWS.find((flow) => flow.id === id)!;
const certify = (flow: (typeof FLOWS)[number], adapter: Adapter, runs = 5, seed = 7) => certifyFlow({ flow, world: { sandbox, time, adapter, objectStates }, runs, seed });
/** Enough runs for every command of a flow to meet every state it can reach. */
const THOROUGH = 40;

describe.each(FLOWS.map((flow) => [flow.id, flow] as const))("the %s flow", (_id, flow) => {
  it("is handled by the reference integrations", async () => {
    expect((await certify(flow, referenceAdapter)).status).toBe("handled");
  });

  it("breaks the adapter contract when every adapter function throws (an unfilled skeleton)", async () => {
    const result = await certify(flow, adapterAnswering(() => Promise.reject(new Error("not implemented yet"))));
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract", citation: CONTRACT_NO_OUTCOME });
    expect(result.message).toContain("not implemented yet");
  });

  it("breaks the adapter contract when the adapter returns something outside the vocabulary", async () => {
    const result = await certify(flow, adapterAnswering(() => Promise.resolve({ status: "ok" } as unknown as AdapterOutcome)));
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract", citation: CONTRACT_NO_OUTCOME });
  });
});

describe("the checkout flow", () => {
  const flow = flowOf("flow-checkout");
  const certifyCheckout = (adapter: Adapter) => certify(flow, adapter, THOROUGH, 11);

  // Seed 002 says only that the session "is either in a Completed or Canceled state".
  it.each(["read-the-session", "surface", "hand-over"] as const)("accepts a second Complete of a Completed session answered any way: %s after InvalidCheckoutSessionStatus", async (onInvalidStatus) => {
    const result = await certifyCheckout(checkoutIntegration(`${onInvalidStatus} on a finished session`, { onInvalidStatus, onAmountMismatch: "surface" }));
    expect(result).toMatchObject({ status: "handled" });
  });

  it("fails a success on a Canceled session: the payment intent was not finalized", async () => {
    const result = await certifyCheckout(checkoutIntegration("takes InvalidCheckoutSessionStatus for success", { onInvalidStatus: "assume-success", onAmountMismatch: "surface" }));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-checkout", citation: CITATIONS.canceledNotFinalized });
    expect(result.citation?.quote).toBe("Note that the payment intent was not finalized");
    expect(result.message).toMatch(/completing a Canceled session/);
  });

  it("fails a success with another amount on an Open session: chargeAmount must match", async () => {
    const result = await certifyCheckout(checkoutIntegration("updates the session to whatever amount completes", { onInvalidStatus: "read-the-session", onAmountMismatch: "update-and-complete" }));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-checkout", citation: CITATIONS.amountMustMatch });
    expect(result.citation?.quote).toBe("The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount.");
  });
});

describe("the whole-checkout flow", () => {
  const flow = flowOf("flow-whole-checkout");
  const certifyWhole = (adapter: Adapter) => certify(flow, adapter, THOROUGH, 11);
  const UPDATE_THEN_COMPLETE = "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount. If there is a mismatch between the values, make sure you call Update Checkout Session once the final checkout total has been calculated before redirecting to amazonRedirectUrl.";

  it("needs the adapter's checkout, and nothing else", () => {
    expect(flow).toMatchObject({ api: "amazon-pay", needs: ["checkout"], source: { doc: "002", section: "Why is Complete Checkout Session returning an AmountMismatch error response?" } });
  });

  it("is not applicable to an integration that checks out only step by step", async () => {
    const stepwise = checkoutIntegration("step by step", { onInvalidStatus: "read-the-session", onAmountMismatch: "surface" });
    expect(await certifyWhole(stepwise)).toMatchObject({ status: "not-applicable" });
  });

  it("accepts an integration that updates the session to the final total, then completes with it", async () => {
    expect(await certifyWhole(wholeCheckoutIntegration("updates then completes", "update-then-complete"))).toMatchObject({ status: "handled" });
  });

  it("fails an integration that updates, then completes with the amount from before the update: AmountMismatch of its own making", async () => {
    const result = await certifyWhole(wholeCheckoutIntegration("completes with the old amount", "complete-with-old-amount"));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-whole-checkout", citation: CITATIONS.updateToFinalTotal });
    expect(result.citation?.quote).toBe(UPDATE_THEN_COMPLETE);
    expect(result.message).toMatch(/^received \{"status":"failed","code":"AmountMismatch"\} for a checkout of session \S+ at the final total 29\.99; Complete Checkout Session asked 25\.00 of a session at 29\.99 and was answered AmountMismatch$/);
  });

  it("fails an integration that completes with the final total without updating the session", async () => {
    const result = await certifyWhole(wholeCheckoutIntegration("never updates", "skip-update"));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-whole-checkout", citation: CITATIONS.updateToFinalTotal });
    expect(result.citation?.quote).toBe(UPDATE_THEN_COMPLETE);
    expect(result.message).toMatch(/Complete Checkout Session asked 29\.99 of a session at 25\.00 and was answered AmountMismatch$/);
    // Shrunk to the smallest run: the cart's final total, which the session was never updated to, needs no change of cart.
    expect(result.counterexample?.schedule[0]).toMatch(/^checkout /);
  });

  it("fails an integration that completes with the amount the session holds: Amazon completes it, at a total the buyer did not agree to", async () => {
    const result = await certifyWhole(wholeCheckoutIntegration("completes with whatever the session holds", "complete-with-session-amount"));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-whole-checkout", citation: CITATIONS.updateToFinalTotal });
    expect(result.message).toMatch(/the session was completed at 25\.00, not at the final total$/);
  });

  it("fails a success reported while the session is still Open: the contract's succeeded means it took effect", async () => {
    const result = await certifyWhole(wholeCheckoutIntegration("never updates, claims success", "skip-update-claim-success"));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-whole-checkout", citation: CITATIONS.contract });
    expect(result.message).toMatch(/the session is Open: a success that did not take effect$/);
  });

  it("the reference integration's checkout updates, then completes, and reports the ids learned", async () => {
    sandbox.reset();
    const { sessions } = sandbox.amazonPay.resources;
    const created = await time.run(() => referenceAdapter.amazonPay!.createCheckoutSession!({ amount: 25, currencyCode: "USD", reference: "whole" }));
    const checkoutSessionId = String(created.status === "succeeded" ? created.data?.checkoutSessionId : "");
    const outcome = await time.run(() => referenceAdapter.amazonPay!.checkout!({ checkoutSessionId, amount: 31.5, currencyCode: "USD" }));
    expect(outcome).toMatchObject({ status: "succeeded", data: { checkoutSessionId, chargePermissionId: expect.any(String), chargeId: expect.any(String), state: "Completed" } });
    expect(sessions.get(checkoutSessionId)).toMatchObject({ state: "Completed", chargeAmount: { amount: "31.50", currencyCode: "USD" } });
    expect(sandbox.journal.entries.map((entry) => entry.operation)).toEqual(["CreateCheckoutSession", "UpdateCheckoutSession", "CompleteCheckoutSession"]);
  });

  it("the reference integration surfaces a failed update and completes nothing", async () => {
    sandbox.reset();
    const outcome = await time.run(() => referenceAdapter.amazonPay!.checkout!({ checkoutSessionId: "S01-0000000-0000000-NOSUCH", amount: 31.5, currencyCode: "USD" }));
    expect(outcome).toMatchObject({ status: "failed", code: "ResourceNotFound" });
    expect(sandbox.journal.entries.map((entry) => entry.operation)).toEqual(["UpdateCheckoutSession"]);
  });
});

describe("the IPN v2 flow", () => {
  const flow = flowOf("flow-ipn-v2");
  const certifyIpn = (adapter: Adapter) => certify(flow, adapter, THOROUGH, 11);

  it.each(["remember", "read-again"] as const)("accepts a duplicate delivery answered from memory or read again: %s", async (duplicates) => {
    expect(await certifyIpn(ipnIntegration(`duplicates: ${duplicates}`, { duplicates }))).toMatchObject({ status: "handled" });
  });

  it("accepts an integration that verifies each SNS envelope's signature, fetching the certificate from SigningCertURL", async () => {
    expect(await certifyIpn(ipnIntegration("verifies SNS signatures", { duplicates: "remember", verifySignatures: true }))).toMatchObject({ status: "handled" });
  });

  it("the same verifying integration hands over the sandbox's envelope once it is tampered with", async () => {
    sandbox.reset();
    const adapter = ipnIntegration("verifies SNS signatures", { duplicates: "remember", verifySignatures: true });
    const message = ipnMessage({ ObjectType: "CHARGE", ObjectId: "S01-0000000-0000000-C000001", ChargePermissionId: "S01-0000000-0000000", NotificationId: "tampered-1", notificationVersion: "v2" });
    const envelope = JSON.parse(snsDelivery(message, "m-1", { signatureVersion: "2" }).body) as Record<string, string>;
    const tampered = { ...envelope, Message: envelope.Message!.replace("CHARGE", "REFUND") };
    const outcome = await time.run(() => adapter.amazonPay!.handleIpn!({ body: JSON.stringify(tampered), headers: {} }));
    expect(outcome).toEqual({ status: "handed-over", reason: "SNS signature: the signature does not match" });
    expect(sandbox.journal.entries.filter((entry) => entry.method === "GET")).toEqual([]);
  });

  it("fails an integration that concludes a state without reading the object", async () => {
    const result = await certifyIpn(ipnIntegration("trusts the message", { duplicates: "remember", reads: "nothing" }));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-ipn-v2", citation: CITATIONS.ipnGetsTheObject });
    expect(result.citation?.quote).toBe("You must make a GET API call for the transaction specified in the message to determine transaction state.");
  });

  it("fails an integration that reads each object once, and answers later notifications of it from memory", async () => {
    const result = await certifyIpn(ipnIntegration("reads once per object", { duplicates: "remember", reads: "once-per-object" }));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-ipn-v2", citation: CITATIONS.ipnGetsTheObject });
    expect(result.message).toMatch(/^received no GET of /);
  });
});

describe("the recurring charges flow", () => {
  const flow = flowOf("flow-recurring-charges");
  const certifyRecurring = (adapter: Adapter) => certify(flow, adapter, THOROUGH, 11);

  it("accepts an integration that waits 30 s and reads a pending charge or refund before reporting it", async () => {
    expect(await certifyRecurring(createReferenceAdapter({ name: "polls pending", amazonPay: { pollPendingAfterMs: 30_000 } }))).toMatchObject({ status: "handled" });
  });

  it("fails an integration that reports a charge left AuthorizationInitiated as paid", async () => {
    const result = await certifyRecurring(createReferenceAdapter({ name: "pending charge as paid", amazonPay: { reportPendingAsFinal: ["Charge"] } }));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-recurring-charges", citation: CITATIONS.pendingCharge });
    expect(result.message).toMatch(/received succeeded while Charge .* is still AuthorizationInitiated/);
  });

  it("fails an integration that reports a refund left RefundInitiated as refunded, though it declines later", async () => {
    const result = await certifyRecurring(createReferenceAdapter({ name: "pending refund as refunded", amazonPay: { reportPendingAsFinal: ["Refund"] } }));
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-recurring-charges", citation: CITATIONS.pendingRefund });
  });

  it("fails an endpoint that answers the IPN of a settled charge without reading it", async () => {
    const reference = createReferenceAdapter({ name: "trusts IPNs" });
    const adapter: Adapter = { ...reference, amazonPay: { ...reference.amazonPay, handleIpn: async () => ({ status: "succeeded", data: { state: "Authorized" } }) } };
    const result = await certifyRecurring(adapter);
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-recurring-charges", citation: CITATIONS.ipnGetsTheObject });
  });
});

describe("the gift-card lifecycle flow", () => {
  const flow = flowOf("flow-gift-card-lifecycle");
  const certifyCards = (onResend: ResendConduct) => certify(flow, giftCardIntegration(`${onResend} after RESEND`, onResend), THOROUGH, 11);

  it.each<ResendConduct>(["retry-same-id", "cancel-then-resend", "hand-over"])("accepts RESEND met by %s", async (onResend) => {
    expect(await certifyCards(onResend)).toMatchObject({ status: "handled" });
  });

  it("fails a re-send with a new id while the original card stands", async () => {
    const result = await certifyCards("resend-new-id");
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-gift-card-lifecycle", citation: CITATIONS.resendCompensation });
    expect(result.message).toMatch(/^re-sent CreateGiftCard with a new creationRequestId \S+ while \S+ was not cancelled/);
  });

  it("fails a success no answer gave: RESEND is not success", async () => {
    const result = await certifyCards("report-success");
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-gift-card-lifecycle", citation: CITATIONS.resendIsNotSuccess });
    expect(result.message).toMatch(/no CreateGiftCard with that id was answered with success/);
  });

  it("fails a failure that leaves the issued card behind: a lost card", async () => {
    const result = await certifyCards("fail");
    expect(result).toMatchObject({ status: "mishandled", rule: "flow-gift-card-lifecycle", citation: CITATIONS.resendCompensation });
    expect(result.message).toMatch(/a lost card$/);
  });
});

describe("a flow's replay command", () => {
  /** What `faultproof certify` reads from the printed command: the key, the seed and the path. */
  function replayOf(result: FlowResult): { key: string; seed: number; path: string } {
    const [, key = "", seed = "", path = ""] = /--only (\S+) --seed (\d+) --replay-path (\S+)$/.exec(result.replay ?? "") ?? [];
    return { key, seed: Number(seed), path };
  }

  // A fresh integration for each certification, as a replay runs in a process of its own.
  it.each<[string, () => Adapter]>([
    ["flow-checkout", () => checkoutIntegration("takes InvalidCheckoutSessionStatus for success", { onInvalidStatus: "assume-success", onAmountMismatch: "surface" })],
    ["flow-whole-checkout", () => wholeCheckoutIntegration("completes with the old amount", "complete-with-old-amount")],
    ["flow-ipn-v2", () => ipnIntegration("reads once per object", { duplicates: "remember", reads: "once-per-object" })],
    ["flow-gift-card-lifecycle", () => giftCardIntegration("takes RESEND for success", "report-success")],
  ])("of %s reproduces the shrunk counterexample it was printed for", async (id, integration) => {
    const flow = flowOf(id);
    const failing = await certify(flow, integration(), THOROUGH, 5);
    expect(failing.status).toBe("mishandled");
    const replay = replayOf(failing);
    expect(replay.key).toBe(`${flow.id}@${flow.operation}`);

    // Another number of runs, as `certify --only` uses the default: a path names its run whatever the count.
    const replayed = await certifyFlow({ flow, world: { sandbox, time, adapter: integration(), objectStates }, runs: 1, seed: replay.seed, path: replay.path });
    expect(replayed).toMatchObject({ status: "mishandled", rule: failing.rule, citation: failing.citation, replay: failing.replay });
    expect(replayed.counterexample?.schedule).toEqual(failing.counterexample?.schedule);
    // Object and notification ids are unique to the process, so a message may name others.
    const unnumbered = (text?: string) => text?.replace(/notification-\d+/g, "notification-N").replace(/-F[0-9A-Z]{6}\b/g, "-F…");
    expect(unnumbered(replayed.message)).toBe(unnumbered(failing.message));
  });

  it("carries the commands' own replay path beside fast-check's: without it, a shrunk run cannot be walked back to", () => {
    expect(formatFlowPath("8:2:1", "V:B")).toBe("8:2:1,commands=V:B");
    expect(parseFlowPath("8:2:1,commands=V:B")).toEqual({ path: "8:2:1", commands: "V:B" });
    expect(parseFlowPath("8:2:1")).toEqual({ path: "8:2:1" });
  });

  it("names what went wrong when a path leads nowhere, instead of certifying another run", async () => {
    const flow = flowOf("flow-checkout");
    const adapter = checkoutIntegration("takes InvalidCheckoutSessionStatus for success", { onInvalidStatus: "assume-success", onAmountMismatch: "surface" });
    await expect(certifyFlow({ flow, world: { sandbox, time, adapter, objectStates }, runs: 1, seed: 5, path: "0:99:99:99" })).rejects.toThrow(/--replay-path 0:99:99:99 with --seed 5 leads to no run of flow-checkout@CompleteCheckoutSession/);
  });
});

describe("the sentences the flows enforce", () => {
  const sources = (parse(readFileSync(new URL("../../spec/sources.yaml", import.meta.url), "utf8")) as { sources: { id: string; title: string; url?: string }[] }).sources;
  const flat = (text: string) => text.replace(/^\s*\*\s?/gm, " ").replace(/\s+/g, " ");
  const contract = flat(["../../README.md", "../adapter.ts"].map((path) => readFileSync(new URL(path, import.meta.url), "utf8")).join("\n"));
  const all: [string, Citation][] = Object.entries({ ...CITATIONS, CONTRACT_NO_OUTCOME, CONTRACT_OUTSIDE });

  it.each(all.filter(([, citation]) => citation.doc === "contract"))("%s is quoted word for word from faultproof's contract", (_name, citation) => {
    expect(contract).toContain(flat(citation.quote));
  });

  // faultproof keeps no copy of Amazon's pages: `faultproof sync <saved page>` checks each quote and its section against the page.
  it.each(Object.entries(CITATIONS).filter(([, citation]) => citation.doc !== "contract"))("%s is checked against its page by faultproof sync", (name, citation) => {
    expect(FLOW_SENTENCES).toContainEqual({ file: "suites/flows/citations.ts", field: `CITATIONS.${name}`, doc: citation.doc, section: citation.section, quote: citation.quote });
  });

  it.each(all.filter(([, citation]) => citation.doc !== "contract"))("%s names its document as spec/sources.yaml does", (_name, citation) => {
    const source = sources.find((entry) => entry.id === citation.doc)!;
    expect({ title: citation.title, url: citation.url }).toEqual({ title: source.title, url: source.url });
  });
});
