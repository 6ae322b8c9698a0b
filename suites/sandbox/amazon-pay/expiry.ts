import type { Charge, CheckoutSession } from "./objects.js";

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
}

const DAY = 24 * 60 * 60 * 1000;

export const DEFAULT_PAY_EXPIRY: PayExpiry = {
  checkoutSessionOpenMs: DAY,
  checkoutSessionExpiredReason: "Expired",
  checkoutSessionDeletedMs: 30 * DAY,
  authorizationMs: 30 * DAY,
  authorizationExpiredReason: "ExpiredUnused",
  pendingAuthorizationMs: 30 * 1000,
};

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

/** Brings a charge up to `now`: a pending authorization completes, an old authorization expires. */
export function settleCharge(options: { charge: Charge; now: number; expiry: PayExpiry }): void {
  const { charge, now, expiry } = options;
  if (charge.state === "AuthorizationInitiated" && charge.pendingUntil !== null && now >= charge.pendingUntil) {
    charge.state = "Authorized";
    charge.authorizedAt = charge.pendingUntil;
    charge.updated = charge.pendingUntil;
    charge.pendingUntil = null;
  }
  if (charge.state === "Authorized" && charge.authorizedAt !== null && now - charge.authorizedAt > expiry.authorizationMs) {
    charge.state = "Canceled";
    charge.reasonCode = expiry.authorizationExpiredReason;
    charge.updated = charge.authorizedAt + expiry.authorizationMs;
  }
}
