/**
 * The Amazon Pay sandbox's objects (reference B8): what the state machines in
 * resources.ts change and views.ts shows. Times are the controlled clock's.
 */
export interface Money {
  readonly amount: string;
  readonly currencyCode: string;
}

export type SessionState = "Open" | "Completed" | "Canceled";

/** A state an object reaches on its own, at `at` on the sandbox's clock (expiry.ts applies it). */
export interface Settling<State extends string> {
  readonly at: number;
  readonly state: State;
  readonly reasonCode: string | null;
}

export interface CheckoutSession {
  readonly id: string;
  state: SessionState;
  reasonCode: string | null;
  chargeAmount: Money | null;
  paymentIntent: string;
  /** Reference B7 [DOC]: the pending simulated payment methods need it true. */
  canHandlePendingAuthorization: boolean;
  /** The last four digits of the sandbox payment method the buyer chose (simulated-payment-methods.ts); null for an ordinary one. */
  simulatedPaymentMethod: string | null;
  chargePermissionId: string | null;
  chargeId: string | null;
  readonly created: number;
  /** When the state last changed. */
  updated: number;
  readonly request: Record<string, unknown>;
}

export interface ChargePermission {
  readonly id: string;
  state: "Chargeable" | "NonChargeable" | "Closed";
  reasonCode: string | null;
  readonly limit: Money;
  readonly created: number;
  updated: number;
}

export type ChargeState = "AuthorizationInitiated" | "Authorized" | "CaptureInitiated" | "Captured" | "Canceled" | "Declined";

export interface Charge {
  readonly id: string;
  readonly chargePermissionId: string;
  state: ChargeState;
  reasonCode: string | null;
  readonly amount: Money;
  captured: Money | null;
  refunded: number;
  readonly created: number;
  updated: number;
  /** When the charge became Authorized; null before and when it never was. */
  authorizedAt: number | null;
  /** Where a pending charge (AuthorizationInitiated, CaptureInitiated) goes on its own; null when it stays. */
  settles: Settling<ChargeState> | null;
}

/** [DOC-ja] asynchronous-processing page: a refund starts RefundInitiated, then Refunded or Declined (issue 16 facts §2). */
export type RefundState = "RefundInitiated" | "Refunded" | "Declined";

export interface Refund {
  readonly id: string;
  readonly chargeId: string;
  readonly amount: Money;
  readonly created: number;
  state: RefundState;
  reasonCode: string | null;
  updated: number;
  settles: Settling<RefundState> | null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A price read from a body: undefined when absent, "invalid" when it is no positive amount with a three-letter currency. */
export function money(value: unknown): Money | undefined | "invalid" {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return "invalid";
  const amount = typeof value.amount === "number" ? String(value.amount) : value.amount;
  if (typeof amount !== "string" || !/^\d+(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) return "invalid";
  if (typeof value.currencyCode !== "string" || !/^[A-Z]{3}$/.test(value.currencyCode)) return "invalid";
  return { amount, currencyCode: value.currencyCode };
}
