import { stableHash } from "../stable-hash.js";
import { DEFAULT_PAY_EXPIRY, settleCharge, settleSession, type PayExpiry } from "./expiry.js";
import { isRecord, money, type Charge, type ChargePermission, type CheckoutSession, type Money, type Refund } from "./objects.js";
import { chargeBody, permissionBody, refundBody, sessionBody } from "./views.js";

/** What one operation did: a success body, or a reason code with a message. */
export type PayOutcome =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly code: string; readonly message?: string };

const fail = (code: string, message?: string): PayOutcome => ({ ok: false, code, ...(message ? { message } : {}) });
const ok = (body: Record<string, unknown>): PayOutcome => ({ ok: true, body });

/**
 * The Amazon Pay sandbox's objects and their states (reference B8): a
 * checkout session goes Open → Completed | Canceled; completing creates a
 * charge permission and, unless the intent is Confirm, a charge. Time moves
 * them too (expiry.ts): an object is brought up to the clock when touched.
 */
export class PayResources {
  readonly sessions = new Map<string, CheckoutSession>();
  readonly permissions = new Map<string, ChargePermission>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  #serial = 0;

  constructor(private readonly expiry: PayExpiry = DEFAULT_PAY_EXPIRY) {}

  clear(): void {
    this.sessions.clear();
    this.permissions.clear();
    this.charges.clear();
    this.refunds.clear();
    this.#serial = 0;
  }

  #id(prefix: string): string {
    this.#serial += 1;
    const n = stableHash(`${prefix}${this.#serial}`).toString(36).toUpperCase();
    return `${prefix}01-${String(this.#serial).padStart(7, "0")}-${n.padStart(7, "0")}`;
  }

  run(options: { operation: string; params: Readonly<Record<string, string>>; body: Record<string, unknown>; now: number; simulation?: string }): PayOutcome {
    const { params, body, now } = options;
    switch (options.operation) {
      case "CreateCheckoutSession":
        return this.#createSession(body, now);
      case "GetCheckoutSession":
        return this.#withSession(params.checkoutSessionId, now, (s) => ok(sessionBody(s)));
      case "UpdateCheckoutSession":
        return this.#withSession(params.checkoutSessionId, now, (s) => this.#updateSession(s, body));
      case "CompleteCheckoutSession":
        return this.#withSession(params.checkoutSessionId, now, (s) => this.#completeSession(s, body, now, options.simulation));
      case "FinalizeCheckoutSession":
        return this.#withSession(params.checkoutSessionId, now, (s) => (s.state === "Open" ? ok(sessionBody(s)) : fail("InvalidCheckoutSessionStatus")));
      case "GetChargePermission":
        return this.#withPermission(params.chargePermissionId, (p) => ok(permissionBody(p)));
      case "UpdateChargePermission":
        return this.#withPermission(params.chargePermissionId, (p) => ok(permissionBody(p)));
      case "CloseChargePermission":
        return this.#withPermission(params.chargePermissionId, (p) => {
          p.state = "Closed";
          p.reasonCode = options.simulation === "AmazonClosed" ? "AmazonClosed" : "MerchantClosed";
          p.updated = now;
          return ok(permissionBody(p));
        });
      case "CreateCharge":
        return this.#createCharge(body, now, options.simulation);
      case "GetCharge":
      case "UpdateCharge":
        return this.#withCharge(params.chargeId, now, (c) => ok(chargeBody(c)));
      case "CaptureCharge":
        return this.#withCharge(params.chargeId, now, (c) => this.#capture(c, body, now));
      case "CancelCharge":
        return this.#withCharge(params.chargeId, now, (c) => {
          if (c.state !== "Authorized" && c.state !== "AuthorizationInitiated") return fail("InvalidChargeStatus", `Charge is in ${c.state} state`);
          c.state = "Canceled";
          c.reasonCode = "MerchantCanceled";
          c.pendingUntil = null;
          c.updated = now;
          return ok(chargeBody(c));
        });
      case "CreateRefund":
        return this.#createRefund(body, now);
      case "GetRefund": {
        const refund = this.refunds.get(params.refundId ?? "");
        return refund ? ok(refundBody(refund)) : fail("ResourceNotFound", `Refund ${params.refundId} not found`);
      }
      default:
        return fail("UnsupportedOperation");
    }
  }

  #withSession(id: string | undefined, now: number, then: (session: CheckoutSession) => PayOutcome): PayOutcome {
    const session = this.sessions.get(id ?? "");
    if (session && settleSession({ session, now, expiry: this.expiry }) === "deleted") this.sessions.delete(session.id);
    else if (session) return then(session);
    return fail("ResourceNotFound", `CheckoutSession ${id} not found`);
  }

  #withPermission(id: string | undefined, then: (permission: ChargePermission) => PayOutcome): PayOutcome {
    const permission = this.permissions.get(id ?? "");
    return permission ? then(permission) : fail("ResourceNotFound", `ChargePermission ${id} not found`);
  }

  #withCharge(id: string | undefined, now: number, then: (charge: Charge) => PayOutcome): PayOutcome {
    const charge = this.charges.get(id ?? "");
    if (!charge) return fail("ResourceNotFound", `Charge ${id} not found`);
    settleCharge({ charge, now, expiry: this.expiry });
    return then(charge);
  }

  #createSession(body: Record<string, unknown>, now: number): PayOutcome {
    if (!isRecord(body.webCheckoutDetails)) return fail("MissingParameterValue", "webCheckoutDetails is missing");
    if (typeof body.storeId !== "string" || body.storeId === "") return fail("MissingParameterValue", "storeId is missing");
    const details = isRecord(body.paymentDetails) ? body.paymentDetails : {};
    const amount = money(details.chargeAmount);
    if (amount === "invalid") return fail("InvalidParameterValue", "paymentDetails.chargeAmount is invalid");
    const session: CheckoutSession = {
      id: this.#id("S"),
      state: "Open",
      reasonCode: null,
      chargeAmount: amount ?? null,
      paymentIntent: typeof details.paymentIntent === "string" ? details.paymentIntent : "Authorize",
      chargePermissionId: null,
      chargeId: null,
      created: now,
      updated: now,
      request: body,
    };
    this.sessions.set(session.id, session);
    return ok(sessionBody(session));
  }

  #updateSession(session: CheckoutSession, body: Record<string, unknown>): PayOutcome {
    if (session.state !== "Open") return fail("InvalidCheckoutSessionStatus", `CheckoutSession is in ${session.state} state`);
    if (isRecord(body.paymentDetails)) {
      const amount = money(body.paymentDetails.chargeAmount);
      if (amount === "invalid") return fail("InvalidParameterValue", "paymentDetails.chargeAmount is invalid");
      if (amount) session.chargeAmount = amount;
      if (typeof body.paymentDetails.paymentIntent === "string") session.paymentIntent = body.paymentDetails.paymentIntent;
    }
    return ok(sessionBody(session));
  }

  #completeSession(session: CheckoutSession, body: Record<string, unknown>, now: number, simulation: string | undefined): PayOutcome {
    const amount = money(body.chargeAmount);
    if (amount === undefined) return fail("MissingParameterValue", "chargeAmount is missing");
    if (amount === "invalid") return fail("InvalidParameterValue", "chargeAmount is invalid");
    // Seed 002: completing a Completed or Canceled session is InvalidCheckoutSessionStatus.
    if (session.state !== "Open") return fail("InvalidCheckoutSessionStatus", `CheckoutSession is in ${session.state} state`);
    if (session.chargeAmount && session.chargeAmount.currencyCode !== amount.currencyCode) return fail("CurrencyMismatch");
    // Seed 002: the complete request's chargeAmount must match the session's.
    if (!session.chargeAmount || Number(session.chargeAmount.amount) !== Number(amount.amount)) {
      return fail("AmountMismatch", "The chargeAmount does not match the CheckoutSession chargeAmount");
    }
    if (simulation === "BuyerCanceled" || simulation === "AmazonCanceled" || simulation === "Declined") {
      session.state = "Canceled";
      session.reasonCode = simulation;
      session.updated = now;
      return fail("CheckoutSessionCanceled", `CheckoutSession was canceled: ${simulation}`);
    }
    const permission: ChargePermission = { id: this.#id("P"), state: "Chargeable", reasonCode: null, limit: amount, created: now, updated: now };
    this.permissions.set(permission.id, permission);
    session.chargePermissionId = permission.id;
    if (session.paymentIntent !== "Confirm") {
      const pending = simulation === "AuthorizationInitiated";
      const charge = this.#newCharge({ permission, amount, now, capture: session.paymentIntent === "AuthorizeWithCapture", pending, pendingMs: this.expiry.pendingAuthorizationMs });
      session.chargeId = charge.id;
    }
    session.state = "Completed";
    session.updated = now;
    return ok(sessionBody(session));
  }

  /** `pending`: AuthorizationInitiated, Authorized `pendingMs` later (never when undefined). */
  #newCharge(options: { permission: ChargePermission; amount: Money; now: number; capture: boolean; pending: boolean; pendingMs?: number }): Charge {
    const { now, pending } = options;
    const charge: Charge = {
      id: this.#id("C"),
      chargePermissionId: options.permission.id,
      state: pending ? "AuthorizationInitiated" : options.capture ? "Captured" : "Authorized",
      reasonCode: null,
      amount: options.amount,
      captured: options.capture && !pending ? options.amount : null,
      refunded: 0,
      created: now,
      updated: now,
      authorizedAt: pending ? null : now,
      pendingUntil: pending && options.pendingMs !== undefined ? now + options.pendingMs : null,
    };
    this.charges.set(charge.id, charge);
    return charge;
  }

  #createCharge(body: Record<string, unknown>, now: number, simulation: string | undefined): PayOutcome {
    if (typeof body.chargePermissionId !== "string") return fail("MissingParameterValue", "chargePermissionId is missing");
    const amount = money(body.chargeAmount);
    if (amount === undefined) return fail("MissingParameterValue", "chargeAmount is missing");
    if (amount === "invalid") return fail("InvalidParameterValue", "chargeAmount is invalid");
    const permission = this.permissions.get(body.chargePermissionId);
    if (!permission) return fail("ResourceNotFound", `ChargePermission ${body.chargePermissionId} not found`);
    if (permission.state !== "Chargeable") return fail("InvalidChargePermissionStatus", `ChargePermission is in ${permission.state} state`);
    if (permission.limit.currencyCode !== amount.currencyCode) return fail("CurrencyMismatch");
    if (simulation === "HardDeclined" || simulation === "SoftDeclined" || simulation === "AmazonRejected" || simulation === "TransactionTimedOut") {
      return fail(simulation);
    }
    const charge = this.#newCharge({ permission, amount, now, capture: body.captureNow === true, pending: simulation === "CaptureInitiated" });
    return ok(chargeBody(charge));
  }

  #capture(charge: Charge, body: Record<string, unknown>, now: number): PayOutcome {
    const amount = money(body.captureAmount);
    if (amount === undefined) return fail("MissingParameterValue", "captureAmount is missing");
    if (amount === "invalid") return fail("InvalidParameterValue", "captureAmount is invalid");
    if (charge.state !== "Authorized") return fail("InvalidChargeStatus", `Charge is in ${charge.state} state`);
    if (amount.currencyCode !== charge.amount.currencyCode) return fail("CurrencyMismatch");
    charge.state = "Captured";
    charge.captured = amount;
    charge.updated = now;
    return ok(chargeBody(charge));
  }

  #createRefund(body: Record<string, unknown>, now: number): PayOutcome {
    if (typeof body.chargeId !== "string") return fail("MissingParameterValue", "chargeId is missing");
    const amount = money(body.refundAmount);
    if (amount === undefined) return fail("MissingParameterValue", "refundAmount is missing");
    if (amount === "invalid") return fail("InvalidParameterValue", "refundAmount is invalid");
    const charge = this.charges.get(body.chargeId);
    if (!charge) return fail("ResourceNotFound", `Charge ${body.chargeId} not found`);
    settleCharge({ charge, now, expiry: this.expiry });
    if (charge.state !== "Captured" || !charge.captured) return fail("InvalidChargeStatus", `Charge is in ${charge.state} state`);
    if (amount.currencyCode !== charge.amount.currencyCode) return fail("CurrencyMismatch");
    // Reference B8 (refund page): at most the captured amount plus 15% or 75 USD/GBP/EUR (8,400 JPY), whichever is less.
    const captured = Number(charge.captured.amount);
    const allowance = Math.min(captured * 0.15, charge.amount.currencyCode === "JPY" ? 8400 : 75);
    if (charge.refunded + Number(amount.amount) > captured + allowance + 1e-9) {
      return fail("TransactionAmountExceeded", `Refunds would exceed the captured amount by more than ${allowance.toFixed(2)} ${amount.currencyCode}`);
    }
    charge.refunded += Number(amount.amount);
    const refund: Refund = { id: this.#id("R"), chargeId: charge.id, amount, created: now };
    this.refunds.set(refund.id, refund);
    return ok(refundBody(refund));
  }
}
