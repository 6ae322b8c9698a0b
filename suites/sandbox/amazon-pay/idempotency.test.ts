import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../../generated/sandbox.js";
import { createManualClock } from "../../clock/clock.js";
import { startSandboxServer } from "../server.js";
import { outcome } from "../test-support/answers.js";
import { expectPayError, openSession, pay, SANDBOX_BASE, SESSION_REQUEST, TEN, withKey } from "../test-support/pay-requests.js";

/*
 * Idempotency as seed 002 words it: "Subsequent requests using the same key
 * will return the saved response of the first request." The first answer
 * under a key, an error as much as a success, is replayed to the same
 * request; "the same" compares bodies as JSON values; the same key on another
 * request is DuplicateIdempotencyKey (seed 000); keys are "stored
 * indefinitely" (reference B4 [DOC]). Signatures are another test's subject.
 */

const clock = createManualClock();
const sandbox = createSandbox({ clock, config: { verifySignatures: false } });
const server = startSandboxServer(sandbox);
afterEach(() => sandbox.reset());
afterAll(() => server.close());

const DUPLICATE = "The IdempotencyKey that you have specified in this request was already used in a different request, and cannot be reused";

describe("the same request is the same JSON value, whatever the order of its keys or its spacing", () => {
  // What a client that re-serialises a retry from a map sends: the same members, in another order.
  const reordered = `{"paymentDetails":{"chargeAmount":{"currencyCode":"USD","amount":"10.00"},"canHandlePendingAuthorization":false,"paymentIntent":"Authorize"},"storeId":"${SESSION_REQUEST.storeId}","webCheckoutDetails":{"checkoutReviewReturnUrl":"${SESSION_REQUEST.webCheckoutDetails.checkoutReviewReturnUrl}"}}`;
  it.each<[string, { given: string; want: "replay" | "DuplicateIdempotencyKey" }]>([
    ["the same text is the same request", { given: JSON.stringify(SESSION_REQUEST), want: "replay" }],
    ["the keys in another order, at every depth, is the same request", { given: reordered, want: "replay" }],
    ["the same JSON pretty-printed is the same request", { given: JSON.stringify(SESSION_REQUEST, null, 2), want: "replay" }],
    ["another amount is another request", { given: JSON.stringify({ ...SESSION_REQUEST, paymentDetails: { ...SESSION_REQUEST.paymentDetails, chargeAmount: { amount: "11.00", currencyCode: "USD" } } }), want: "DuplicateIdempotencyKey" }],
    // "10.00" and 10 are different JSON values.
    ["the amount as a number instead of a string is another request", { given: JSON.stringify({ ...SESSION_REQUEST, paymentDetails: { ...SESSION_REQUEST.paymentDetails, chargeAmount: { amount: 10, currencyCode: "USD" } } }), want: "DuplicateIdempotencyKey" }],
    ["a field more is another request", { given: JSON.stringify({ ...SESSION_REQUEST, platformId: "SPID" }), want: "DuplicateIdempotencyKey" }],
  ])("%s", async (_, { given, want }) => {
    const first = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0001") });
    expect(first.status).toBe(201);
    const second = await pay("POST", "checkoutSessions", { raw: given, headers: withKey("order-0001") });
    if (want === "replay") {
      expect(second.status).toBe(201);
      expect(second.text).toBe(first.text);
    } else {
      expectPayError(second, { status: 400, reasonCode: "DuplicateIdempotencyKey", message: DUPLICATE });
    }
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
  });

  it("the path forms /sandbox/v2/ and /v2/ name the same request", async () => {
    const first = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0002") });
    const second = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0002"), base: SANDBOX_BASE.replace("/sandbox", "") });
    expect(second.text).toBe(first.text);
  });

  it("another simulation asked for under the same key is another request", async () => {
    const id = await openSession();
    expect((await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: withKey("complete-1") })).status).toBe(200);
    const simulated = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: { ...withKey("complete-1"), "x-amz-pay-simulation-code": "Declined" } });
    expectPayError(simulated, { status: 400, reasonCode: "DuplicateIdempotencyKey" });
  });
});

describe("the first answer under a key is replayed, an error as much as a success (seed 002)", () => {
  it("a retry of a completed Complete Checkout Session gets its success again, not InvalidCheckoutSessionStatus", async () => {
    const id = await openSession();
    const first = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: withKey("complete-2") });
    expect(first.status).toBe(200);
    const retry = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: withKey("complete-2") });
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    // A new request (a new key) is told the truth: the session is Completed.
    expectPayError(await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } }), { status: 422, reasonCode: "InvalidCheckoutSessionStatus" });
    expect(sandbox.amazonPay.resources.charges.size).toBe(1);
  });

  it("AmountMismatch is replayed under its key even once the session's amount is updated; a new key completes", async () => {
    const id = await openSession();
    const twelve = { amount: "12.00", currencyCode: "USD" };
    const mismatch = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: twelve }, headers: withKey("complete-3") });
    expectPayError(mismatch, { status: 409, reasonCode: "AmountMismatch" });
    expect((await pay("PATCH", `checkoutSessions/${id}`, { body: { paymentDetails: { chargeAmount: twelve } } })).status).toBe(200);
    const replayed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: twelve }, headers: withKey("complete-3") });
    expect(replayed.status).toBe(409);
    expect(replayed.text).toBe(mismatch.text);
    // The journal names the replayed code, as the client saw it.
    expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: 409, code: "AmountMismatch", by: "sandbox" });
    const fresh = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: twelve }, headers: withKey("complete-4") });
    expect(fresh.status, fresh.text).toBe(200);
  });

  it("a request refused for its body is replayed too: MissingParameterValue", async () => {
    const first = await pay("POST", "refunds", { body: { chargeId: "C01-0000000-0000000" }, headers: withKey("refund-1") });
    expectPayError(first, { status: 400, reasonCode: "MissingParameterValue" });
    const again = await pay("POST", "refunds", { body: { chargeId: "C01-0000000-0000000" }, headers: withKey("refund-1") });
    expect(again.text).toBe(first.text);
    expectPayError(await pay("POST", "refunds", { body: { chargeId: "C01-0000000-0000000", refundAmount: TEN }, headers: withKey("refund-1") }), { status: 400, reasonCode: "DuplicateIdempotencyKey" });
  });

  it("a request refused for its headers is not saved: the key is free for the corrected request", async () => {
    const refused = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: { ...withKey("order-0003"), "x-amz-pay-date": null } });
    expectPayError(refused, { status: 400, reasonCode: "MissingHeaderValue" });
    expect((await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0003") })).status).toBe(201);
  });

  it("a scheduled fault is not saved: each attempt gets what the schedule says, then the service's answer is saved", async () => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "error", code: "InvalidParameterValue" }, { kind: "error", code: "ServiceUnavailable" });
    expect((await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0004") })).status).toBe(400);
    expect((await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0004") })).status).toBe(503);
    const served = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0004") });
    expect(served.status).toBe(201);
    expect((await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0004") })).text).toBe(served.text);
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
  });

  it("a lost answer (the effect, then a 503) is followed by the saved effect on the retry", async () => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "error", code: "ServiceUnavailable", afterEffect: true });
    expect((await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0005") })).status).toBe(503);
    const retry = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0005") });
    expect(retry.status).toBe(201);
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
    expect(retry.body.checkoutSessionId).toBe([...sandbox.amazonPay.resources.sessions.keys()][0]);
  });

  it("two requests under one key at the same time make one object", async () => {
    const [a, b] = await Promise.all([
      pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0006") }),
      pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0006") }),
    ]);
    expect(b.text).toBe(a.text);
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
  });
});

describe("keys are stored indefinitely (reference B4 [DOC])", () => {
  it("a year later the key still replays its first answer, though the session itself is deleted after 30 days", async () => {
    const first = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0007") });
    clock.advance(365 * 24 * 60 * 60 * 1000);
    const again = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST, headers: withKey("order-0007") });
    expect(again.text).toBe(first.text);
    expectPayError(await pay("GET", `checkoutSessions/${String(first.body.checkoutSessionId)}`), { status: 404, reasonCode: "ResourceNotFound" });
  });
});
