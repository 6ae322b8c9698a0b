/**
 * The shape of a spec file once it has passed the JSON Schema
 * (spec/spec.schema.json). Kept in step with the schema by the loader tests.
 */
export type ApiId = "amazon-pay" | "incentives";
export type HandlingId =
  | "succeed"
  | "retry-backoff"
  | "retry-not-instantly"
  | "cancel-then-resend"
  | "fail-surface"
  | "manual-follow-up"
  | "reconcile-state"
  | "fetch-object"
  | "recharge-or-ask-buyer"
  | "ask-buyer-to-update"
  | "reengage-buyer"
  | "await-final-state";
export type Outcome = "succeeded" | "failed" | "handed-over" | "pending";
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type RuleKind = "retry" | "idempotency" | "throttling" | "resend" | "notification" | "responsibility" | "request-id";

export interface Citation {
  readonly doc: string;
  readonly section: string;
  readonly note?: string;
}

export interface DocumentInput {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  /** `sha256:<hex>` of the page's text as \`faultproof sync\` last read it; faultproof keeps no copy of the page. */
  readonly digest?: string;
}

export interface HandlingInput {
  readonly id: HandlingId;
  readonly summary: string;
  readonly retries: "never" | "with-backoff" | "after-delay" | "after-compensation" | "optional";
  /** Every outcome that follows the documents. */
  readonly outcomes: readonly Outcome[];
  /** The outcomes advised where the documents leave the choice open (advice only). */
  readonly advised?: readonly Outcome[];
}

export interface HostInput {
  readonly region: string;
  readonly host?: string;
  readonly sandbox?: string;
  readonly production?: string;
  readonly signingRegion?: string;
  readonly source: Citation;
}

export interface OperationInput {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly resource?: string;
  readonly family?: string;
  readonly requestIdField?: string;
  readonly source: Citation;
}

export interface MockPlacementInput {
  readonly operation: string;
  readonly field: string;
  readonly requires?: Readonly<Record<string, string | number | boolean>>;
  readonly source: Citation;
}

export interface ErrorClassInput {
  readonly id: string;
  readonly description: string;
  readonly status?: "FAILURE" | "RESEND";
  readonly source: Citation;
}

export interface CommonCauseInput {
  readonly errorClass: string;
  readonly code?: string;
  readonly cause: string;
  readonly source: Citation;
}

export interface ErrorInput {
  readonly id: string;
  readonly code: string;
  readonly httpStatus?: number;
  readonly statusText?: string;
  readonly statusSource?: Citation;
  readonly errorClass?: string;
  readonly mockCode?: string;
  readonly message?: string;
  readonly details?: readonly string[];
  readonly operations: "all" | readonly string[];
  readonly handling: HandlingId;
  readonly rationale: string;
  readonly documentsSilent?: boolean;
  /** What a person has to confirm; `faultproof sync` writes it on the entries it adds. */
  readonly review?: string;
  /** The cited page no longer has this row; the entry stays in force until a person deletes it. */
  readonly removedFromPage?: boolean;
  readonly source: Citation;
}

export interface RuleInput {
  readonly id: string;
  readonly kind: RuleKind;
  readonly summary: string;
  readonly statuses?: readonly number[];
  readonly codes?: readonly string[];
  readonly methods?: readonly HttpMethod[];
  readonly operations?: readonly string[];
  readonly firstRetryImmediate?: boolean;
  readonly scheduleMs?: readonly number[];
  readonly maxAttempts?: number;
  readonly neverInstant?: boolean;
  readonly minDelayMs?: number;
  readonly tpsLimit?: number;
  readonly tpsLimits?: readonly { readonly operation: string; readonly limit: number }[];
  readonly maxLength?: number;
  readonly header?: string;
  readonly keyPattern?: string;
  readonly missingCode?: string;
  readonly invalidCode?: string;
  readonly notificationVersion?: string;
  readonly handling?: HandlingId;
  readonly onExhausted?: HandlingId;
  readonly compensation?: readonly { readonly operation: string; readonly undo: string }[];
  readonly body?: { readonly json?: string; readonly xml?: string };
  readonly source: Citation;
  readonly detailSource?: Citation;
  /** The sentences this rule's verdicts enforce. */
  readonly enforces?: readonly SentenceInput[];
}

/** The verdicts a sentence can stand behind: one file each in suites/oracles/. */
export type VerdictId =
  | "retry-transient"
  | "exponential-backoff"
  | "retry-budget"
  | "bounded-retries"
  | "exhausted-hand-over"
  | "same-key-across-retries"
  | "distinct-keys-across-operations"
  | "idempotency-key-present"
  | "throttle-not-instant"
  | "resend-compensation"
  | "reconcile-state"
  | "unknown-never-success"
  | "success-not-dropped"
  | "normal-path"
  | "hard-decline-not-recharged"
  | "decline-not-retried"
  | "pending-charge-not-paid"
  | "pending-refund-not-final";

export type SentenceStrength = "requires" | "should" | "recommends" | "states";

export interface SentenceInput {
  readonly verdict: VerdictId;
  readonly quote: string;
  readonly strength: SentenceStrength;
  /** Where the sentence is, when not in the rule's own source. */
  readonly source?: Citation;
}

export interface SpecFileInput {
  readonly api?: ApiId;
  readonly title?: string;
  readonly sources?: readonly DocumentInput[];
  readonly handling?: readonly HandlingInput[];
  readonly hosts?: readonly HostInput[];
  readonly operations?: readonly OperationInput[];
  readonly mockPlacement?: readonly MockPlacementInput[];
  readonly successMockCode?: { readonly code: string; readonly source: Citation };
  readonly errorClasses?: readonly ErrorClassInput[];
  readonly commonCauses?: readonly CommonCauseInput[];
  readonly errors?: readonly ErrorInput[];
  readonly pending?: readonly PendingStateInput[];
  readonly objects?: readonly PayObjectInput[];
  readonly rules?: readonly RuleInput[];
}

/** An Amazon Pay object and the states its statusDetails.state can show. */
export interface PayObjectInput {
  readonly object: "CheckoutSession" | "ChargePermission" | "Charge" | "Refund";
  readonly states: readonly ObjectStateInput[];
  readonly source: Citation;
}

export interface ObjectStateInput {
  readonly state: string;
  /** pending: the result of the operation that made it is not known yet; open: it waits for the merchant; settled: the result is known. */
  readonly kind: "pending" | "open" | "settled";
  /** For a settled state: whether the operation that made the object took effect (Captured: yes; Declined: no). */
  readonly tookEffect?: boolean;
  readonly reasonCodes?: readonly string[];
  readonly source?: Citation;
  readonly reasonCodesSource?: Citation;
}

/** An answer that is not final: the object the operation made waits in `state` until it settles. */
export interface PendingStateInput {
  readonly id: string;
  readonly object: "Charge" | "Refund";
  readonly state: string;
  readonly operations: readonly string[];
  readonly settles: readonly { readonly state: string; readonly reasonCode?: string }[];
  readonly afterSeconds: number;
  /** Where the delay comes from, when not from `source`. */
  readonly afterSource?: Citation;
  readonly handling: HandlingId;
  readonly rationale: string;
  readonly source: Citation;
}
