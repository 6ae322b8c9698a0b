/**
 * The sandbox's simulated payment methods, by the last four digits of the
 * card (reference B7 [DOC], the card table of "Use Sandbox simulations"):
 * what completing a checkout session paid with one does. A simulation
 * string in the request header overrides the card ([DOC]: "simulation
 * strings will override any behavior triggered by using a simulated payment
 * method").
 */
export type SimulatedPaymentMethod = "1111" | "0005" | "4444" | "9424" | "0000" | "3064" | "3434" | "0701" | "4354";

export type SimulatedOutcome =
  /** "Happy case": Authorized with paymentIntent Authorize, the permission Chargeable with Confirm. */
  | { readonly kind: "normal" }
  /** The session Canceled with this reasonCode when the buyer returns. */
  | { readonly kind: "canceled"; readonly reasonCode: "BuyerCanceled" | "Declined" }
  /**
   * The Charge AuthorizationInitiated, then this state after `expiry.pendingAuthorizationMs` (30 s [DOC]).
   * Needs paymentIntent Authorize and canHandlePendingAuthorization true ([DOC] "or using this payment
   * method will result in an error").
   */
  | { readonly kind: "pending"; readonly settles: "Authorized" | "Declined"; readonly reasonCode: string | null };

export const SIMULATED_PAYMENT_METHODS: Readonly<Record<SimulatedPaymentMethod, SimulatedOutcome>> = {
  "1111": { kind: "normal" },
  "0005": { kind: "normal" },
  "4444": { kind: "normal" },
  "9424": { kind: "normal" },
  "0000": { kind: "normal" },
  "3064": { kind: "canceled", reasonCode: "BuyerCanceled" },
  "3434": { kind: "canceled", reasonCode: "Declined" },
  "0701": { kind: "pending", settles: "Authorized", reasonCode: null },
  "4354": { kind: "pending", settles: "Declined", reasonCode: "HardDeclined" },
};

export function isSimulatedPaymentMethod(lastFour: string): lastFour is SimulatedPaymentMethod {
  return Object.hasOwn(SIMULATED_PAYMENT_METHODS, lastFour);
}
