import { defaultSandboxConfig } from "../config.js";
import { stableHash } from "../stable-hash.js";
import { captureCharge, newCharge, pendingPath, type ChargePath } from "./charges.js";
import { DEFAULT_PAY_EXPIRY, enterChargeState, settleCharge, settleRefund, settleSession, type PayExpiry, type StateChange } from "./expiry.js";
import type { IpnMessage } from "./ipn.js";
import { PayNotifications } from "./notifications.js";
import { money, type Charge, type ChargePermission, type ChargeState, type CheckoutSession, type Refund } from "./objects.js";
import { fail, ok, type PayOutcome } from "./outcome.js";
import { startRefund } from "./refunds.js";
import { newSession, updateSession } from "./sessions.js";
import { isSimulatedPaymentMethod, SIMULATED_PAYMENT_METHODS, type SimulatedOutcome } from "./simulated-payment-methods.js";
import { stateFaultChange, type StateFault } from "./state-fault.js";
import { chargeBody, permissionBody, refundBody, sessionBody } from "./views.js";

export type { PayOutcome } from "./outcome.js";

/** The settings of the sandbox's config (config.ts) the objects read besides `expiry`. */
export interface PayResourceSettings {
  readonly notificationVersion: string;
  readonly pendingPaymentMethodErrorCode: string;
  readonly buyerClosedReason: string;
}

const CANCELING_SIMULATIONS = new Set(["BuyerCanceled", "AmazonCanceled", "Declined"]);

/**
 * The Amazon Pay sandbox's objects and their states (reference B8): a
 * checkout session goes Open → Completed | Canceled; completing creates a
 * charge permission and, unless the intent is Confirm, a charge. Time moves
 * them too (expiry.ts): every object is brought up to the clock before each
 * operation and by `settleAll`, and each change time makes is announced by an
 * IPN in `notifications`, as of the moment it was due.
 */
export class PayResources {
  readonly sessions = new Map<string, CheckoutSession>();
  readonly permissions = new Map<string, ChargePermission>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly notifications: PayNotifications;
  readonly #settings: PayResourceSettings;
  #serial = 0;

  constructor(
    private readonly expiry: PayExpiry = DEFAULT_PAY_EXPIRY,
    settings: Partial<PayResourceSettings> = {},
  ) {
    const { notificationVersion, pendingPaymentMethodErrorCode, buyerClosedReason } = defaultSandboxConfig.amazonPay;
    this.#settings = { notificationVersion, pendingPaymentMethodErrorCode, buyerClosedReason, ...settings };
    this.notifications = new PayNotifications(this.#settings.notificationVersion);
  }

  clear(): void {
    this.sessions.clear();
    this.permissions.clear();
    this.charges.clear();
    this.refunds.clear();
    this.notifications.clear();
    this.#serial = 0;
  }

  /** Brings every object up to `now`, announcing each change of a charge or refund (expiry.ts). */
  settleAll(now: number): void {
    for (const session of [...this.sessions.values()]) {
      if (settleSession({ session, now, expiry: this.expiry }) === "deleted") this.sessions.delete(session.id);
    }
    for (const charge of this.charges.values()) {
      for (const change of settleCharge({ charge, now, expiry: this.expiry })) this.#announce({ objectType: "CHARGE", objectId: charge.id, chargePermissionId: charge.chargePermissionId, change });
    }
    for (const refund of this.refunds.values()) {
      const charge = this.charges.get(refund.chargeId);
      if (!charge) continue;
      for (const change of settleRefund({ refund, charge, now })) this.#announce({ objectType: "REFUND", objectId: refund.id, chargePermissionId: charge.chargePermissionId, change });
    }
  }

  /** The buyer paid with the sandbox card ending `lastFour` (simulated-payment-methods.ts); it acts when the session is completed. */
  useSimulatedPaymentMethod(options: { readonly checkoutSessionId: string; readonly lastFour: string; readonly now: number }): void {
    if (!isSimulatedPaymentMethod(options.lastFour)) throw new Error(`faultproof sandbox: …${options.lastFour} is no simulated payment method (${Object.keys(SIMULATED_PAYMENT_METHODS).join(", ")})`);
    this.settleAll(options.now);
    const session = this.sessions.get(options.checkoutSessionId);
    if (!session) throw new Error(`faultproof sandbox: no checkout session ${options.checkoutSessionId}`);
    if (session.state !== "Open") throw new Error(`faultproof sandbox: checkout session ${session.id} is ${session.state}; a buyer chooses a payment method while it is Open`);
    session.simulatedPaymentMethod = options.lastFour;
  }

  /** The buyer closed the charge permission in their Amazon account: Closed, and an IPN says so. */
  closeChargePermissionAsBuyer(options: { readonly chargePermissionId: string; readonly now: number }): void {
    this.settleAll(options.now);
    const permission = this.permissions.get(options.chargePermissionId);
    if (!permission) throw new Error(`faultproof sandbox: no charge permission ${options.chargePermissionId}`);
    if (permission.state === "Closed") throw new Error(`faultproof sandbox: charge permission ${permission.id} is already Closed`);
    permission.state = "Closed";
    permission.reasonCode = this.#settings.buyerClosedReason;
    permission.updated = options.now;
    this.#announce({ objectType: "CHARGE_PERMISSION", objectId: permission.id, chargePermissionId: permission.id, change: { at: options.now, state: permission.state, reasonCode: permission.reasonCode } });
  }

  #announce(options: { readonly objectType: IpnMessage["ObjectType"]; readonly objectId: string; readonly chargePermissionId: string; readonly change: StateChange }): void {
    const { change } = options;
    this.notifications.record({ objectType: options.objectType, objectId: options.objectId, chargePermissionId: options.chargePermissionId, at: change.at, state: change.state, reasonCode: change.reasonCode });
  }

  #id(prefix: string): string {
    this.#serial += 1;
    const n = stableHash(`${prefix}${this.#serial}`).toString(36).toUpperCase();
    return `${prefix}01-${String(this.#serial).padStart(7, "0")}-${n.padStart(7, "0")}`;
  }

  /** One operation on the objects, brought up to `now` first. `stateFault`: what the object it creates or changes is left in (state-fault.ts). */
  run(options: { operation: string; params: Readonly<Record<string, string>>; body: Record<string, unknown>; now: number; simulation?: string; stateFault?: StateFault }): PayOutcome {
    const { params, body, now, stateFault } = options;
    this.settleAll(now);
    switch (options.operation) {
      case "CreateCheckoutSession":
        return this.#createSession(body, now);
      case "GetCheckoutSession":
        return this.#withSession(params.checkoutSessionId, (s) => ok(sessionBody(s)));
      case "UpdateCheckoutSession":
        return this.#withSession(params.checkoutSessionId, (s) => updateSession(s, body));
      case "CompleteCheckoutSession":
        return this.#withSession(params.checkoutSessionId, (s) => this.#completeSession({ session: s, body, now, simulation: options.simulation, stateFault }));
      case "FinalizeCheckoutSession":
        return this.#withSession(params.checkoutSessionId, (s) => (s.state === "Open" ? ok(sessionBody(s)) : fail("InvalidCheckoutSessionStatus")));
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
        return this.#createCharge({ body, now, simulation: options.simulation, stateFault });
      case "GetCharge":
      case "UpdateCharge":
        return this.#withCharge(params.chargeId, (c) => ok(chargeBody(c)));
      case "CaptureCharge":
        return this.#withCharge(params.chargeId, (c) => captureCharge({ charge: c, body, now, stateFault }));
      case "CancelCharge":
        return this.#withCharge(params.chargeId, (c) => {
          if (c.state !== "Authorized" && c.state !== "AuthorizationInitiated") return fail("InvalidChargeStatus", `Charge is in ${c.state} state`);
          c.settles = null;
          enterChargeState(c, { at: now, state: "Canceled", reasonCode: "MerchantCanceled" });
          return ok(chargeBody(c));
        });
      case "CreateRefund":
        return this.#createRefund({ body, now, stateFault });
      case "GetRefund": {
        const refund = this.refunds.get(params.refundId ?? "");
        return refund ? ok(refundBody(refund)) : fail("ResourceNotFound", `Refund ${params.refundId} not found`);
      }
      default:
        return fail("UnsupportedOperation");
    }
  }

  #withSession(id: string | undefined, then: (session: CheckoutSession) => PayOutcome): PayOutcome {
    const session = this.sessions.get(id ?? "");
    return session ? then(session) : fail("ResourceNotFound", `CheckoutSession ${id} not found`);
  }

  #withPermission(id: string | undefined, then: (permission: ChargePermission) => PayOutcome): PayOutcome {
    const permission = this.permissions.get(id ?? "");
    return permission ? then(permission) : fail("ResourceNotFound", `ChargePermission ${id} not found`);
  }

  #withCharge(id: string | undefined, then: (charge: Charge) => PayOutcome): PayOutcome {
    const charge = this.charges.get(id ?? "");
    return charge ? then(charge) : fail("ResourceNotFound", `Charge ${id} not found`);
  }

  #createSession(body: Record<string, unknown>, now: number): PayOutcome {
    const made = newSession({ id: () => this.#id("S"), body, now });
    if (!made.ok) return made.outcome;
    this.sessions.set(made.session.id, made.session);
    return ok(sessionBody(made.session));
  }

  #completeSession(options: { session: CheckoutSession; body: Record<string, unknown>; now: number; simulation: string | undefined; stateFault: StateFault | undefined }): PayOutcome {
    const { session, body, now, simulation } = options;
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
    // Reference B7 [DOC]: a simulation string overrides the simulated payment method.
    const card: SimulatedOutcome = simulation === undefined && session.simulatedPaymentMethod !== null && isSimulatedPaymentMethod(session.simulatedPaymentMethod) ? SIMULATED_PAYMENT_METHODS[session.simulatedPaymentMethod] : { kind: "normal" };
    const canceledBy = simulation !== undefined && CANCELING_SIMULATIONS.has(simulation) ? simulation : card.kind === "canceled" ? card.reasonCode : undefined;
    if (canceledBy !== undefined) {
      session.state = "Canceled";
      session.reasonCode = canceledBy;
      session.updated = now;
      return fail("CheckoutSessionCanceled", `CheckoutSession was canceled: ${canceledBy}`);
    }
    if (card.kind === "pending" && (session.paymentIntent !== "Authorize" || !session.canHandlePendingAuthorization)) {
      return fail(this.#settings.pendingPaymentMethodErrorCode, `The simulated payment method ending ${session.simulatedPaymentMethod} needs paymentIntent Authorize and canHandlePendingAuthorization true`);
    }
    const permission: ChargePermission = { id: this.#id("P"), state: "Chargeable", reasonCode: null, limit: amount, created: now, updated: now };
    this.permissions.set(permission.id, permission);
    session.chargePermissionId = permission.id;
    if (session.paymentIntent !== "Confirm") {
      const capture = session.paymentIntent === "AuthorizeWithCapture";
      const authorized: ChargeState = capture ? "Captured" : "Authorized";
      const pendingFor = (state: ChargeState, reasonCode: string | null) => pendingPath({ from: "AuthorizationInitiated", now, afterMs: this.expiry.pendingAuthorizationMs, state, reasonCode });
      let path: ChargePath | undefined;
      if (options.stateFault) path = stateFaultChange<ChargeState>({ fault: options.stateFault, now });
      else if (simulation === "AuthorizationInitiated") path = pendingFor(authorized, null);
      else if (card.kind === "pending") path = pendingFor(card.settles === "Authorized" ? authorized : card.settles, card.reasonCode);
      session.chargeId = this.#addCharge({ chargePermissionId: permission.id, amount, now, capture, ...(path ? { path } : {}) }).id;
    }
    session.state = "Completed";
    session.updated = now;
    return ok(sessionBody(session));
  }

  #createCharge(options: { body: Record<string, unknown>; now: number; simulation: string | undefined; stateFault: StateFault | undefined }): PayOutcome {
    const { body, now, simulation } = options;
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
    let path: ChargePath | undefined;
    if (options.stateFault) path = stateFaultChange<ChargeState>({ fault: options.stateFault, now });
    else if (simulation === "CaptureInitiated") path = pendingPath({ from: "CaptureInitiated", now, afterMs: this.expiry.pendingCaptureMs, state: "Captured", reasonCode: null });
    return ok(chargeBody(this.#addCharge({ chargePermissionId: permission.id, amount, now, capture: body.captureNow === true, ...(path ? { path } : {}) })));
  }

  #addCharge(options: Omit<Parameters<typeof newCharge>[0], "id">): Charge {
    const charge = newCharge({ id: this.#id("C"), ...options });
    this.charges.set(charge.id, charge);
    return charge;
  }

  #createRefund(options: { body: Record<string, unknown>; now: number; stateFault: StateFault | undefined }): PayOutcome {
    const { body } = options;
    if (typeof body.chargeId !== "string") return fail("MissingParameterValue", "chargeId is missing");
    const amount = money(body.refundAmount);
    if (amount === undefined) return fail("MissingParameterValue", "refundAmount is missing");
    if (amount === "invalid") return fail("InvalidParameterValue", "refundAmount is invalid");
    const charge = this.charges.get(body.chargeId);
    if (!charge) return fail("ResourceNotFound", `Charge ${body.chargeId} not found`);
    const started = startRefund({ charge, amount, id: () => this.#id("R"), now: options.now, refundMs: this.expiry.refundMs, ...(options.stateFault ? { stateFault: options.stateFault } : {}) });
    if (!started.ok) return started.outcome;
    this.refunds.set(started.refund.id, started.refund);
    return ok(refundBody(started.refund));
  }
}
