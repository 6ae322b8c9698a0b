import { isRecord, money, type CheckoutSession } from "./objects.js";
import { fail, ok, type PayOutcome } from "./outcome.js";
import { sessionBody } from "./views.js";

/** Create Checkout Session: an Open session, with what the request set of its payment (reference B2, B8). */
export function newSession(options: { readonly id: () => string; readonly body: Record<string, unknown>; readonly now: number }): { readonly ok: true; readonly session: CheckoutSession } | { readonly ok: false; readonly outcome: PayOutcome } {
  const { body, now } = options;
  const refused = (code: string, message: string) => ({ ok: false as const, outcome: fail(code, message) });
  if (!isRecord(body.webCheckoutDetails)) return refused("MissingParameterValue", "webCheckoutDetails is missing");
  if (typeof body.storeId !== "string" || body.storeId === "") return refused("MissingParameterValue", "storeId is missing");
  const details = isRecord(body.paymentDetails) ? body.paymentDetails : {};
  const amount = money(details.chargeAmount);
  if (amount === "invalid") return refused("InvalidParameterValue", "paymentDetails.chargeAmount is invalid");
  const session: CheckoutSession = {
    id: options.id(),
    state: "Open",
    reasonCode: null,
    chargeAmount: amount ?? null,
    paymentIntent: typeof details.paymentIntent === "string" ? details.paymentIntent : "Authorize",
    canHandlePendingAuthorization: details.canHandlePendingAuthorization === true,
    simulatedPaymentMethod: null,
    chargePermissionId: null,
    chargeId: null,
    created: now,
    updated: now,
    request: body,
  };
  return { ok: true, session };
}

/** Update Checkout Session: only an Open session changes (seed 002). */
export function updateSession(session: CheckoutSession, body: Record<string, unknown>): PayOutcome {
  if (session.state !== "Open") return fail("InvalidCheckoutSessionStatus", `CheckoutSession is in ${session.state} state`);
  if (isRecord(body.paymentDetails)) {
    const amount = money(body.paymentDetails.chargeAmount);
    if (amount === "invalid") return fail("InvalidParameterValue", "paymentDetails.chargeAmount is invalid");
    if (amount) session.chargeAmount = amount;
    if (typeof body.paymentDetails.paymentIntent === "string") session.paymentIntent = body.paymentDetails.paymentIntent;
    if (typeof body.paymentDetails.canHandlePendingAuthorization === "boolean") session.canHandlePendingAuthorization = body.paymentDetails.canHandlePendingAuthorization;
  }
  return ok(sessionBody(session));
}
