import type { Charge, CheckoutSession, Refund, Settling } from "./objects.js";

/**
 * How Amazon Pay's objects change with time alone, on the sandbox's clock:
 * the setting `amazonPay.expiry`. Applied when an object is next touched, as
 * of the moment it changed (its lastUpdatedTimestamp says when).
 */
export interface PayExpiry {
  /**
   * An Open checkout session is Canceled once it has been Open longer than this.
   * [DOC] the checkout-session page (reference B8): "moves to the Canceled state
   * after the Checkout Session has been in the Open state for 24 hours"; seed
   * 002: "you did not confirm checkout within 24 hour by calling Complete
   * Checkout Session". Completing at exactly 24 hours is still within them.
   */
  readonly checkoutSessionOpenMs: number;
  /** The reasonCode of a session Canceled that way. UNVERIFIED: reference B8 has seen only BuyerCanceled and Declined, and lists Expired among the unverified codes. */
  readonly checkoutSessionExpiredReason: string;
  /** A checkout session is gone (ResourceNotFound) once older than this. [DOC] reference B8: "Objects are deleted after 30 days". */
  readonly checkoutSessionDeletedMs: number;
  /** An Authorized charge is Canceled once Authorized longer than this. UNVERIFIED: reference B8 rests it on third-party code ("expires to Canceled after 30 days"). */
  readonly authorizationMs: number;
  /** The reasonCode of a charge Canceled that way. UNVERIFIED: no source gives it. */
  readonly authorizationExpiredReason: string;
  /**
   * A charge left AuthorizationInitiated by the AuthorizationInitiated simulation
   * becomes Authorized after this long. Reference B7 [DOC] gives 30 s for the
   * sandbox card …0701; that the simulation header behaves as the card does is
   * UNVERIFIED.
   */
  readonly pendingAuthorizationMs: number;
  /**
   * A charge left CaptureInitiated by the CaptureInitiated simulation of Create
   * Charge becomes Captured after this long. UNVERIFIED: no page gives a
   * duration; 30 s to match the documented pending authorization.
   */
  readonly pendingCaptureMs: number;
  /**
   * A refund is RefundInitiated this long before it is Refunded ([DOC]
   * asynchronous-processing page: "all refunds are processed asynchronously").
   * UNVERIFIED: no page gives a duration; 30 s to match the documented pending
   * authorization.
   */
  readonly refundMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

export const DEFAULT_PAY_EXPIRY: PayExpiry = {
  checkoutSessionOpenMs: DAY,
  checkoutSessionExpiredReason: "Expired",
  checkoutSessionDeletedMs: 30 * DAY,
  authorizationMs: 30 * DAY,
  authorizationExpiredReason: "ExpiredUnused",
  pendingAuthorizationMs: 30 * 1000,
  pendingCaptureMs: 30 * 1000,
  refundMs: 30 * 1000,
};

/** A state an object reached with time alone: what an IPN announces (notifications.ts). */
export type StateChange = Settling<string>;

/** Brings a session up to `now`: "deleted" when it is past its life. */
export function settleSession(options: { session: CheckoutSession; now: number; expiry: PayExpiry }): "deleted" | undefined {
  const { session, now, expiry } = options;
  if (now - session.created > expiry.checkoutSessionDeletedMs) return "deleted";
  if (session.state === "Open" && now - session.created > expiry.checkoutSessionOpenMs) {
    session.state = "Canceled";
    session.reasonCode = expiry.checkoutSessionExpiredReason;
    session.updated = session.created + expiry.checkoutSessionOpenMs;
  }
  return undefined;
}

/**
 * Brings a charge up to `now`: a pending charge settles where it was told to,
 * an old authorization expires. Returns each change, in order, as of the
 * moment it happened.
 */
export function settleCharge(options: { charge: Charge; now: number; expiry: PayExpiry }): readonly StateChange[] {
  const { charge, now, expiry } = options;
  const changes: StateChange[] = [];
  const settles = charge.settles;
  if (settles !== null && now >= settles.at) {
    charge.settles = null;
    changes.push(enterChargeState(charge, settles));
  }
  if (charge.state === "Authorized" && charge.authorizedAt !== null && now - charge.authorizedAt > expiry.authorizationMs) {
    changes.push(enterChargeState(charge, { at: charge.authorizedAt + expiry.authorizationMs, state: "Canceled", reasonCode: expiry.authorizationExpiredReason }));
  }
  return changes;
}

/** Puts a charge in a state, with what that state means for its amounts. */
export function enterChargeState(charge: Charge, change: Settling<Charge["state"]>): StateChange {
  const from = charge.state;
  charge.state = change.state;
  charge.reasonCode = change.reasonCode;
  charge.updated = change.at;
  if ((change.state === "Authorized" || change.state === "Captured") && charge.authorizedAt === null) charge.authorizedAt = change.at;
  if (change.state === "Captured") charge.captured ??= charge.amount;
  // A capture that never happened captured nothing.
  if (change.state === "Declined" && from === "CaptureInitiated") charge.captured = null;
  return change;
}

/**
 * Brings a refund up to `now`: a RefundInitiated refund settles. A Declined
 * refund moved no money, so its amount is refundable again on its charge.
 */
export function settleRefund(options: { refund: Refund; charge: Charge; now: number }): readonly StateChange[] {
  const { refund, charge, now } = options;
  const settles = refund.settles;
  if (settles === null || now < settles.at) return [];
  refund.settles = null;
  return [enterRefundState({ refund, charge, change: settles })];
}

export function enterRefundState(options: { refund: Refund; charge: Charge; change: Settling<Refund["state"]> }): StateChange {
  const { refund, charge, change } = options;
  if (change.state === "Declined" && refund.state !== "Declined") charge.refunded -= Number(refund.amount.amount);
  refund.state = change.state;
  refund.reasonCode = change.reasonCode;
  refund.updated = change.at;
  return change;
}
