/**
 * The real, unmodified npm clients against the sandbox on their default hosts,
 * through both transports (an MSW server, the certification's interceptor): they must succeed and fail exactly as the sandbox tells
 * them. What each client does with an answer (reference section C) is part
 * of what is shown here: the Amazon Pay SDK never retries, the Incentives
 * clients keep or lose the error details.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { IncentivesAPI } from "amazon-incentives-api";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { createManualClock } from "../clock/clock.js";
import type { JournalEntry } from "./journal.js";
import { REDACTED } from "./redact.js";
import { PARTNER_ID } from "./test-support/requests.js";
import { serveThrough, TRANSPORTS } from "./test-support/transports.js";

// The Amazon Pay SDK and amazon-gc ship no types: these are the parts of their APIs the tests use.
const require = createRequire(import.meta.url);

type PayHeaders = Readonly<Record<string, string>>;

interface PayConfig {
  readonly publicKeyId: string;
  readonly privateKey: string;
  readonly region: "us" | "eu" | "jp";
  readonly sandbox?: boolean;
  readonly algorithm?: "AMZN-PAY-RSASSA-PSS" | "AMZN-PAY-RSASSA-PSS-V2";
}

/** The SDK resolves to the whole axios response; callers read `.data`. */
interface PayResponse<T> {
  readonly status: number;
  readonly data: T;
}

interface Money {
  readonly amount: string;
  readonly currencyCode: string;
}

interface CheckoutSession {
  readonly checkoutSessionId: string;
  readonly statusDetails: { readonly state: string };
  readonly paymentDetails: { readonly chargeAmount: Money | null };
  readonly chargePermissionId: string | null;
  readonly chargeId: string | null;
}

interface Charge {
  readonly chargeId: string;
  readonly chargePermissionId: string;
  readonly statusDetails: { readonly state: string };
  readonly captureAmount: Money | null;
}

interface Refund {
  readonly refundId: string;
  readonly chargeId: string;
  readonly statusDetails: { readonly state: string };
}

interface WebStoreClient {
  createCheckoutSession(payload: object, headers: PayHeaders): Promise<PayResponse<CheckoutSession>>;
  getCheckoutSession(checkoutSessionId: string): Promise<PayResponse<CheckoutSession>>;
  updateCheckoutSession(checkoutSessionId: string, payload: object): Promise<PayResponse<CheckoutSession>>;
  completeCheckoutSession(checkoutSessionId: string, payload: object, headers: PayHeaders): Promise<PayResponse<CheckoutSession>>;
  createCharge(payload: object, headers: PayHeaders): Promise<PayResponse<Charge>>;
  captureCharge(chargeId: string, payload: object, headers: PayHeaders): Promise<PayResponse<Charge>>;
  cancelCharge(chargeId: string, payload: object): Promise<PayResponse<Charge>>;
  createRefund(payload: object, headers: PayHeaders): Promise<PayResponse<Refund>>;
}

interface AmazonPaySdk {
  readonly WebStoreClient: new (config: PayConfig) => WebStoreClient;
}

interface AmazonGc {
  createGiftCard(request: {
    readonly amount: number;
    readonly currencyCode: string;
    readonly partnerId: string;
    readonly accessKey: string;
    readonly secretKey: string;
    readonly environment: "sandbox" | "production";
    readonly endpoint: "NA" | "EU" | "FE";
  }): Promise<{ readonly creationRequestId: string; readonly gcId: string; readonly gcClaimCode: string; readonly status: string }>;
}

const AmazonPay = require("@amazonpay/amazon-pay-api-sdk-nodejs") as AmazonPaySdk;
const amazonGc = require("amazon-gc") as AmazonGc;

/** TEST-ONLY keys: the clients sign with them, and the sandbox checks every signature against them. */
const TEST_ACCESS_KEY = { accessKeyId: "AKIAFAULTPROOFEXAMPLE", secretAccessKey: "faultproof/example/secret/access/key/000" } as const;
// A fresh RSA key pair: the SDK signs with the private key, the sandbox verifies with the public one.
const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const PAY_KEY_ID = "SANDBOX-AFAULTPROOFTESTKEY0000";
const LEGACY_PAY_KEY_ID = "AFAULTPROOFLEGACYKEY000000";

// The clients date their signatures with the real clock: the sandbox's starts there, within the skew Amazon allows.
const sandbox = createSandbox({
  clock: createManualClock(Date.now()),
  config: { credentials: { incentives: [TEST_ACCESS_KEY], amazonPay: [PAY_KEY_ID, LEGACY_PAY_KEY_ID].map((publicKeyId) => ({ publicKeyId, publicKey })) } },
});
afterEach(() => sandbox.reset());

/** What a rejected promise rejected with; fails the test if it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected the client to reject, but it resolved with ${inspect(value, { depth: 1 })}`);
    },
    (error: unknown) => error,
  );
}

/** A field of the request body the journal recorded. */
function sentField(options: { entry: JournalEntry | undefined; field: string }): unknown {
  const body = options.entry?.body;
  return typeof body === "object" && body !== null ? Reflect.get(body, options.field) : undefined;
}

/** An axios error as both axios-based clients surface it: the HTTP status and the parsed body are intact. */
function axiosFailure(status: number, data: unknown): Record<string, unknown> {
  return { isAxiosError: true, name: "AxiosError", response: expect.objectContaining({ status, data }) };
}

describe.each(TRANSPORTS)("through $name", (transport) => {
  serveThrough(transport, sandbox);

  describe("@amazonpay/amazon-pay-api-sdk-nodejs against the sandbox", () => {
    // No overrideServiceUrl: MSW intercepts the real host, and the override would set
    // NODE_TLS_REJECT_UNAUTHORIZED=0 for the whole test process (reference C1).
    /** An environment-specific key: the SDK calls `/v2/...`. */
    const client = new AmazonPay.WebStoreClient({ publicKeyId: PAY_KEY_ID, privateKey, region: "us", algorithm: "AMZN-PAY-RSASSA-PSS-V2" });
    /** A legacy key without an environment prefix: with `sandbox: true` the SDK calls `/sandbox/v2/...`; default (V1) algorithm. */
    const legacyClient = new AmazonPay.WebStoreClient({ publicKeyId: LEGACY_PAY_KEY_ID, privateKey, region: "us", sandbox: true });

    /** A key as the SDK README makes them: a UUID without dashes, 32 characters. */
    const idempotencyKey = () => ({ "x-amz-pay-idempotency-key": randomUUID().replace(/-/g, "") });
    const usd = (amount: string): Money => ({ amount, currencyCode: "USD" });
    const sessionRequest = {
      webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/checkout/review" },
      storeId: "amzn1.application-oa2-client.faultproof0000000000000000000",
    };
    const payCalls = (operation: string): readonly JournalEntry[] => sandbox.journal.of(operation);

    /** The buyer has been to Amazon; the merchant sets the amount, as a real checkout does before completing. */
    async function openSession(amount: Money, sdk: WebStoreClient = client): Promise<string> {
      const created = await sdk.createCheckoutSession(sessionRequest, idempotencyKey());
      const id = created.data.checkoutSessionId;
      await sdk.updateCheckoutSession(id, {
        webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/checkout/result" },
        paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: amount },
      });
      return id;
    }

    it("creates, updates and completes a checkout session: Completed, with a charge", async () => {
      const created = await client.createCheckoutSession(sessionRequest, idempotencyKey());
      expect(created.data.statusDetails.state).toBe("Open");
      const id = created.data.checkoutSessionId;

      const updated = await client.updateCheckoutSession(id, { paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("14.00") } });
      expect(updated.data.paymentDetails.chargeAmount).toEqual(usd("14.00"));

      const completed = await client.completeCheckoutSession(id, { chargeAmount: usd("14.00") }, idempotencyKey());
      expect(completed.data.statusDetails.state).toBe("Completed");
      expect(completed.data.chargeId).toEqual(expect.any(String));
      expect(completed.data.chargePermissionId).toEqual(expect.any(String));

      // The SDK's getCheckoutSession JSON.parses shippingAddressList entries; the sandbox's answer survives it.
      const read = await client.getCheckoutSession(id);
      expect(read.data.statusDetails.state).toBe("Completed");
    });

    // The seeds give AmountMismatch and InvalidCheckoutSessionStatus no HTTP status (409 and 422 are the
    // sandbox's configurable defaults), so the status expected is the one the sandbox is configured to send.
    it("rejects a complete whose amount differs from the session's with an AxiosError carrying AmountMismatch", async () => {
      const id = await openSession(usd("14.00"));
      const error = await rejectionOf(client.completeCheckoutSession(id, { chargeAmount: usd("15.00") }, idempotencyKey()));
      expect(error).toMatchObject(axiosFailure(sandbox.amazonPay.statusOf("AmountMismatch"), expect.objectContaining({ reasonCode: "AmountMismatch" })));
      // The session is still open: the right amount completes it.
      const completed = await client.completeCheckoutSession(id, { chargeAmount: usd("14.00") }, idempotencyKey());
      expect(completed.data.statusDetails.state).toBe("Completed");
    });

    it("rejects completing a Completed session with InvalidCheckoutSessionStatus", async () => {
      const id = await openSession(usd("14.00"));
      await client.completeCheckoutSession(id, { chargeAmount: usd("14.00") }, idempotencyKey());
      // A new key: with the first key the saved success would be replayed (see the idempotency tests).
      const error = await rejectionOf(client.completeCheckoutSession(id, { chargeAmount: usd("14.00") }, idempotencyKey()));
      expect(error).toMatchObject(axiosFailure(sandbox.amazonPay.statusOf("InvalidCheckoutSessionStatus"), expect.objectContaining({ reasonCode: "InvalidCheckoutSessionStatus" })));
    });

    // The SDK declares RETRIES=3 with backoff for 408/425/429/5xx, but its retryLogic tests `statusCode` on a
    // Promise, so a retry never fires (reference C1). The promise rejects after one request; had a retry run,
    // it would have reached the sandbox's normal (successful) behaviour and resolved.
    it.each([
      { code: "ServiceUnavailable", status: 503 },
      { code: "TooManyRequests", status: 429 },
      { code: "InternalServerError", status: 500 },
    ])("gives up after exactly one request on $code ($status): the built-in retry never fires", async ({ code, status }) => {
      sandbox.enqueue("CreateCheckoutSession", { kind: "error", code });
      const error = await rejectionOf(client.createCheckoutSession(sessionRequest, idempotencyKey()));
      expect(error).toMatchObject(axiosFailure(status, { reasonCode: code, message: expect.any(String) }));
      expect(payCalls("CreateCheckoutSession")).toHaveLength(1);
      expect(payCalls("CreateCheckoutSession")[0]?.response).toMatchObject({ status, code, by: "fault" });
    });

    it("surfaces a gateway's HTML 503 page as a string in err.response.data, after one request", async () => {
      sandbox.enqueue("CreateCheckoutSession", { kind: "gateway-html", status: 503 });
      const error = await rejectionOf(client.createCheckoutSession(sessionRequest, idempotencyKey()));
      expect(error).toMatchObject(axiosFailure(503, expect.stringContaining("503 Service Temporarily Unavailable")));
      expect(payCalls("CreateCheckoutSession")).toHaveLength(1);
    });

    it("replays the saved response for the same idempotency key and body, without creating a second session", async () => {
      const headers = idempotencyKey();
      const first = await client.createCheckoutSession(sessionRequest, headers);
      const again = await client.createCheckoutSession(sessionRequest, headers);
      expect(again.status).toBe(first.status);
      expect(again.data).toEqual(first.data);
      expect(payCalls("CreateCheckoutSession")).toHaveLength(2);
      expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
    });

    it("rejects the same idempotency key with a different body with DuplicateIdempotencyKey (400)", async () => {
      const headers = idempotencyKey();
      await client.createCheckoutSession(sessionRequest, headers);
      const different = { ...sessionRequest, webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/another/review" } };
      const error = await rejectionOf(client.createCheckoutSession(different, headers));
      expect(error).toMatchObject(axiosFailure(400, expect.objectContaining({ reasonCode: "DuplicateIdempotencyKey" })));
      expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
    });

    it("serves both URL forms: /v2/ for a SANDBOX- key, /sandbox/v2/ for a legacy key with sandbox: true", async () => {
      const modern = await client.createCheckoutSession(sessionRequest, idempotencyKey());
      const legacy = await legacyClient.createCheckoutSession(sessionRequest, idempotencyKey());
      expect(modern.data.statusDetails.state).toBe("Open");
      expect(legacy.data.statusDetails.state).toBe("Open");
      expect(payCalls("CreateCheckoutSession").map((entry) => new URL(entry.url).pathname)).toEqual(["/v2/checkoutSessions", "/sandbox/v2/checkoutSessions"]);
    });

    it("runs a legacy-key checkout to completion on /sandbox/v2/", async () => {
      const id = await openSession(usd("20.00"), legacyClient);
      const completed = await legacyClient.completeCheckoutSession(id, { chargeAmount: usd("20.00") }, idempotencyKey());
      expect(completed.data.statusDetails.state).toBe("Completed");
      expect(sandbox.journal.entries.every((entry) => new URL(entry.url).pathname.startsWith("/sandbox/v2/"))).toBe(true);
    });

    it("captures and refunds the charge an Authorize checkout created", async () => {
      const id = await openSession(usd("30.00"));
      const completed = await client.completeCheckoutSession(id, { chargeAmount: usd("30.00") }, idempotencyKey());
      const chargeId = completed.data.chargeId;
      if (chargeId === null) throw new Error("a completed Authorize checkout has a charge");

      const captured = await client.captureCharge(chargeId, { captureAmount: usd("30.00"), softDescriptor: "FAULTPROOF" }, idempotencyKey());
      expect(captured.data.statusDetails.state).toBe("Captured");
      expect(captured.data.captureAmount).toEqual(usd("30.00"));

      const refund = await client.createRefund({ chargeId, refundAmount: usd("10.00") }, idempotencyKey());
      expect(refund.data).toMatchObject({ chargeId, statusDetails: { state: "RefundInitiated" } });
    });

    it("creates a charge on the permission of a Confirm checkout, captures it and refunds", async () => {
      const created = await client.createCheckoutSession(sessionRequest, idempotencyKey());
      const id = created.data.checkoutSessionId;
      await client.updateCheckoutSession(id, { paymentDetails: { paymentIntent: "Confirm", chargeAmount: usd("42.00") } });
      const completed = await client.completeCheckoutSession(id, { chargeAmount: usd("42.00") }, idempotencyKey());
      // Confirm: the buyer's consent only, no charge yet.
      expect(completed.data.chargeId).toBeNull();
      const chargePermissionId = completed.data.chargePermissionId;
      if (chargePermissionId === null) throw new Error("a completed checkout has a charge permission");

      const charge = await client.createCharge({ chargePermissionId, chargeAmount: usd("42.00"), captureNow: false }, idempotencyKey());
      expect(charge.data).toMatchObject({ chargePermissionId, statusDetails: { state: "Authorized" } });
      const captured = await client.captureCharge(charge.data.chargeId, { captureAmount: usd("42.00") }, idempotencyKey());
      expect(captured.data.statusDetails.state).toBe("Captured");

      const refund = await client.createRefund({ chargeId: charge.data.chargeId, refundAmount: usd("42.00") }, idempotencyKey());
      expect(refund.data).toMatchObject({ chargeId: charge.data.chargeId, statusDetails: { state: "RefundInitiated" } });
    });

    it("cancels an authorized charge: a DELETE with a JSON body, as the SDK sends it", async () => {
      const id = await openSession(usd("12.00"));
      const completed = await client.completeCheckoutSession(id, { chargeAmount: usd("12.00") }, idempotencyKey());
      if (completed.data.chargeId === null) throw new Error("a completed Authorize checkout has a charge");
      const canceled = await client.cancelCharge(completed.data.chargeId, { cancellationReason: "Out of stock" });
      expect(canceled.data.statusDetails.state).toBe("Canceled");
      expect(sandbox.journal.of("CancelCharge")[0]).toMatchObject({ method: "DELETE", body: { cancellationReason: "Out of stock" } });
    });

    it("sends what the SDK signs, and the journal keeps no signature", async () => {
      await client.createCheckoutSession(sessionRequest, idempotencyKey());
      const [entry] = payCalls("CreateCheckoutSession");
      expect(entry?.headers).toMatchObject({
        authorization: `AMZN-PAY-RSASSA-PSS-V2 ${REDACTED}`,
        "x-amz-pay-host": "pay-api.amazon.com",
        "x-amz-pay-region": "na",
        "x-amz-pay-idempotency-key": expect.stringMatching(/^[0-9a-f]{32}$/),
        "x-amz-pay-date": expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      });
      expect(JSON.stringify(sandbox.journal.entries)).not.toMatch(/Signature=/);
    });
  });

  describe("amazon-incentives-api against the sandbox", () => {
    // aws4 signs with the test key; the sandbox checks the SigV4 signature as AGCOD does.
    const agcod = new IncentivesAPI({
      partnerId: PARTNER_ID,
      ...TEST_ACCESS_KEY,
      endpoint: IncentivesAPI.Endpoint.NorthAmericaSandbox,
    });
    const requestId = (suffix: string) => `${PARTNER_ID}${suffix}`;
    // No source gives the HTTP status of an F-code error (reference A9; the sandbox's default is 400): the
    // client must surface whatever non-2xx status the sandbox answered.
    const answered = (operation: string) => sandbox.journal.of(operation)[0]?.response.status ?? 0;

    it("creates a gift card for a request id that starts with the partnerId", async () => {
      const card = await agcod.createGiftCard({ creationRequestId: requestId("Card0001"), currencyCode: "USD", amount: 25 });
      expect(card).toMatchObject({ creationRequestId: requestId("Card0001"), status: "SUCCESS", cardInfo: { cardStatus: "Fulfilled", value: { amount: 25, currencyCode: "USD" } } });
      expect(card.gcId).toEqual(expect.any(String));
      expect(card.gcClaimCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{6}-[A-Z0-9]{4}$/);
    });

    it("returns the same card for the same creationRequestId (the documented retry)", async () => {
      const first = await agcod.createGiftCard({ creationRequestId: requestId("Retry0001"), currencyCode: "USD", amount: 25 });
      const retry = await agcod.createGiftCard({ creationRequestId: requestId("Retry0001"), currencyCode: "USD", amount: 25 });
      expect(retry.gcId).toBe(first.gcId);
      expect(retry.gcClaimCode).toBe(first.gcClaimCode);
      expect(sandbox.journal.of("CreateGiftCard")).toHaveLength(2);
    });

    it("throws the raw AxiosError for mock code F3003: InsufficientFunds, status FAILURE", async () => {
      const error = await rejectionOf(agcod.createGiftCard({ creationRequestId: "F3003", currencyCode: "USD", amount: 25 }));
      expect(sandbox.journal.of("CreateGiftCard")[0]?.response).toMatchObject({ code: "InsufficientFunds", by: "mock-code" });
      expect(answered("CreateGiftCard")).toBeGreaterThanOrEqual(400);
      expect(error).toMatchObject(axiosFailure(answered("CreateGiftCard"), expect.objectContaining({ errorCode: "F300", errorType: "InsufficientFunds", agcodResponse: expect.objectContaining({ status: "FAILURE" }) })));
    });

    it("throws the raw AxiosError for mock code F4000 with agcodResponse.status RESEND, which the client does not act on", async () => {
      const error = await rejectionOf(agcod.createGiftCard({ creationRequestId: "F4000", currencyCode: "USD", amount: 25 }));
      expect(answered("CreateGiftCard")).toBeGreaterThanOrEqual(400);
      expect(error).toMatchObject(axiosFailure(answered("CreateGiftCard"), expect.objectContaining({ errorCode: "F400", errorType: "SystemTemporarilyUnavailable", agcodResponse: expect.objectContaining({ status: "RESEND" }) })));
      // No retry: the caller must resend with the same creationRequestId itself.
      expect(sandbox.journal.of("CreateGiftCard")).toHaveLength(1);
    });

    // Whether AGCOD accepts a cancel without gcId is UNVERIFIED (reference E); this sandbox accepts it.
    it("cancels a card although the client sends no gcId, and the same id then returns the refunded card", async () => {
      const card = await agcod.createGiftCard({ creationRequestId: requestId("Cancel0001"), currencyCode: "USD", amount: 10 });
      const cancelled = await agcod.cancelGiftCard(requestId("Cancel0001"));
      expect(cancelled).toMatchObject({ creationRequestId: requestId("Cancel0001"), status: "SUCCESS" });
      expect(sandbox.journal.of("CancelGiftCard")[0]?.body).toEqual({ creationRequestId: requestId("Cancel0001"), partnerId: PARTNER_ID });

      const again = await agcod.createGiftCard({ creationRequestId: requestId("Cancel0001"), currencyCode: "USD", amount: 10 });
      expect(again).toMatchObject({ gcId: card.gcId, cardInfo: { cardStatus: "RefundedToPurchaser" } });
    });

    it("reads the available funds: 0 on a sandbox account", async () => {
      const funds = await agcod.getAvailableFunds();
      expect(funds).toMatchObject({ status: "SUCCESS", availableFunds: { amount: 0, currencyCode: "USD" } });
      expect(funds.timestamp).toMatch(/^\d{8}T\d{6}Z$/);
    });

    it("sends x-amz-target with the client's stray './', and the journal redacts its SigV4 Authorization", async () => {
      await agcod.createGiftCard({ creationRequestId: requestId("Target0001"), currencyCode: "USD", amount: 5 });
      const [entry] = sandbox.journal.of("CreateGiftCard");
      expect(entry?.headers["x-amz-target"]).toBe("com.amazonaws.agcod.AGCODService./CreateGiftCard");
      expect(entry?.headers.authorization).toBe(`AWS4-HMAC-SHA256 ${REDACTED}`);
      expect(JSON.stringify(entry?.headers)).not.toMatch(/Credential=|Signature=|AKIAFAULTPROOF/);
    });
  });

  describe("amazon-gc against the sandbox", () => {
    // amazon-gc console.logs every AxiosError, request headers and Authorization included: keep it off the test output.
    let log: MockInstance<typeof console.log>;
    beforeEach(() => {
      log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    });
    afterEach(() => {
      log.mockRestore();
    });

    const request = {
      amount: 10,
      currencyCode: "USD",
      partnerId: PARTNER_ID,
      accessKey: TEST_ACCESS_KEY.accessKeyId,
      secretKey: TEST_ACCESS_KEY.secretAccessKey,
      environment: "sandbox",
      endpoint: "NA",
    } as const;

    it("creates a gift card on the NA sandbox host with a request id it makes up itself", async () => {
      const card = await amazonGc.createGiftCard(request);
      expect(card.status).toBe("SUCCESS");
      expect(card.creationRequestId.startsWith(PARTNER_ID)).toBe(true);
      const [entry] = sandbox.journal.of("CreateGiftCard");
      expect(new URL(entry?.url ?? "").host).toBe("agcod-v2-gamma.amazon.com");
      expect(entry?.headers["x-amz-target"]).toBe("com.amazonaws.agcod.AGCODService.CreateGiftCard");
      expect(entry?.body).toMatchObject({ creationRequestId: card.creationRequestId, partnerId: PARTNER_ID });
    });

    it("throws an Error that has lost the errorType, the RESEND status and the request id of the answer", async () => {
      sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F4000" });
      const error = await rejectionOf(amazonGc.createGiftCard(request));

      // The sandbox answered a documented, retry-able error...
      const [entry] = sandbox.journal.of("CreateGiftCard");
      expect(entry?.response).toMatchObject({ code: "SystemTemporarilyUnavailable", by: "fault" });
      // ...but the caller gets only the stringified AxiosError: no body, errorType, RESEND flag or request id.
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toHaveProperty("response");
      const message = error instanceof Error ? error.message : "";
      expect(message).toBe(`Error: Request failed with status code ${entry?.response.status ?? "?"}`);
      expect(message).not.toMatch(/SystemTemporarilyUnavailable|F400|RESEND/);
      const sentId = sentField({ entry, field: "creationRequestId" });
      expect(sentId).toEqual(expect.stringMatching(new RegExp(`^${PARTNER_ID}`)));
      expect(message).not.toContain(String(sentId));

      // And it printed the AxiosError, signed Authorization header included, with console.log.
      expect(log).toHaveBeenCalledTimes(1);
      expect(inspect(log.mock.calls[0]?.[0], { depth: 4 })).toMatch(/AWS4-HMAC-SHA256 Credential=AKIAFAULTPROOFEXAMPLE/);
    });
  });
});
