import { DEFAULT_PAY_EXPIRY, type PayExpiry } from "./amazon-pay/expiry.js";
import { DEFAULT_PAY_BODIES, type PayBodyRule } from "./amazon-pay/request-fields.js";
import type { AmazonPayPublicKey, IncentivesCredential } from "./credentials.js";
import { DEFAULT_INCENTIVES_FIELD_RULES, type IncentivesFieldRules } from "./incentives/field-rules.js";

/**
 * The sandbox's settings. Every value the documents do not settle (marked
 * UNVERIFIED in the project's reference) is a setting here with the most
 * likely default, never a constant in the engine.
 */
export interface SandboxConfig {
  /**
   * Check every request's signature as Amazon does: SigV4 for the Incentives
   * API, AMZN-PAY-RSASSA-PSS(-V2) for Amazon Pay, against `credentials`. On by
   * default; off, any signature (or none) is accepted.
   */
  readonly verifySignatures: boolean;
  /** The test keys integrations sign with: with none, every signed request is refused as signed by an unknown key. */
  readonly credentials: { readonly incentives: readonly IncentivesCredential[]; readonly amazonPay: readonly AmazonPayPublicKey[] };
  readonly incentives: {
    /** HTTP status of an F-code error, per error class. UNVERIFIED: no source gives it; 400 is the AWS convention. */
    readonly errorStatus: Readonly<Record<string, number>>;
    /** HTTP status of a ThrottlingException. UNVERIFIED. */
    readonly throttleStatus: number;
    /** JSON body of a ThrottlingException. UNVERIFIED; the XML form is documented. */
    readonly throttleJson: Readonly<Record<string, unknown>>;
    /** Format of the answer when the request does not Accept application/json. UNVERIFIED: XML is inferred. */
    readonly defaultFormat: "xml" | "json";
    /** Reject an x-amz-target that does not name the operation exactly. Off: the npm client sends `AGCODService./Op`. */
    readonly strictTarget: boolean;
    /** Enforce the TPS limits of the spec on the controlled clock. */
    readonly throttling: boolean;
    /** How long after creation a card can still be cancelled (documented: 15 minutes). */
    readonly cancelWindowMs: number;
    /** The available funds GetAvailableFunds reports (a sandbox account always has 0). */
    readonly availableFunds: number;
    /** The XML root of an error answer, per kind of error. Seed 003 shows these three. */
    readonly xmlErrorRoot: { readonly validation: string; readonly other: string; readonly balanceLoad: string };
    /** The largest request body read; a larger one is refused unread. */
    readonly maxBodyBytes: number;
    /** The message of an error whose documented row gives none, per class (captured sandbox answers, reference A5/A6). */
    readonly fallbackMessages: Readonly<Record<string, string>>;
    readonly signature: IncentivesSignatureSettings;
    /** Field rules the documents leave open (incentives/field-rules.ts): each says its source or UNVERIFIED. */
    readonly fields: IncentivesFieldRules;
  };
  readonly amazonPay: {
    /** Status of the reason codes the seeds give no status for. UNVERIFIED: from third-party constants. */
    readonly statusOverrides: Readonly<Record<string, number>>;
    /** Success status per operation. UNVERIFIED: 201 for creates, 200 otherwise. */
    readonly successStatus: Readonly<Record<string, number>>;
    /** Headers every request must carry (lower case). */
    readonly requiredHeaders: readonly string[];
    /** Accepted x-amz-pay-simulation-code values per operation. UNVERIFIED: a secondary summary's list. */
    readonly simulationCodes: Readonly<Record<string, readonly string[]>>;
    /** NotificationVersion written into IPNs ("v2" per seed 002; Amazon's example shows "V2"). */
    readonly notificationVersion: string;
    /** The largest request body read; a larger one is refused unread. */
    readonly maxBodyBytes: number;
    readonly signature: AmazonPaySignatureSettings;
    /** Which body fields each operation takes and requires (amazon-pay/request-fields.ts). UNVERIFIED beyond reference B2 and B6; an operation left out takes any body. */
    readonly bodies: Readonly<Record<string, PayBodyRule>>;
    /** How objects change with time alone (amazon-pay/expiry.ts): each value says its source or UNVERIFIED. */
    readonly expiry: PayExpiry;
    /**
     * The reason code Complete Checkout Session answers when the session's simulated payment
     * method is …0701 or …4354 but its paymentIntent is not Authorize or canHandlePendingAuthorization
     * is not true. [DOC] (reference B7) says only that this "will result in an error". UNVERIFIED:
     * InvalidSandboxSimulationSpecified, the sandbox's code for a simulation it cannot run.
     */
    readonly pendingPaymentMethodErrorCode: string;
    /**
     * The reasonCode of a charge permission the buyer closed (`closeChargePermissionAsBuyer`).
     * [SDK] the string BuyerClosed is in Amazon's .NET SDK reason codes; that it is the reason of the
     * Closed state is UNVERIFIED.
     */
    readonly buyerClosedReason: string;
  };
}

/** How the Incentives sandbox answers a request that is not signed as SigV4 requires (reference A2). */
export interface IncentivesSignatureSettings {
  /** errorType of the F200 answer (seed 003's common cause). UNVERIFIED: InvalidSignatureException is the root of the XML signature failure in reference A3 (3P). */
  readonly errorType: string;
  /** message of the F200 answer: seed 003's common cause, as it words it. */
  readonly message: string;
  /** How far x-amz-date may be from the sandbox's clock, either way. UNVERIFIED for AGCOD: AWS's SigV4 rule is five minutes. */
  readonly maxSkewMs: number;
  /** Headers the signature must cover. SigV4 itself requires host and x-amz-date; clients sign more (reference A2), so any longer list is accepted. */
  readonly requiredSignedHeaders: readonly string[];
}

/** How the Amazon Pay sandbox answers a request that is not signed as reference B3 describes. */
export interface AmazonPaySignatureSettings {
  /** How far x-amz-pay-date may be from the sandbox's clock, either way. UNVERIFIED: no source gives it. */
  readonly maxSkewMs: number;
  /** Headers the signature must cover. UNVERIFIED: Amazon's example and every SDK sign x-amz-pay-date, x-amz-pay-host and x-amz-pay-region. */
  readonly requiredSignedHeaders: readonly string[];
  /** The reason code for a public key id the sandbox does not know. UNVERIFIED: 000's UnauthorizedAccess (401); B5 lists 403 InvalidAuthentication from 3P constants. */
  readonly unknownKeyCode: string;
  /** The reason code for an x-amz-pay-date too far from the clock. UNVERIFIED: 000's InvalidHeaderValue. */
  readonly staleDateCode: string;
}

export const defaultSandboxConfig: SandboxConfig = {
  verifySignatures: true,
  credentials: { incentives: [], amazonPay: [] },
  incentives: {
    errorStatus: { F100: 400, F200: 400, F300: 400, F400: 400, F500: 400 },
    throttleStatus: 400,
    throttleJson: { message: "Rate exceeded" },
    defaultFormat: "xml",
    strictTarget: false,
    throttling: true,
    cancelWindowMs: 15 * 60 * 1000,
    availableFunds: 0,
    xmlErrorRoot: { validation: "AGCODValidationException", other: "AGCODException", balanceLoad: "LoadAmazonBalanceException" },
    maxBodyBytes: 64 * 1024,
    fallbackMessages: { F400: "System Temporarily Unavailable", F100: "General Error", F500: "General Error" },
    signature: {
      errorType: "InvalidSignatureException",
      message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details",
      maxSkewMs: 5 * 60 * 1000,
      requiredSignedHeaders: ["host", "x-amz-date"],
    },
    fields: DEFAULT_INCENTIVES_FIELD_RULES,
  },
  amazonPay: {
    statusOverrides: {},
    successStatus: { CreateCheckoutSession: 201, CreateCharge: 201, CreateRefund: 201 },
    requiredHeaders: ["authorization", "x-amz-pay-date"],
    simulationCodes: {
      CompleteCheckoutSession: ["BuyerCanceled", "AmazonCanceled", "Declined", "AuthorizationInitiated"],
      CreateCharge: ["SoftDeclined", "HardDeclined", "AmazonRejected", "TransactionTimedOut", "CaptureInitiated"],
      CloseChargePermission: ["AmazonClosed"],
    },
    notificationVersion: "v2",
    maxBodyBytes: 64 * 1024,
    signature: { maxSkewMs: 15 * 60 * 1000, requiredSignedHeaders: ["x-amz-pay-date"], unknownKeyCode: "UnauthorizedAccess", staleDateCode: "InvalidHeaderValue" },
    bodies: DEFAULT_PAY_BODIES,
    expiry: DEFAULT_PAY_EXPIRY,
    pendingPaymentMethodErrorCode: "InvalidSandboxSimulationSpecified",
    buyerClosedReason: "BuyerClosed",
  },
};

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** The defaults with the overrides laid over them, at every depth (a list or scalar replaces; a mapping merges). */
export function resolveConfig(overrides: DeepPartial<SandboxConfig> = {}): SandboxConfig {
  return merge(defaultSandboxConfig, overrides) as SandboxConfig;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlain(base) || !isPlain(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
