/**
 * The documented failures (`<failure id>@<operation>`) the family is run on:
 * one of each kind of answer the verdict rules tell apart.
 */

/** Amazon Pay: 503, 500 and 429 (retry-backoff). */
export const PAY_503 = "service-unavailable@CreateCharge";
export const PAY_500 = "internal-server-error@CaptureCharge";
export const PAY_429 = "too-many-requests@CreateCheckoutSession";
/** Amazon Pay: a 400 and a 401 (final). */
export const PAY_400 = "invalid-parameter-value@CreateCheckoutSession";
export const PAY_401 = "unauthorized-access@CreateCharge";
/** Amazon Pay: InvalidCheckoutSessionStatus (reconcile-state), on a Canceled and on a Completed session. */
export const PAY_STATUS = "invalid-checkout-session-status@CompleteCheckoutSession";
/** Amazon Pay: declines of Create Charge (doc 004): soft, hard, and an amount limit. */
export const PAY_SOFT_DECLINE = "soft-declined@CreateCharge";
export const PAY_HARD_DECLINE = "hard-declined@CreateCharge";
export const PAY_AMOUNT_LIMIT = "transaction-amount-exceeded@CreateCharge";
/** Amazon Pay: a pending authorization and a pending refund (doc 005, 007). */
export const PAY_PENDING_AUTH = "charge-authorization-pending@CreateCharge";
export const PAY_PENDING_REFUND = "refund-pending@CreateRefund";

/** Incentives: ThrottlingException on a create and on a balance load. */
export const THROTTLED = "throttled@CreateGiftCard";
export const THROTTLED_LOAD = "throttled@LoadAmazonBalance";
/** Incentives: F400 RESEND on each operation that can be re-sent. */
export const RESEND = "f4000-system-temporarily-unavailable@CreateGiftCard";
export const RESEND_ACTIVATE = "f4000-system-temporarily-unavailable@ActivateGiftCard";
export const RESEND_LOAD = "load-f4000-system-temporarily-unavailable@LoadAmazonBalance";
/** Incentives: one error of each other class. */
export const F100 = "f1000-gc-locked@CreateGiftCard";
export const F200 = "f2003-invalid-amount-input@CreateGiftCard";
export const F300 = "f3003-insufficient-funds@CreateGiftCard";
export const F500 = "f5000-general-error@CreateGiftCard";
export const F500_LOAD = "load-f5000-general-error@LoadAmazonBalance";
