import { expect } from "vitest";
import { readAnswer, type ReadAnswer } from "./answers.js";
import { payHeaders } from "./requests.js";

/**
 * Amazon Pay requests as the official Node SDK sends them (headers of
 * `payHeaders`, a JSON body, `/sandbox/v2/` paths), for tests that walk a
 * checkout through the sandbox. Every POST gets a fresh idempotency key
 * unless the test gives one; a header set to null is left out.
 */
export type HeaderMap = Readonly<Record<string, string | null>>;

export const SANDBOX_BASE = "https://pay-api.amazon.com/sandbox/v2";
/** What the reference integration sends to Create Checkout Session (integrations/reference/amazon-pay-client.ts). */
export const SESSION_REQUEST = {
  webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/checkout/review" },
  storeId: "amzn1.application-oa2-client.faultproofreference000000",
  paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: { amount: "10.00", currencyCode: "USD" } },
} as const;
export const TEN = { amount: "10.00", currencyCode: "USD" } as const;

let serial = 0;
/** A new key of the documented form (at most 32 of [A-Za-z0-9_-]). */
export const freshKey = (): string => `pay-test-${(serial += 1)}`;

export async function pay(method: string, path: string, options: { body?: unknown; raw?: string; headers?: HeaderMap; base?: string } = {}): Promise<ReadAnswer> {
  const merged: Record<string, string | null> = { ...payHeaders(method === "POST" ? { "x-amz-pay-idempotency-key": freshKey() } : {}), ...options.headers };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== null) headers[name] = value;
  const body = options.raw ?? (options.body === undefined ? (method === "GET" ? undefined : "{}") : JSON.stringify(options.body));
  return readAnswer(await fetch(`${options.base ?? SANDBOX_BASE}/${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
}

export const withKey = (key: string): HeaderMap => ({ "x-amz-pay-idempotency-key": key });

/** An Open session with a chargeAmount of 10.00 USD. */
export async function openSession(): Promise<string> {
  const created = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST });
  expect(created.status, created.text).toBe(201);
  return String(created.body.checkoutSessionId);
}

/** A completed session with an Authorized charge of 10.00 USD. */
export async function completedSession(headers?: HeaderMap): Promise<{ sessionId: string; chargePermissionId: string; chargeId: string }> {
  const sessionId = await openSession();
  const completed = await pay("POST", `checkoutSessions/${sessionId}/complete`, { body: { chargeAmount: TEN }, ...(headers ? { headers } : {}) });
  expect(completed.status, completed.text).toBe(200);
  return { sessionId, chargePermissionId: String(completed.body.chargePermissionId), chargeId: String(completed.body.chargeId) };
}

/** The error answer's status and reasonCode, and that its body is `{ reasonCode, message }` (reference B5). */
export function expectPayError(answer: ReadAnswer, want: { status: number; reasonCode: string; message?: string | RegExp }): void {
  expect({ status: answer.status, reasonCode: answer.body.reasonCode }, answer.text).toEqual({ status: want.status, reasonCode: want.reasonCode });
  expect(Object.keys(answer.body).sort()).toEqual(["message", "reasonCode"]);
  if (typeof want.message === "string") expect(answer.body.message).toBe(want.message);
  else if (want.message) expect(answer.body.message).toMatch(want.message);
}
