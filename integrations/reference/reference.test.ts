/**
 * Smoke test of the reference integration against the sandbox, under virtual
 * time: the happy paths of both APIs and the documented failures the
 * certification checks most (RESEND, throttling, retry budget, final errors).
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import type { AdapterOutcome, AmazonPayAdapter, IncentivesAdapter } from "../../suites/adapter.js";
import { VirtualTime } from "../../suites/clock/virtual-time.js";
import type { JournalEntry } from "../../suites/sandbox/journal.js";
import { startSandboxServer } from "../../suites/sandbox/server.js";
import { createReferenceAdapter, referenceAdapter } from "./index.js";
import { referenceTestCredentials } from "./test-credentials.js";

const time = new VirtualTime();
// The reference signs with its test keys; the sandbox checks every signature against them, as Amazon does.
const sandbox = createSandbox({ clock: time, config: { credentials: referenceTestCredentials } });
const server = startSandboxServer(sandbox);
afterAll(() => server.close());

let adapter = createReferenceAdapter();
beforeEach(() => {
  sandbox.reset();
  adapter = createReferenceAdapter();
});

const incentives = (): Required<IncentivesAdapter> => adapter.incentives as Required<IncentivesAdapter>;
const pay = (): Required<AmazonPayAdapter> => adapter.amazonPay as Required<AmazonPayAdapter>;
const run = (work: () => Promise<AdapterOutcome>): Promise<AdapterOutcome> => time.run(work);

const calls = (operation: string): readonly JournalEntry[] => sandbox.journal.of(operation);
const field = (entry: JournalEntry | undefined, name: string): unknown => (entry?.body as Record<string, unknown> | undefined)?.[name];
const keyOf = (entry: JournalEntry | undefined): string | undefined => entry?.headers["x-amz-pay-idempotency-key"];
/** Waits between consecutive requests, in ms of virtual time. */
const gaps = (entries: readonly JournalEntry[]): number[] => entries.slice(1).map((entry, i) => entry.at - entries[i]!.at);
const dataOf = (outcome: AdapterOutcome): Readonly<Record<string, unknown>> => (outcome.status === "succeeded" ? (outcome.data ?? {}) : {});

const usd = (amount: number) => ({ amount, currencyCode: "USD" });

describe("the reference adapter", () => {
  it("declares its name, both APIs, and the backoff it uses: the documented example spacing over 4 attempts", () => {
    expect(referenceAdapter.name).toBe("faultproof reference integration");
    expect(referenceAdapter.retryPolicy).toEqual({ maxAttempts: 4, delaysMs: [0, 1000, 2000, 4000, 10_000, 30_000] });
    expect(Object.keys(referenceAdapter.incentives ?? {}).sort()).toEqual(["activateGiftCard", "cancelGiftCard", "createGiftCard", "deactivateGiftCard", "loadAmazonBalance", "voidAmazonBalanceLoad"]);
    expect(Object.keys(referenceAdapter.amazonPay ?? {})).toContain("handleIpn");
  });
});

describe("reference Incentives integration", () => {
  it("creates a gift card with a new request id that starts with the partner id", async () => {
    const outcome = await run(() => incentives().createGiftCard({ ...usd(25), reference: "r1" }));
    expect(outcome).toMatchObject({ status: "succeeded", data: { creationRequestId: expect.stringMatching(/^Fproo[0-9a-f]{32}$/), gcId: expect.any(String) } });
    const [create] = calls("CreateGiftCard");
    expect(field(create, "creationRequestId")).toBe(dataOf(outcome).creationRequestId);
    expect(create?.headers["x-amz-target"]).toBe("com.amazonaws.agcod.AGCODService.CreateGiftCard");
    expect(create?.headers.authorization).toBeDefined();

    const second = await run(() => incentives().createGiftCard({ ...usd(25), reference: "r2" }));
    expect(dataOf(second).creationRequestId).not.toBe(dataOf(outcome).creationRequestId);
  });

  it("cancels, activates, deactivates, loads and voids", async () => {
    const created = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    const creationRequestId = String(dataOf(created).creationRequestId);
    expect(await run(() => incentives().cancelGiftCard({ creationRequestId, gcId: String(dataOf(created).gcId) }))).toMatchObject({ status: "succeeded", data: { creationRequestId } });

    const activated = await run(() => incentives().activateGiftCard({ ...usd(10), reference: "r2", cardNumber: "3400000000004400616" }));
    expect(activated).toMatchObject({ status: "succeeded", data: { activationRequestId: expect.stringMatching(/^Fproo/), cardStatus: "Activated" } });
    const activationRequestId = String(dataOf(activated).activationRequestId);
    expect(await run(() => incentives().deactivateGiftCard({ cardNumber: "3400000000004400616", activationRequestId }))).toMatchObject({ status: "succeeded", data: { cardStatus: "Deactivated" } });

    const loaded = await run(() => incentives().loadAmazonBalance({ ...usd(10), reference: "r3", accountId: "amzn1.account.TEST" }));
    expect(loaded).toMatchObject({ status: "succeeded", data: { loadBalanceRequestId: expect.stringMatching(/^Fproo/) } });
    const loadBalanceRequestId = String(dataOf(loaded).loadBalanceRequestId);
    expect(await run(() => incentives().voidAmazonBalanceLoad({ ...usd(10), loadBalanceRequestId, accountId: "amzn1.account.TEST" }))).toMatchObject({ status: "succeeded" });
  });

  it("after RESEND cancels the original request id, then re-sends with a new one", async () => {
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F4000" });
    const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    expect(outcome.status).toBe("succeeded");
    const journal = sandbox.journal.entries.map((entry) => [entry.operation, entry.response.code ?? entry.response.status]);
    expect(journal).toEqual([
      ["CreateGiftCard", "SystemTemporarilyUnavailable"],
      ["CancelGiftCard", "OrderNotFound"],
      ["CreateGiftCard", 200],
    ]);
    const [first, resent] = calls("CreateGiftCard");
    expect(field(calls("CancelGiftCard")[0], "creationRequestId")).toBe(field(first, "creationRequestId"));
    expect(field(resent, "creationRequestId")).not.toBe(field(first, "creationRequestId"));
    expect(dataOf(outcome).creationRequestId).toBe(field(resent, "creationRequestId"));
  });

  it("after RESEND on an activation deactivates the original id first", async () => {
    sandbox.enqueue("ActivateGiftCard", { kind: "error", code: "F4000" });
    const outcome = await run(() => incentives().activateGiftCard({ ...usd(10), reference: "r1", cardNumber: "3400000000004400616" }));
    expect(outcome.status).toBe("succeeded");
    expect(sandbox.journal.entries.map((entry) => entry.operation)).toEqual(["ActivateGiftCard", "DeactivateGiftCard", "ActivateGiftCard"]);
    const [first, resent] = calls("ActivateGiftCard");
    expect(field(calls("DeactivateGiftCard")[0], "activationRequestId")).toBe(field(first, "activationRequestId"));
    expect(field(resent, "activationRequestId")).not.toBe(field(first, "activationRequestId"));
  });

  it("hands over when RESEND persists past the re-sends, every original id undone", async () => {
    sandbox.enqueue("LoadAmazonBalance", ...Array.from({ length: 3 }, () => ({ kind: "error", code: "F4000" }) as const));
    const outcome = await run(() => incentives().loadAmazonBalance({ ...usd(10), reference: "r1", accountId: "amzn1.account.TEST" }));
    expect(outcome).toMatchObject({ status: "handed-over", code: "SystemTemporarilyUnavailable" });
    expect(sandbox.journal.entries.map((entry) => entry.operation)).toEqual(["LoadAmazonBalance", "VoidAmazonBalanceLoad", "LoadAmazonBalance", "VoidAmazonBalanceLoad", "LoadAmazonBalance", "VoidAmazonBalanceLoad"]);
    const loads = calls("LoadAmazonBalance").map((entry) => field(entry, "loadBalanceRequestId"));
    expect(new Set(loads).size).toBe(3);
    expect(calls("VoidAmazonBalanceLoad").map((entry) => field(entry, "loadBalanceRequestId"))).toEqual(loads);
  });

  it("reports F200 as failed with its errorType after exactly one request", async () => {
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F2003" });
    const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    expect(outcome).toMatchObject({ status: "failed", code: "InvalidAmountInput" });
    expect(sandbox.journal.entries).toHaveLength(1);
  });

  it.each([
    ["F3003", "InsufficientFunds"],
    ["F1000", undefined],
    ["F5000", "GeneralError"],
  ])("hands over %s for manual follow-up without retrying", async (mock, code) => {
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: mock });
    const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    const answered = sandbox.journal.entries[0]?.response.code;
    expect(outcome).toMatchObject({ status: "handed-over", code: code ?? answered });
    expect(sandbox.journal.entries).toHaveLength(1);
  });

  it("retries a throttled request with the same id, never sooner than a second later", async () => {
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: "Throttled" }, { kind: "error", code: "Throttled" });
    const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    expect(outcome.status).toBe("succeeded");
    const creates = calls("CreateGiftCard");
    expect(creates.map((entry) => entry.response.code ?? entry.response.status)).toEqual(["ThrottlingException", "ThrottlingException", 200]);
    expect(new Set(creates.map((entry) => field(entry, "creationRequestId"))).size).toBe(1);
    const waits = gaps(creates);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(1000);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
  });

  it("reads the XML ThrottlingException the seed shows", async () => {
    sandbox.enqueue("CancelGiftCard", { kind: "status", status: 400, contentType: "application/xml", body: "<ThrottlingException>\n<Message>Rate exceeded</Message>\n</ThrottlingException>" });
    const created = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    const outcome = await run(() => incentives().cancelGiftCard({ creationRequestId: String(dataOf(created).creationRequestId) }));
    expect(outcome.status).toBe("succeeded");
    expect(gaps(calls("CancelGiftCard"))[0]).toBeGreaterThanOrEqual(1000);
  });

  it("retries network errors with the same id and growing waits, then hands over after 4 attempts", async () => {
    sandbox.enqueue("CreateGiftCard", ...Array.from({ length: 10 }, () => ({ kind: "network-error" }) as const));
    const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    expect(outcome.status).toBe("handed-over");
    const creates = calls("CreateGiftCard");
    expect(creates).toHaveLength(4);
    expect(new Set(creates.map((entry) => field(entry, "creationRequestId"))).size).toBe(1);
    expect(gaps(creates)).toEqual([0, 1000, 2000]);
  });

  it("times out a hung request after 6 s and retries it with the same id", async () => {
    sandbox.enqueue("CreateGiftCard", { kind: "hang" });
    const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
    expect(outcome.status).toBe("succeeded");
    const creates = calls("CreateGiftCard");
    expect(creates).toHaveLength(2);
    expect(creates[0]?.response.status).toBe(0);
    expect(field(creates[1], "creationRequestId")).toBe(field(creates[0], "creationRequestId"));
    expect(time.now() - creates[0]!.at).toBeGreaterThanOrEqual(6000);
  });

  it.each([{ kind: "malformed-body" } as const, { kind: "truncated-body" } as const, { kind: "status", status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" } as const])(
    "never takes an unreadable answer ($kind) for a success: retries the same id",
    async (fault) => {
      sandbox.enqueue("CreateGiftCard", fault);
      const outcome = await run(() => incentives().createGiftCard({ ...usd(10), reference: "r1" }));
      expect(outcome.status).toBe("succeeded");
      const creates = calls("CreateGiftCard");
      expect(creates).toHaveLength(2);
      expect(field(creates[1], "creationRequestId")).toBe(field(creates[0], "creationRequestId"));
    },
  );
});

describe("reference Amazon Pay integration", () => {
  it("runs a checkout: create, update, complete, capture, refund, cancel, close", async () => {
    const created = await run(() => pay().createCheckoutSession({ ...usd(14), reference: "r1" }));
    expect(created).toMatchObject({ status: "succeeded", data: { checkoutSessionId: expect.any(String), state: "Open" } });
    const checkoutSessionId = String(dataOf(created).checkoutSessionId);
    expect(await run(() => pay().updateCheckoutSession({ ...usd(15), checkoutSessionId }))).toMatchObject({ status: "succeeded" });
    const completed = await run(() => pay().completeCheckoutSession({ ...usd(15), checkoutSessionId }));
    expect(completed).toMatchObject({ status: "succeeded", data: { state: "Completed", chargeId: expect.any(String), chargePermissionId: expect.any(String) } });
    const { chargeId, chargePermissionId } = dataOf(completed) as { chargeId: string; chargePermissionId: string };

    expect(await run(() => pay().captureCharge({ ...usd(15), reference: "r2", chargeId }))).toMatchObject({ status: "succeeded", data: { state: "Captured" } });
    expect(await run(() => pay().createRefund({ ...usd(5), reference: "r3", chargeId }))).toMatchObject({ status: "pending", data: { refundId: expect.any(String), state: "RefundInitiated" } });

    const charge = await run(() => pay().createCharge({ ...usd(15), reference: "r4", chargePermissionId, captureNow: false }));
    expect(charge).toMatchObject({ status: "succeeded", data: { state: "Authorized" } });
    expect(await run(() => pay().cancelCharge({ chargeId: String(dataOf(charge).chargeId), reason: "customer request" }))).toMatchObject({ status: "succeeded", data: { state: "Canceled" } });
    expect(await run(() => pay().closeChargePermission({ chargePermissionId, reason: "done" }))).toMatchObject({ status: "succeeded", data: { state: "Closed" } });

    // One key per logical POST, none on PATCH / DELETE.
    const posts = sandbox.journal.entries.filter((entry) => entry.method === "POST");
    expect(new Set(posts.map(keyOf)).size).toBe(posts.length);
    expect(posts.every((entry) => /^[A-Za-z0-9_-]{1,32}$/.test(keyOf(entry) ?? ""))).toBe(true);
    expect(sandbox.journal.entries.filter((entry) => entry.method !== "POST").every((entry) => keyOf(entry) === undefined)).toBe(true);
  });

  async function chargePermission(): Promise<string> {
    const created = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "s" }));
    const checkoutSessionId = String(dataOf(created).checkoutSessionId);
    const completed = await run(() => pay().completeCheckoutSession({ ...usd(20), checkoutSessionId }));
    return String(dataOf(completed).chargePermissionId);
  }

  it("retries 503 with the same idempotency key: immediately, then after a second", async () => {
    const chargePermissionId = await chargePermission();
    sandbox.enqueue("CreateCharge", { kind: "error", code: "ServiceUnavailable" }, { kind: "error", code: "ServiceUnavailable" });
    const outcome = await run(() => pay().createCharge({ ...usd(20), reference: "r1", chargePermissionId, captureNow: false }));
    expect(outcome.status).toBe("succeeded");
    const charges = calls("CreateCharge");
    expect(charges).toHaveLength(3);
    expect(new Set(charges.map(keyOf)).size).toBe(1);
    expect(gaps(charges)).toEqual([0, 1000]);
  });

  it("hands over after 4 attempts when 503 persists", async () => {
    const chargePermissionId = await chargePermission();
    sandbox.enqueue("CreateCharge", ...Array.from({ length: 10 }, () => ({ kind: "error", code: "ServiceUnavailable" }) as const));
    const outcome = await run(() => pay().createCharge({ ...usd(20), reference: "r1", chargePermissionId, captureNow: false }));
    expect(outcome).toMatchObject({ status: "handed-over", code: "ServiceUnavailable" });
    expect(calls("CreateCharge")).toHaveLength(4);
    expect(gaps(calls("CreateCharge"))).toEqual([0, 1000, 2000]);
  });

  it.each([
    { kind: "gateway-html", status: 503 } as const,
    { kind: "status", status: 408 } as const,
    { kind: "network-error" } as const,
    { kind: "error", code: "TooManyRequests" } as const,
    { kind: "error", code: "InternalServerError" } as const,
  ])("retries $kind $status$code and succeeds with the same key", async (fault) => {
    sandbox.enqueue("CreateCheckoutSession", fault);
    const outcome = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "r1" }));
    expect(outcome.status).toBe("succeeded");
    const sessions = calls("CreateCheckoutSession");
    expect(sessions).toHaveLength(2);
    expect(keyOf(sessions[1])).toBe(keyOf(sessions[0]));
  });

  it("never takes a 2xx with an unreadable body for a success", async () => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "malformed-body", status: 201 }, { kind: "truncated-body" });
    const outcome = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "r1" }));
    expect(outcome.status).toBe("succeeded");
    expect(calls("CreateCheckoutSession")).toHaveLength(3);
  });

  it("reports a 400 as failed with its reasonCode after one request", async () => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "error", code: "InvalidParameterValue" });
    const outcome = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "r1" }));
    expect(outcome).toMatchObject({ status: "failed", code: "InvalidParameterValue" });
    expect(sandbox.journal.entries).toHaveLength(1);
  });

  it.each(["UnauthorizedAccess", "InvalidAccountStatus", "InvalidRequestSignature", "TLSVersionNotSupported"])("hands over %s without retrying", async (code) => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "error", code });
    const outcome = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "r1" }));
    expect(outcome).toMatchObject({ status: "handed-over", code });
    expect(sandbox.journal.entries).toHaveLength(1);
  });

  it("reads the session after InvalidCheckoutSessionStatus: Completed is a success, Canceled a failure", async () => {
    const created = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "r1" }));
    const checkoutSessionId = String(dataOf(created).checkoutSessionId);
    const first = await run(() => pay().completeCheckoutSession({ ...usd(20), checkoutSessionId }));
    expect(first.status).toBe("succeeded");
    const again = await run(() => pay().completeCheckoutSession({ ...usd(20), checkoutSessionId }));
    expect(again).toMatchObject({ status: "succeeded", data: { state: "Completed", chargeId: dataOf(first).chargeId } });
    expect(sandbox.journal.entries.map((entry) => [entry.operation, entry.response.code ?? entry.response.status])).toEqual([
      ["CreateCheckoutSession", 201],
      ["CompleteCheckoutSession", 200],
      ["CompleteCheckoutSession", "InvalidCheckoutSessionStatus"],
      ["GetCheckoutSession", 200],
    ]);

    const other = await run(() => pay().createCheckoutSession({ ...usd(20), reference: "r2" }));
    const canceledId = String(dataOf(other).checkoutSessionId);
    Object.assign(sandbox.amazonPay.resources.sessions.get(canceledId)!, { state: "Canceled", reasonCode: "BuyerCanceled" });
    const canceled = await run(() => pay().completeCheckoutSession({ ...usd(20), checkoutSessionId: canceledId }));
    expect(canceled).toMatchObject({ status: "failed", code: "InvalidCheckoutSessionStatus", message: expect.stringContaining("BuyerCanceled") });
    expect(calls("GetCheckoutSession")).toHaveLength(2);
  });

  it("handles an IPN (plain or in an SNS envelope) by reading the object, once per NotificationId", async () => {
    const chargePermissionId = await chargePermission();
    const charge = await run(() => pay().createCharge({ ...usd(20), reference: "r1", chargePermissionId, captureNow: true }));
    const chargeId = String(dataOf(charge).chargeId);
    const message = { MerchantID: "AFAULTPROOF", ObjectType: "CHARGE", ObjectId: chargeId, ChargePermissionId: chargePermissionId, NotificationType: "STATE_CHANGE", NotificationId: "n-1", NotificationVersion: "v2" };
    const headers = { "content-type": "text/plain" };

    const plain = await run(() => pay().handleIpn({ body: JSON.stringify(message), headers }));
    expect(plain).toEqual({ status: "succeeded", data: { objectType: "CHARGE", objectId: chargeId, state: "Captured", notificationId: "n-1", notificationType: "STATE_CHANGE" } });
    expect(calls("GetCharge")).toHaveLength(1);

    const envelope = { Type: "Notification", MessageId: "m-1", TopicArn: "arn:aws:sns:us-east-1:000000000000:A01", Message: JSON.stringify(message), Timestamp: "2026-01-01T00:00:00Z", SignatureVersion: "1" };
    const redelivered = await run(() => pay().handleIpn({ body: JSON.stringify(envelope), headers }));
    expect(redelivered).toMatchObject({ status: "succeeded", data: { objectId: chargeId, state: "Captured", duplicate: true } });
    expect(calls("GetCharge")).toHaveLength(1);

    const permission = await run(() => pay().handleIpn({ body: JSON.stringify({ ...envelope, Message: JSON.stringify({ ...message, ObjectType: "CHARGE_PERMISSION", ObjectId: chargePermissionId, NotificationId: "n-2", NotificationVersion: "V2" }) }), headers }));
    expect(permission).toMatchObject({ status: "succeeded", data: { objectType: "CHARGE_PERMISSION", state: "Chargeable" } });
    expect(calls("GetChargePermission")).toHaveLength(1);

    expect(await run(() => pay().handleIpn({ body: "not json", headers }))).toMatchObject({ status: "handed-over" });
  });
});
