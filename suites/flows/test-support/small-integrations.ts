/**
 * Small integrations for the flows' tests, each following the documents in
 * one allowed way or breaking one sentence. They talk HTTP to the sandbox as
 * a team's code would (plain fetch; no retries, since the flows answer no
 * transient failure) and say in their names what they do.
 */
import type { Adapter, AdapterOutcome } from "../../adapter.js";
import { verifySnsEnvelope } from "../../sandbox/test-support/sns-verifier.js";
import { PARTNER_ID, payHeaders, postIncentives } from "../../sandbox/test-support/requests.js";

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

// Process-wide, as random keys would be: no two logical requests share one.
let serial = 0;

async function amazonPay(method: string, path: string, body?: unknown): Promise<Answer> {
  const key = method === "POST" ? { "x-amz-pay-idempotency-key": `flowtest${(serial += 1)}` } : {};
  const response = await fetch(`https://pay-api.amazon.com/sandbox/v2/${path}`, { method, headers: payHeaders(key), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const stateIn = (answer: Answer) => (answer.body.statusDetails as { state?: string } | undefined)?.state;
const reasonCode = (answer: Answer) => String(answer.body.reasonCode);

export interface CheckoutConduct {
  /** After InvalidCheckoutSessionStatus: read the session and conclude from its state, surface the code, hand over, or take it for success unread. */
  readonly onInvalidStatus: "read-the-session" | "surface" | "hand-over" | "assume-success";
  /** After AmountMismatch: surface it, or update the session to the amount asked and complete again. */
  readonly onAmountMismatch: "surface" | "update-and-complete";
}

export function checkoutIntegration(name: string, conduct: CheckoutConduct): Adapter {
  const chargeAmount = (amount: number, currencyCode: string) => ({ amount: amount.toFixed(2), currencyCode });
  const update = (id: string, amount: number, currencyCode: string) => amazonPay("PATCH", `checkoutSessions/${id}`, { paymentDetails: { chargeAmount: chargeAmount(amount, currencyCode) } });
  const complete = (id: string, amount: number, currencyCode: string) => amazonPay("POST", `checkoutSessions/${id}/complete`, { chargeAmount: chargeAmount(amount, currencyCode) });
  return {
    name,
    amazonPay: {
      async updateCheckoutSession({ checkoutSessionId, amount, currencyCode }) {
        const answer = await update(checkoutSessionId, amount, currencyCode);
        return ok(answer) ? { status: "succeeded", data: { checkoutSessionId, state: stateIn(answer) } } : { status: "failed", code: reasonCode(answer) };
      },
      async completeCheckoutSession({ checkoutSessionId, amount, currencyCode }): Promise<AdapterOutcome> {
        let answer = await complete(checkoutSessionId, amount, currencyCode);
        if (!ok(answer) && reasonCode(answer) === "AmountMismatch" && conduct.onAmountMismatch === "update-and-complete") {
          await update(checkoutSessionId, amount, currencyCode);
          answer = await complete(checkoutSessionId, amount, currencyCode);
        }
        if (ok(answer)) return { status: "succeeded", data: { checkoutSessionId, state: stateIn(answer) } };
        const code = reasonCode(answer);
        if (code !== "InvalidCheckoutSessionStatus") return { status: "failed", code };
        switch (conduct.onInvalidStatus) {
          case "read-the-session": {
            const state = stateIn(await amazonPay("GET", `checkoutSessions/${checkoutSessionId}`));
            return state === "Completed" ? { status: "succeeded", data: { checkoutSessionId, state } } : { status: "failed", code, message: `the session is ${state}` };
          }
          case "surface":
            return { status: "failed", code };
          case "hand-over":
            return { status: "handed-over", code, reason: "completing a finished session" };
          case "assume-success":
            return { status: "succeeded", data: { checkoutSessionId } };
        }
      },
    },
  };
}

/** How an integration checks a buyer out with the final total, the session having been created with an earlier one. */
export type WholeCheckoutConduct =
  /** Updates the session to the final total, then completes it with that total (seed 002). */
  | "update-then-complete"
  /** Updates the session to the final total, then completes it with the amount the session had before the update. */
  | "complete-with-old-amount"
  /** Completes with the final total without updating the session first. */
  | "skip-update"
  /** Never updates, and completes with the amount the session holds: Amazon completes it, at the wrong total. */
  | "complete-with-session-amount"
  /** Completes with the final total without updating, and reports success whatever Amazon answered. */
  | "skip-update-claim-success";

const chargeAmountOf = (answer: Answer) => (answer.body.paymentDetails as { chargeAmount?: { amount?: string } } | undefined)?.chargeAmount?.amount;

export function wholeCheckoutIntegration(name: string, conduct: WholeCheckoutConduct): Adapter {
  const chargeAmount = (amount: number, currencyCode: string) => ({ amount: amount.toFixed(2), currencyCode });
  return {
    name,
    amazonPay: {
      async checkout({ checkoutSessionId, amount, currencyCode }): Promise<AdapterOutcome> {
        let completeAmount = amount;
        if (conduct === "complete-with-old-amount" || conduct === "complete-with-session-amount") {
          const read = await amazonPay("GET", `checkoutSessions/${checkoutSessionId}`);
          if (!ok(read)) return { status: "failed", code: reasonCode(read) };
          completeAmount = Number(chargeAmountOf(read));
        }
        const updates = conduct === "update-then-complete" || conduct === "complete-with-old-amount";
        if (updates) {
          const updated = await amazonPay("PATCH", `checkoutSessions/${checkoutSessionId}`, { paymentDetails: { chargeAmount: chargeAmount(amount, currencyCode) } });
          if (!ok(updated)) return { status: "failed", code: reasonCode(updated) };
        }
        const answer = await amazonPay("POST", `checkoutSessions/${checkoutSessionId}/complete`, { chargeAmount: chargeAmount(completeAmount, currencyCode) });
        if (!ok(answer) && conduct !== "skip-update-claim-success") return { status: "failed", code: reasonCode(answer) };
        return { status: "succeeded", data: { checkoutSessionId, chargePermissionId: answer.body.chargePermissionId, chargeId: answer.body.chargeId, state: stateIn(answer) } };
      },
    },
  };
}

export interface IpnConduct {
  /** A redelivered NotificationId: answer from memory, or read the object again. */
  readonly duplicates: "remember" | "read-again";
  /** Verify an SNS envelope's signature (the certificate fetched from SigningCertURL) and hand over what fails. */
  readonly verifySignatures?: boolean;
  /** What is read: the object the IPN names (as documented), only the first IPN of each object, or nothing (trusting the message). */
  readonly reads?: "each-notification" | "once-per-object" | "nothing";
}

export function ipnIntegration(name: string, conduct: IpnConduct): Adapter {
  const concluded = new Map<string, AdapterOutcome>();
  const byObject = new Map<string, AdapterOutcome>();
  return {
    name,
    amazonPay: {
      async handleIpn({ body }) {
        const outer = JSON.parse(body) as Record<string, unknown>;
        const sns = typeof outer.Message === "string";
        if (sns && conduct.verifySignatures) {
          const verified = await verifySnsEnvelope(body);
          if (!verified.ok) return { status: "handed-over", reason: `SNS signature: ${verified.problem}` };
        }
        const message = (sns ? JSON.parse(String(outer.Message)) : outer) as Record<string, string>;
        const { ObjectType: objectType = "", ObjectId: objectId = "", NotificationId: notificationId = "" } = message;
        const earlier = concluded.get(notificationId) ?? (conduct.reads === "once-per-object" ? byObject.get(objectId) : undefined);
        if (earlier && conduct.duplicates === "remember") return earlier;
        if (conduct.reads === "nothing") return { status: "succeeded", data: { objectType, objectId, state: objectType === "CHARGE" ? "Captured" : "Chargeable" } };
        const path = objectType === "CHARGE" ? `charges/${objectId}` : `chargePermissions/${objectId}`;
        const answer = await amazonPay("GET", path);
        const outcome: AdapterOutcome = ok(answer) ? { status: "succeeded", data: { objectType, objectId, state: stateIn(answer) } } : { status: "failed", code: reasonCode(answer) };
        concluded.set(notificationId, outcome);
        byObject.set(objectId, outcome);
        return outcome;
      },
    },
  };
}

/** How an integration meets RESEND (F400) on CreateGiftCard. */
export type ResendConduct =
  /** Retries with the same creationRequestId: Amazon answers the card already issued. */
  | "retry-same-id"
  /** Cancels the original id, then re-sends with a new one (seed 003). */
  | "cancel-then-resend"
  /** Hands the case to a person. */
  | "hand-over"
  /** Re-sends with a new id, the original standing. */
  | "resend-new-id"
  /** Takes RESEND for success. */
  | "report-success"
  /** Reports a failure and forgets the id. */
  | "fail";

export function giftCardIntegration(name: string, onResend: ResendConduct): Adapter {
  let ids = 0;
  const newId = () => `${PARTNER_ID}flow${(ids += 1)}`;
  const agcod = async (operation: string, body: Record<string, unknown>): Promise<Answer> => {
    const response = await postIncentives({ operation, body: { partnerId: PARTNER_ID, ...body }, format: "json" });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const create = (creationRequestId: string, amount: number, currencyCode: string) => agcod("CreateGiftCard", { creationRequestId, value: { amount, currencyCode } });
  const delivered = (answer: Answer): AdapterOutcome => ({ status: "succeeded", data: { creationRequestId: answer.body.creationRequestId, gcId: answer.body.gcId } });
  const isResend = (answer: Answer) => (answer.body.agcodResponse as { status?: string } | undefined)?.status === "RESEND";
  return {
    name,
    incentives: {
      async createGiftCard({ amount, currencyCode }) {
        const id = newId();
        const answer = await create(id, amount, currencyCode);
        if (ok(answer)) return delivered(answer);
        const code = String(answer.body.errorType);
        if (!isResend(answer)) return { status: "failed", code };
        switch (onResend) {
          case "retry-same-id": {
            const again = await create(id, amount, currencyCode);
            return ok(again) ? delivered(again) : { status: "handed-over", code, reason: "RESEND persisted" };
          }
          case "cancel-then-resend": {
            const cancelled = await agcod("CancelGiftCard", { creationRequestId: id });
            if (!ok(cancelled) && cancelled.body.errorType !== "OrderNotFound") return { status: "handed-over", code, reason: `could not cancel ${id}` };
            const again = await create(newId(), amount, currencyCode);
            return ok(again) ? delivered(again) : { status: "handed-over", code, reason: "RESEND persisted" };
          }
          case "hand-over":
            return { status: "handed-over", code, reason: `RESEND for ${id}` };
          case "resend-new-id": {
            const again = await create(newId(), amount, currencyCode);
            return ok(again) ? delivered(again) : { status: "failed", code };
          }
          case "report-success":
            return { status: "succeeded", data: { creationRequestId: id } };
          case "fail":
            return { status: "failed", code };
        }
      },
      async cancelGiftCard({ creationRequestId }) {
        const answer = await agcod("CancelGiftCard", { creationRequestId });
        return ok(answer) ? { status: "succeeded", data: { creationRequestId } } : { status: "failed", code: String(answer.body.errorType) };
      },
    },
  };
}
