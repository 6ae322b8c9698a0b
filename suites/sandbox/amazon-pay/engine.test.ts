import { describe, expect, it } from "vitest";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";
import { createSandbox } from "../../../generated/sandbox.js";
import type { Fault } from "../faults.js";
import { outcome, readAnswer, type ReadAnswer } from "../test-support/answers.js";
import { payHeaders } from "../test-support/requests.js";

/*
 * The Amazon Pay API v2 sandbox against the documented rules: seed 000
 * ("Manage errors"), seed 002 (FAQ) and the project reference, section B.
 * Every test talks HTTP through MSW, as a client under test would.
 */

// Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
const { sandbox, server } = sandboxUnderTest();

type Body = Record<string, unknown>;
type HeaderMap = Readonly<Record<string, string | null>>;

const BASE = "https://pay-api.amazon.com/sandbox/v2";
const SESSION: Body = { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.application-oa2-client.TEST" };
const TEN = { amount: "10.00", currencyCode: "USD" };

let serial = 0;
const freshKey = (): string => `key-${(serial += 1)}`;

/**
 * One request as the official Node SDK sends it. A POST gets a fresh
 * idempotency key unless the test gives one; a header set to null is left out.
 */
async function pay(method: string, path: string, options: { body?: unknown; raw?: string; headers?: HeaderMap; base?: string } = {}): Promise<ReadAnswer> {
  const merged: Record<string, string | null> = { ...payHeaders(method === "POST" ? { "x-amz-pay-idempotency-key": freshKey() } : {}), ...options.headers };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== null) headers[name] = value;
  const body = options.raw ?? (options.body === undefined ? (method === "GET" ? undefined : "{}") : JSON.stringify(options.body));
  return readAnswer(await fetch(`${options.base ?? BASE}/${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
}

const key = (value: string): HeaderMap => ({ "x-amz-pay-idempotency-key": value });

async function createSession(): Promise<string> {
  const created = await pay("POST", "checkoutSessions", { body: SESSION });
  expect(created.status).toBe(201);
  return String(created.body.checkoutSessionId);
}

/** An Open session whose chargeAmount was set by Update Checkout Session, as the FAQ (seed 002) tells merchants to. */
async function openSession(paymentIntent = "Authorize", chargeAmount: Body = TEN): Promise<string> {
  const id = await createSession();
  const updated = await pay("PATCH", `checkoutSessions/${id}`, { body: { paymentDetails: { paymentIntent, chargeAmount } } });
  expect(updated.status).toBe(200);
  return id;
}

async function completedSession(paymentIntent = "Authorize"): Promise<{ sessionId: string; chargePermissionId: string; chargeId: string }> {
  const sessionId = await openSession(paymentIntent);
  const completed = await pay("POST", `checkoutSessions/${sessionId}/complete`, { body: { chargeAmount: TEN } });
  expect(completed.status).toBe(200);
  return { sessionId, chargePermissionId: String(completed.body.chargePermissionId), chargeId: String(completed.body.chargeId) };
}

type ChargeState = "Authorized" | "Captured" | "Canceled";

/** A charge of 10.00 USD brought to `state` through the API. */
async function chargeIn(state: ChargeState): Promise<string> {
  const { chargeId } = await completedSession();
  if (state === "Captured") expect((await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: TEN } })).status).toBe(200);
  if (state === "Canceled") expect((await pay("DELETE", `charges/${chargeId}/cancel`, { body: { cancellationReason: "test" } })).status).toBe(200);
  return chargeId;
}

function expectError(answer: ReadAnswer, want: { status: number; reasonCode: string; message?: string | RegExp }): void {
  expect({ status: answer.status, reasonCode: answer.body.reasonCode }).toEqual({ status: want.status, reasonCode: want.reasonCode });
  expect(Object.keys(answer.body).sort()).toEqual(["message", "reasonCode"]);
  if (typeof want.message === "string") expect(answer.body.message).toBe(want.message);
  else if (want.message) expect(answer.body.message).toMatch(want.message);
}

describe("both path forms on every host: /{sandbox|live}/v2/ for legacy keys, /v2/ for environment keys (reference B1)", () => {
  const hosts = ["pay-api.amazon.com", "pay-api.amazon.eu", "pay-api.amazon.jp"];
  const prefixes = ["sandbox/v2", "live/v2", "v2"];
  it.each(hosts.flatMap((host) => prefixes.map((prefix) => [`https://${host}/${prefix}/`, { given: `https://${host}/${prefix}` }] as const)))("%s creates and reads a checkout session", async (_, { given }) => {
    const created = await pay("POST", "checkoutSessions", { body: SESSION, base: given });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ statusDetails: { state: "Open" }, storeId: SESSION.storeId });
    const read = await pay("GET", `checkoutSessions/${String(created.body.checkoutSessionId)}`, { base: given });
    expect(read.status).toBe(200);
    expect(read.body.checkoutSessionId).toBe(created.body.checkoutSessionId);
    expect(sandbox.journal.entries.map((entry) => entry.operation)).toEqual(["CreateCheckoutSession", "GetCheckoutSession"]);
  });
});

describe("POST requires x-amz-pay-idempotency-key: at most 32 characters of [A-Za-z0-9_-] (reference B4)", () => {
  it.each<[string, { given: string | null; want: { status: 201 } | { status: 400; reasonCode: string } }]>([
    ["no key is MissingHeaderValue", { given: null, want: { status: 400, reasonCode: "MissingHeaderValue" } }],
    ["a key of 33 characters is InvalidHeaderValue", { given: "a".repeat(33), want: { status: 400, reasonCode: "InvalidHeaderValue" } }],
    ["a key with '.' is InvalidHeaderValue", { given: "order.1234", want: { status: 400, reasonCode: "InvalidHeaderValue" } }],
    // The SDK README strips the dashes of a UUID because a dashed one is 36 characters.
    ["a dashed UUID (36 characters) is InvalidHeaderValue", { given: "0f8fad5b-d9cb-469f-a165-70867728950e", want: { status: 400, reasonCode: "InvalidHeaderValue" } }],
    ["a key of 32 characters of letters, digits, '_' and '-' is accepted", { given: "Ab_-0123456789abcdefghijklmnopqr", want: { status: 201 } }],
    ["a UUID without dashes is accepted", { given: "0f8fad5bd9cb469fa16570867728950e", want: { status: 201 } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await pay("POST", "checkoutSessions", { body: SESSION, headers: { "x-amz-pay-idempotency-key": given } });
    if (want.status === 201) {
      expect(answer.status).toBe(201);
      return;
    }
    expectError(answer, { ...want, message: /x-amz-pay-idempotency-key/ });
    expect(sandbox.amazonPay.resources.sessions.size).toBe(0);
  });
});

describe("the same idempotency key returns the saved response of the first request (seed 002; reference B4)", () => {
  it("the same key and body answer identically, and only one session exists", async () => {
    const first = await pay("POST", "checkoutSessions", { body: SESSION, headers: key("same-key") });
    const second = await pay("POST", "checkoutSessions", { body: SESSION, headers: key("same-key") });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.body.checkoutSessionId).toBe(first.body.checkoutSessionId);
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
  });

  const duplicate = "The IdempotencyKey that you have specified in this request was already used in a different request, and cannot be reused";
  it.each<[string, { given: { method: string; path: string; body: Body } }]>([
    ["the same key with another body is DuplicateIdempotencyKey", { given: { method: "POST", path: "checkoutSessions", body: { ...SESSION, storeId: "amzn1.application-oa2-client.OTHER" } } }],
    // Keys are unique per merchant account, not per operation.
    ["the same key on another operation is DuplicateIdempotencyKey", { given: { method: "POST", path: "refunds", body: { chargeId: "C01-0000000-0000000", refundAmount: TEN } } }],
  ])("%s", async (_, { given }) => {
    expect((await pay("POST", "checkoutSessions", { body: SESSION, headers: key("same-key") })).status).toBe(201);
    const second = await pay(given.method, given.path, { body: given.body, headers: key("same-key") });
    expectError(second, { status: 400, reasonCode: "DuplicateIdempotencyKey", message: duplicate });
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
  });

  // A scheduled fault is never saved (README, idempotency): the retry under the same key reaches the service.
  it.each<[string, { given: Fault; want: number }]>([
    ["a 503 ServiceUnavailable", { given: { kind: "error", code: "ServiceUnavailable" }, want: 503 }],
    ["a 500 InternalServerError", { given: { kind: "error", code: "InternalServerError" }, want: 500 }],
    ["a 429 TooManyRequests", { given: { kind: "error", code: "TooManyRequests" }, want: 429 }],
    ["a 502 gateway page", { given: { kind: "gateway-html", status: 502 }, want: 502 }],
  ])("after %s, a retry with the same key reaches the service", async (_, { given, want }) => {
    sandbox.enqueue("CreateCheckoutSession", given);
    const failed = await pay("POST", "checkoutSessions", { body: SESSION, headers: key("retry-key") });
    expect(failed.status).toBe(want);
    expect(sandbox.amazonPay.resources.sessions.size).toBe(0);
    const retried = await pay("POST", "checkoutSessions", { body: SESSION, headers: key("retry-key") });
    expect(retried.status).toBe(201);
    expect(sandbox.amazonPay.resources.sessions.size).toBe(1);
    expect(sandbox.journal.entries.map((entry) => entry.response.by)).toEqual(["fault", "sandbox"]);
    // And from now on the key replays that success.
    const replayed = await pay("POST", "checkoutSessions", { body: SESSION, headers: key("retry-key") });
    expect(replayed.text).toBe(retried.text);
  });
});

describe("required headers and a JSON body (seed 000)", () => {
  it.each<[string, { given: { method: string; path: string; headers: HeaderMap; raw?: string }; want: { status: number; reasonCode: string } }]>([
    ["POST without authorization is MissingHeaderValue", { given: { method: "POST", path: "checkoutSessions", headers: { authorization: null } }, want: { status: 400, reasonCode: "MissingHeaderValue" } }],
    ["POST without x-amz-pay-date is MissingHeaderValue", { given: { method: "POST", path: "checkoutSessions", headers: { "x-amz-pay-date": null } }, want: { status: 400, reasonCode: "MissingHeaderValue" } }],
    ["GET without authorization is MissingHeaderValue", { given: { method: "GET", path: "checkoutSessions/S01-0000000-0000000", headers: { authorization: null } }, want: { status: 400, reasonCode: "MissingHeaderValue" } }],
    ["GET without x-amz-pay-date is MissingHeaderValue", { given: { method: "GET", path: "checkoutSessions/S01-0000000-0000000", headers: { "x-amz-pay-date": null } }, want: { status: 400, reasonCode: "MissingHeaderValue" } }],
    ["an authorization that is no Amazon Pay signature is InvalidRequestSignature", { given: { method: "POST", path: "checkoutSessions", headers: { authorization: "Bearer abc" } }, want: { status: 403, reasonCode: "InvalidRequestSignature" } }],
    ["a body that is not JSON is InvalidRequestFormat", { given: { method: "POST", path: "checkoutSessions", headers: {}, raw: '{"storeId":' }, want: { status: 400, reasonCode: "InvalidRequestFormat" } }],
    ["a JSON array body is InvalidRequestFormat", { given: { method: "POST", path: "checkoutSessions", headers: {}, raw: "[]" }, want: { status: 400, reasonCode: "InvalidRequestFormat" } }],
    ["a PATCH body that is not JSON is InvalidRequestFormat", { given: { method: "PATCH", path: "checkoutSessions/S01-0000000-0000000", headers: {}, raw: "not json" }, want: { status: 400, reasonCode: "InvalidRequestFormat" } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await pay(given.method, given.path, { headers: given.headers, ...(given.raw === undefined ? { body: SESSION } : { raw: given.raw }) });
    expectError(answer, want);
    expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: want.status, code: want.reasonCode, by: "sandbox" });
  });
});

describe("routing: unknown ids are 404, a known path with the wrong method 405 RequestNotSupported, an unknown path 405 UnsupportedOperation (seed 000)", () => {
  it.each<[string, { given: { method: string; path: string; body?: Body } }]>([
    ["Get Checkout Session", { given: { method: "GET", path: "checkoutSessions/S01-0000000-0000000" } }],
    ["Update Checkout Session", { given: { method: "PATCH", path: "checkoutSessions/S01-0000000-0000000", body: { paymentDetails: { chargeAmount: TEN } } } }],
    ["Complete Checkout Session", { given: { method: "POST", path: "checkoutSessions/S01-0000000-0000000/complete", body: { chargeAmount: TEN } } }],
    ["Get Charge Permission", { given: { method: "GET", path: "chargePermissions/P01-0000000-0000000" } }],
    ["Close Charge Permission", { given: { method: "DELETE", path: "chargePermissions/P01-0000000-0000000/close", body: { closureReason: "test" } } }],
    ["Get Charge", { given: { method: "GET", path: "charges/C01-0000000-0000000" } }],
    ["Capture Charge", { given: { method: "POST", path: "charges/C01-0000000-0000000/capture", body: { captureAmount: TEN } } }],
    ["Cancel Charge", { given: { method: "DELETE", path: "charges/C01-0000000-0000000/cancel", body: { cancellationReason: "test" } } }],
    ["Create Charge on an unknown charge permission", { given: { method: "POST", path: "charges", body: { chargePermissionId: "P01-0000000-0000000", chargeAmount: TEN } } }],
    ["Create Refund on an unknown charge", { given: { method: "POST", path: "refunds", body: { chargeId: "C01-0000000-0000000", refundAmount: TEN } } }],
    ["Get Refund", { given: { method: "GET", path: "refunds/R01-0000000-0000000" } }],
    // An id no client would send is still just an id that does not exist.
    ["Get Checkout Session (an id with a broken percent-escape)", { given: { method: "GET", path: "checkoutSessions/S01-%E0%A4%A" } }],
  ])("%s with an unknown id is 404 ResourceNotFound", async (_, { given }) => {
    const answer = await pay(given.method, given.path, given.body === undefined ? {} : { body: given.body });
    expectError(answer, { status: 404, reasonCode: "ResourceNotFound" });
  });

  it.each<[string, { given: { method: string; path: string }; want: { reasonCode: "RequestNotSupported" | "UnsupportedOperation"; operation?: undefined } }]>([
    ["PUT on a checkout session", { given: { method: "PUT", path: "checkoutSessions/S01-0000000-0000000" }, want: { reasonCode: "RequestNotSupported" } }],
    ["DELETE on a checkout session", { given: { method: "DELETE", path: "checkoutSessions/S01-0000000-0000000" }, want: { reasonCode: "RequestNotSupported" } }],
    ["GET on complete", { given: { method: "GET", path: "checkoutSessions/S01-0000000-0000000/complete" }, want: { reasonCode: "RequestNotSupported" } }],
    ["GET on the checkout session collection", { given: { method: "GET", path: "checkoutSessions" }, want: { reasonCode: "RequestNotSupported" } }],
    ["POST on a charge's cancel (it is a DELETE)", { given: { method: "POST", path: "charges/C01-0000000-0000000/cancel" }, want: { reasonCode: "RequestNotSupported" } }],
    ["an unknown resource", { given: { method: "GET", path: "nothingHere" }, want: { reasonCode: "UnsupportedOperation" } }],
    ["a path too deep for any operation", { given: { method: "GET", path: "checkoutSessions/S01-0000000-0000000/complete/again" }, want: { reasonCode: "UnsupportedOperation" } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await pay(given.method, given.path, given.method === "GET" ? {} : { body: {} });
    expectError(answer, { status: 405, reasonCode: want.reasonCode });
    expect(sandbox.journal.entries.at(-1)?.operation).toBeUndefined();
  });

  // Seed 000: InvalidAPIVersion (400), "You have either attempted to use an unsupported API version …".
  it.each<[string, { given: string; want: { status: number; reasonCode: string } }]>([
    ["another API version (/v1/) is 400 InvalidAPIVersion", { given: "https://pay-api.amazon.com/v1/checkoutSessions", want: { status: 400, reasonCode: "InvalidAPIVersion" } }],
    ["another API version under /sandbox/ (/sandbox/v1/) is 400 InvalidAPIVersion", { given: "https://pay-api.amazon.com/sandbox/v1/checkoutSessions", want: { status: 400, reasonCode: "InvalidAPIVersion" } }],
    ["a later API version (/v3/) is 400 InvalidAPIVersion", { given: "https://pay-api.amazon.com/v3/checkoutSessions", want: { status: 400, reasonCode: "InvalidAPIVersion" } }],
    ["no version is 405 UnsupportedOperation", { given: "https://pay-api.amazon.com/checkoutSessions", want: { status: 405, reasonCode: "UnsupportedOperation" } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await readAnswer(await fetch(given, { method: "GET", headers: payHeaders() }));
    expectError(answer, want);
    expect(sandbox.journal.entries.at(-1)?.operation).toBeUndefined();
  });
});

describe("checkout session: Open → Completed | Canceled (reference B8; seed 002)", () => {
  it("Open, then Update sets the amount, then Complete with that amount is Completed with a charge permission and a charge", async () => {
    const id = await createSession();
    const open = await pay("GET", `checkoutSessions/${id}`);
    expect(open.body).toMatchObject({ statusDetails: { state: "Open" }, chargePermissionId: null, chargeId: null });
    const updated = await pay("PATCH", `checkoutSessions/${id}`, { body: { paymentDetails: { paymentIntent: "Authorize", chargeAmount: TEN } } });
    expect(updated.body).toMatchObject({ paymentDetails: { paymentIntent: "Authorize", chargeAmount: TEN }, statusDetails: { state: "Open" } });
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ checkoutSessionId: id, statusDetails: { state: "Completed" } });
    expect(completed.body.chargePermissionId).toEqual(expect.stringMatching(/^P/));
    expect(completed.body.chargeId).toEqual(expect.stringMatching(/^C/));
    const charge = await pay("GET", `charges/${String(completed.body.chargeId)}`);
    expect(charge.body).toMatchObject({ chargePermissionId: completed.body.chargePermissionId, chargeAmount: TEN, statusDetails: { state: "Authorized" } });
    const permission = await pay("GET", `chargePermissions/${String(completed.body.chargePermissionId)}`);
    expect(permission.body).toMatchObject({ statusDetails: { state: "Chargeable" } });
  });

  it.each<[string, { given: { sessionAmount: Body; completeAmount: Body; completedBefore?: boolean }; want: { status: number; reasonCode: string } }]>([
    ["Complete with a chargeAmount other than the session's is 409 AmountMismatch", { given: { sessionAmount: TEN, completeAmount: { amount: "12.00", currencyCode: "USD" } }, want: { status: 409, reasonCode: "AmountMismatch" } }],
    ["Complete in another currency is 400 CurrencyMismatch", { given: { sessionAmount: TEN, completeAmount: { amount: "10.00", currencyCode: "EUR" } }, want: { status: 400, reasonCode: "CurrencyMismatch" } }],
    ["Complete on a Completed session is 422 InvalidCheckoutSessionStatus", { given: { sessionAmount: TEN, completeAmount: TEN, completedBefore: true }, want: { status: 422, reasonCode: "InvalidCheckoutSessionStatus" } }],
  ])("%s", async (_, { given, want }) => {
    const id = await openSession("Authorize", given.sessionAmount);
    if (given.completedBefore) expect((await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } })).status).toBe(200);
    // A fresh idempotency key: this is a new request, not a retry of the first.
    const answer = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: given.completeAmount } });
    expectError(answer, want);
    const session = await pay("GET", `checkoutSessions/${id}`);
    expect(session.body).toMatchObject({ statusDetails: { state: given.completedBefore ? "Completed" : "Open" } });
  });

  it("Update on a Completed session is 422 InvalidCheckoutSessionStatus", async () => {
    const { sessionId } = await completedSession();
    const answer = await pay("PATCH", `checkoutSessions/${sessionId}`, { body: { paymentDetails: { chargeAmount: { amount: "1.00", currencyCode: "USD" } } } });
    expectError(answer, { status: 422, reasonCode: "InvalidCheckoutSessionStatus" });
  });
});

describe("sandbox simulations on Complete Checkout Session (reference B7)", () => {
  it.each<[string, { given: string }]>([
    ["BuyerCanceled", { given: "BuyerCanceled" }],
    ["AmazonCanceled", { given: "AmazonCanceled" }],
    ["Declined", { given: "Declined" }],
  ])("%s cancels the session, and a later Complete is InvalidCheckoutSessionStatus", async (_, { given }) => {
    const id = await openSession();
    const simulated = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: { "x-amz-pay-simulation-code": given } });
    // CheckoutSessionCanceled is 422 in one third-party list and 400 in another (reference B5); 422 is the sandbox's default.
    expectError(simulated, { status: 422, reasonCode: "CheckoutSessionCanceled" });
    const session = await pay("GET", `checkoutSessions/${id}`);
    expect(session.body).toMatchObject({ statusDetails: { state: "Canceled", reasonCode: given }, chargePermissionId: null, chargeId: null });
    const later = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } });
    expectError(later, { status: 422, reasonCode: "InvalidCheckoutSessionStatus" });
  });

  it("AuthorizationInitiated completes the session with a charge still AuthorizationInitiated", async () => {
    const id = await openSession();
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: { "x-amz-pay-simulation-code": "AuthorizationInitiated" } });
    expect(completed.body).toMatchObject({ statusDetails: { state: "Completed" } });
    const charge = await pay("GET", `charges/${String(completed.body.chargeId)}`);
    expect(charge.body).toMatchObject({ statusDetails: { state: "AuthorizationInitiated" } });
  });

  it.each<[string, { given: { method: string; path: () => Promise<string>; code: string } }]>([
    ["an unknown value on Complete", { given: { method: "POST", path: async () => `checkoutSessions/${await openSession()}/complete`, code: "NoSuchSimulation" } }],
    ["a Create Charge value on Complete", { given: { method: "POST", path: async () => `checkoutSessions/${await openSession()}/complete`, code: "HardDeclined" } }],
    ["a Complete value on Create Checkout Session", { given: { method: "POST", path: () => Promise.resolve("checkoutSessions"), code: "BuyerCanceled" } }],
  ])("%s is 400 InvalidSandboxSimulationSpecified", async (_, { given }) => {
    const path = await given.path();
    const answer = await pay(given.method, path, { body: path === "checkoutSessions" ? SESSION : { chargeAmount: TEN }, headers: { "x-amz-pay-simulation-code": given.code } });
    expectError(answer, { status: 400, reasonCode: "InvalidSandboxSimulationSpecified" });
  });
});

describe("charges: create, capture, cancel and refund follow the charge's state (reference B6, B8)", () => {
  it.each<[string, { given: { captureNow?: boolean; simulation?: string; closed?: boolean }; want: { status: 201; state: string } | { status: number; reasonCode: string } }]>([
    ["Create Charge on a Chargeable permission is Authorized", { given: {}, want: { status: 201, state: "Authorized" } }],
    ["Create Charge with captureNow is Captured", { given: { captureNow: true }, want: { status: 201, state: "Captured" } }],
    ["Create Charge simulating HardDeclined is 422 HardDeclined", { given: { simulation: "HardDeclined" }, want: { status: 422, reasonCode: "HardDeclined" } }],
    ["Create Charge simulating SoftDeclined is 422 SoftDeclined", { given: { simulation: "SoftDeclined" }, want: { status: 422, reasonCode: "SoftDeclined" } }],
    ["Create Charge simulating AmazonRejected is 422 AmazonRejected", { given: { simulation: "AmazonRejected" }, want: { status: 422, reasonCode: "AmazonRejected" } }],
    ["Create Charge simulating TransactionTimedOut is 422 TransactionTimedOut", { given: { simulation: "TransactionTimedOut" }, want: { status: 422, reasonCode: "TransactionTimedOut" } }],
    ["Create Charge on a Closed permission is 422 InvalidChargePermissionStatus", { given: { closed: true }, want: { status: 422, reasonCode: "InvalidChargePermissionStatus" } }],
  ])("%s", async (_, { given, want }) => {
    const { sessionId, chargePermissionId } = await completedSession("Confirm");
    expect((await pay("GET", `checkoutSessions/${sessionId}`)).body.chargeId).toBeNull();
    if (given.closed) expect((await pay("DELETE", `chargePermissions/${chargePermissionId}/close`, { body: { closureReason: "test" } })).status).toBe(200);
    const answer = await pay("POST", "charges", {
      body: { chargePermissionId, chargeAmount: TEN, ...(given.captureNow ? { captureNow: true } : {}) },
      ...(given.simulation ? { headers: { "x-amz-pay-simulation-code": given.simulation } } : {}),
    });
    if ("state" in want) {
      expect(answer.status).toBe(want.status);
      expect(answer.body).toMatchObject({ chargePermissionId, chargeAmount: TEN, statusDetails: { state: want.state } });
    } else {
      expectError(answer, want);
      expect(sandbox.amazonPay.resources.charges.size).toBe(0);
    }
  });

  it.each<[string, { given: { state: ChargeState; amount?: Body }; want: { status: 200; state: "Captured" } | { status: number; reasonCode: string } }]>([
    ["capturing an Authorized charge makes it Captured", { given: { state: "Authorized" }, want: { status: 200, state: "Captured" } }],
    ["capturing a Captured charge is 422 InvalidChargeStatus", { given: { state: "Captured" }, want: { status: 422, reasonCode: "InvalidChargeStatus" } }],
    ["capturing a Canceled charge is 422 InvalidChargeStatus", { given: { state: "Canceled" }, want: { status: 422, reasonCode: "InvalidChargeStatus" } }],
    ["capturing in another currency is 400 CurrencyMismatch", { given: { state: "Authorized", amount: { amount: "10.00", currencyCode: "EUR" } }, want: { status: 400, reasonCode: "CurrencyMismatch" } }],
  ])("%s", async (_, { given, want }) => {
    const chargeId = await chargeIn(given.state);
    const answer = await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: given.amount ?? TEN } });
    if ("state" in want) {
      expect(answer.status).toBe(want.status);
      expect(answer.body).toMatchObject({ chargeId, captureAmount: TEN, statusDetails: { state: want.state } });
    } else {
      expectError(answer, want);
      expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ statusDetails: { state: given.state } });
    }
  });

  it.each<[string, { given: ChargeState; want: { status: 200; state: "Canceled" } | { status: number; reasonCode: string } }]>([
    ["canceling an Authorized charge makes it Canceled", { given: "Authorized", want: { status: 200, state: "Canceled" } }],
    ["canceling a Captured charge is 422 InvalidChargeStatus", { given: "Captured", want: { status: 422, reasonCode: "InvalidChargeStatus" } }],
    ["canceling a Canceled charge is 422 InvalidChargeStatus", { given: "Canceled", want: { status: 422, reasonCode: "InvalidChargeStatus" } }],
  ])("%s", async (_, { given, want }) => {
    const chargeId = await chargeIn(given);
    const answer = await pay("DELETE", `charges/${chargeId}/cancel`, { body: { cancellationReason: "test" } });
    if ("state" in want) {
      expect(answer.status).toBe(want.status);
      expect(answer.body).toMatchObject({ chargeId, statusDetails: { state: "Canceled", reasonCode: "MerchantCanceled" } });
    } else {
      expectError(answer, want);
    }
  });

  it.each<[string, { given: { state: ChargeState; refunds: readonly Body[] }; want: { status: 201 } | { status: number; reasonCode: string } }]>([
    ["refunding a Captured charge starts a refund", { given: { state: "Captured", refunds: [TEN] }, want: { status: 201 } }],
    ["refunding an Authorized charge is 422 InvalidChargeStatus", { given: { state: "Authorized", refunds: [TEN] }, want: { status: 422, reasonCode: "InvalidChargeStatus" } }],
    ["refunding a Canceled charge is 422 InvalidChargeStatus", { given: { state: "Canceled", refunds: [TEN] }, want: { status: 422, reasonCode: "InvalidChargeStatus" } }],
    ["refunding in another currency is 400 CurrencyMismatch", { given: { state: "Captured", refunds: [{ amount: "10.00", currencyCode: "EUR" }] }, want: { status: 400, reasonCode: "CurrencyMismatch" } }],
    // Reference B8 [DOC]: over-refunds are allowed up to 15% or 75 USD, whichever is less: 11.50 on a 10.00 capture.
    ["refunding up to 15% over the captured amount is allowed", { given: { state: "Captured", refunds: [TEN, { amount: "1.50", currencyCode: "USD" }] }, want: { status: 201 } }],
    ["refunding more than 15% over the captured amount is refused (TransactionAmountExceeded)", { given: { state: "Captured", refunds: [TEN, { amount: "1.51", currencyCode: "USD" }] }, want: { status: 400, reasonCode: "TransactionAmountExceeded" } }],
  ])("%s", async (_, { given, want }) => {
    const chargeId = await chargeIn(given.state);
    let answer: ReadAnswer | undefined;
    for (const [index, refundAmount] of given.refunds.entries()) {
      answer = await pay("POST", "refunds", { body: { chargeId, refundAmount } });
      if (index < given.refunds.length - 1) expect(answer.status).toBe(201);
    }
    if (!answer) throw new Error("no refund sent");
    if ("reasonCode" in want) {
      expectError(answer, want);
    } else {
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ chargeId, refundAmount: given.refunds.at(-1), statusDetails: { state: "RefundInitiated" } });
      const read = await pay("GET", `refunds/${String(answer.body.refundId)}`);
      expect(read.body).toEqual(answer.body);
    }
  });
});

describe("configured statuses: statusOverrides changes the HTTP status of a reason code", () => {
  it.each<[string, { given: { statusOverrides?: Record<string, number> }; want: number }]>([
    ["by default AmountMismatch is 409 (reference B5)", { given: {}, want: 409 }],
    ["statusOverrides { AmountMismatch: 400 } makes it 400", { given: { statusOverrides: { AmountMismatch: 400 } }, want: 400 }],
  ])("%s", async (_, { given, want }) => {
    const configured = createSandbox({ config: { verifySignatures: false, amazonPay: given } });
    // The configured sandbox's handlers take precedence until afterEach resets them.
    server.use(...configured.handlers);
    const id = await openSession();
    const answer = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: { amount: "12.00", currencyCode: "USD" } } });
    expectError(answer, { status: want, reasonCode: "AmountMismatch" });
    expect(outcome(configured.journal.entries.at(-1))).toEqual({ status: want, code: "AmountMismatch", by: "sandbox" });
    expect(sandbox.journal.entries).toHaveLength(0);
  });
});
