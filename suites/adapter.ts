/**
 * The contract a team implements to certify its integration. Each function
 * runs one logical operation through the team's real integration code, which
 * talks HTTP to Amazon's hosts (answered by the faultproof sandbox), and
 * reports what the integration concluded. Operations a team does not
 * implement are reported as not applicable, never as passed.
 */
import type { SigningCredentials } from "./sandbox/credentials.js";

export type { AmazonPayPublicKey, IncentivesCredential, SigningCredentials } from "./sandbox/credentials.js";

/** What the integration concluded about one logical operation. */
export type AdapterOutcome =
  /** The operation took effect. `data` carries ids the integration learned (gcId, checkoutSessionId, …). */
  | { readonly status: "succeeded"; readonly data?: Readonly<Record<string, unknown>> }
  /** The operation failed and the integration surfaced the code it saw (reasonCode, errorType). */
  | { readonly status: "failed"; readonly code: string; readonly message?: string }
  /** The integration gave up and handed the case over for manual follow-up (logged, queued, alerted). */
  | { readonly status: "handed-over"; readonly code?: string; readonly reason?: string }
  /**
   * The operation was accepted but its result is not final yet: a Charge in
   * AuthorizationInitiated, a Refund in RefundInitiated (Amazon Pay's
   * asynchronous processing). The integration learns the final state later,
   * from an IPN or a GET. `data` should carry the object's id and its `state`.
   */
  | { readonly status: "pending"; readonly data?: Readonly<Record<string, unknown>> };

export interface Money {
  readonly amount: number;
  readonly currencyCode: string;
}

/** A logical operation's own reference, different for every call: use it only to tell calls apart. */
export interface Referenced {
  readonly reference: string;
}

export interface IncentivesAdapter {
  /** Create a digital gift card. `data` should carry `creationRequestId` and `gcId`. */
  createGiftCard?(request: Money & Referenced): Promise<AdapterOutcome>;
  /** Cancel a card created earlier by its creationRequestId. */
  cancelGiftCard?(request: { readonly creationRequestId: string; readonly gcId?: string }): Promise<AdapterOutcome>;
  /** Activate a physical card. `data` should carry `activationRequestId`. */
  activateGiftCard?(request: Money & Referenced & { readonly cardNumber: string }): Promise<AdapterOutcome>;
  deactivateGiftCard?(request: { readonly cardNumber: string; readonly activationRequestId: string }): Promise<AdapterOutcome>;
  /** Load balance into an Amazon account. `data` should carry `loadBalanceRequestId`. */
  loadAmazonBalance?(request: Money & Referenced & { readonly accountId: string }): Promise<AdapterOutcome>;
  voidAmazonBalanceLoad?(request: Money & { readonly loadBalanceRequestId: string; readonly accountId: string }): Promise<AdapterOutcome>;
}

export interface AmazonPayAdapter {
  /** `data` should carry `checkoutSessionId`. */
  createCheckoutSession?(request: Money & Referenced): Promise<AdapterOutcome>;
  updateCheckoutSession?(request: Money & { readonly checkoutSessionId: string }): Promise<AdapterOutcome>;
  /** `data` should carry `chargePermissionId` and `chargeId`. */
  completeCheckoutSession?(request: Money & { readonly checkoutSessionId: string }): Promise<AdapterOutcome>;
  createCharge?(request: Money & Referenced & { readonly chargePermissionId: string; readonly captureNow: boolean }): Promise<AdapterOutcome>;
  captureCharge?(request: Money & Referenced & { readonly chargeId: string }): Promise<AdapterOutcome>;
  cancelCharge?(request: { readonly chargeId: string; readonly reason: string }): Promise<AdapterOutcome>;
  createRefund?(request: Money & Referenced & { readonly chargeId: string }): Promise<AdapterOutcome>;
  closeChargePermission?(request: { readonly chargePermissionId: string; readonly reason: string }): Promise<AdapterOutcome>;
  /**
   * Handle one IPN delivery as the team's endpoint would (the raw HTTP body and
   * headers). The integration must GET the object it names; `data` should say
   * what it concluded, e.g. `{ objectType, objectId, state }`.
   */
  handleIpn?(delivery: { readonly body: string; readonly headers: Readonly<Record<string, string>> }): Promise<AdapterOutcome>;
  /**
   * Finish the buyer's checkout as the team's checkout does: the session was
   * created with an earlier cart amount, `amount` is the final cart total. The
   * integration updates the session to the final total and completes it with
   * the same amount (seed 002: "make sure you call Update Checkout Session once
   * the final checkout total has been calculated"). `data` should carry
   * `chargePermissionId` and `chargeId`.
   */
  checkout?(request: Money & { readonly checkoutSessionId: string }): Promise<AdapterOutcome>;
}

/**
 * The retry policy the team declares for Amazon Pay's 408, 429, 500 and 503
 * (000: "we recommend that you implement an exponential backoff approach up
 * to a defined limit"). The certification holds the integration to its own
 * declaration: no more attempts than declared, no wait shorter than the
 * declared backoff allows. Any limit and any growing backoff is fine. Without
 * a declaration, the waits after the first retry must grow and never shrink.
 */
export interface RetryPolicy {
  /** Attempts of one logical operation, the first included; at least 2 (the documents say to retry). */
  readonly maxAttempts: number;
  /**
   * The wait before each retry, in milliseconds (the last repeats), for a
   * schedule such as the documented example `[0, 1000, 2000, 4000, 10000, 30000]`.
   * Give this or `initialDelayMs` with `multiplier`.
   */
  readonly delaysMs?: readonly number[];
  /** Exponential backoff: the wait before the first delayed retry. */
  readonly initialDelayMs?: number;
  /** Exponential backoff: each wait is the one before times this (greater than 1). */
  readonly multiplier?: number;
  /** Exponential backoff: no wait grows beyond this. */
  readonly maxDelayMs?: number;
  /** Exponential backoff: the first retry is immediate (000: "You should immediately retry"), the backoff starts with the second. */
  readonly immediateFirstRetry?: boolean;
  /**
   * Randomness in each wait: "full" waits anywhere from 0 to the backoff,
   * "equal" from half of it to all of it, "none" (the default) exactly it.
   */
  readonly jitter?: "none" | "full" | "equal";
}

export interface Adapter {
  readonly name: string;
  readonly incentives?: IncentivesAdapter;
  readonly amazonPay?: AmazonPayAdapter;
  readonly retryPolicy?: RetryPolicy;
}

/**
 * Adapter functions that are no single operation of the spec: each runs a
 * whole documented flow (an IPN delivery, a checkout's update and complete),
 * certified by the model-based flows only.
 */
type NotSpecOperations = "handleIpn" | "checkout";

/** Maps each adapter function to the spec's operation id. */
export const ADAPTER_OPERATIONS = {
  incentives: {
    createGiftCard: "CreateGiftCard",
    cancelGiftCard: "CancelGiftCard",
    activateGiftCard: "ActivateGiftCard",
    deactivateGiftCard: "DeactivateGiftCard",
    loadAmazonBalance: "LoadAmazonBalance",
    voidAmazonBalanceLoad: "VoidAmazonBalanceLoad",
  },
  amazonPay: {
    createCheckoutSession: "CreateCheckoutSession",
    updateCheckoutSession: "UpdateCheckoutSession",
    completeCheckoutSession: "CompleteCheckoutSession",
    createCharge: "CreateCharge",
    captureCharge: "CaptureCharge",
    cancelCharge: "CancelCharge",
    createRefund: "CreateRefund",
    closeChargePermission: "CloseChargePermission",
  },
} as const satisfies { incentives: Record<keyof IncentivesAdapter, string>; amazonPay: Record<Exclude<keyof AmazonPayAdapter, NotSpecOperations>, string> };

/** Typed configuration for `faultproof.config.ts`. */
export interface FaultproofConfig {
  /** The adapter to certify: a module path (relative to the config) exporting `adapter`, or the adapter itself. */
  readonly adapter: Adapter | string;
  readonly runs?: number;
  readonly seed?: number;
  readonly minScore?: number;
  readonly outDir?: string;
  readonly baseline?: string;
  /**
   * Real milliseconds one adapter call may run before it is cut off and
   * reported as never settling (default 5000). Under virtual time a correct
   * call takes milliseconds, whatever its backoff.
   */
  readonly callTimeoutMs?: number;
  /**
   * The test keys your integration signs with under certification (test keys
   * only, never real ones): the sandbox checks every request's signature
   * against them, as Amazon does, and refuses a wrong one with the documented
   * answer. Required for each API your adapter implements while
   * `verifySignatures` is on.
   */
  readonly credentials?: SigningCredentials;
  /** Check request signatures (default true). Off, any signature or none is accepted, and the report says so. */
  readonly verifySignatures?: boolean;
  /**
   * Your spec overlay (relative to the config): a folder of YAML files with
   * your differences from the spec faultproof bundles, as `faultproof sync
   * <page> --into <folder>` writes them. certify certifies bundled + overlay.
   */
  readonly spec?: string;
}

export function defineConfig(config: FaultproofConfig): FaultproofConfig {
  return config;
}
