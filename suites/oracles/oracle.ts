import type { AdapterOutcome, RetryPolicy } from "../adapter.js";
import type { JournalEntry } from "../sandbox/journal.js";
import type { ApiId, HandlingId, Outcome, VerdictId } from "../../generator/spec/spec-input.js";
import type { ObjectState } from "../conformance/model.js";
import type { Citation } from "./citation.js";

/**
 * How an oracle sees one run: the documented failure under test, every
 * request the sandbox saw, and what the integration concluded.
 */
export interface OracleContext {
  readonly api: ApiId;
  /** The operation the adapter was asked to perform. */
  readonly operation: string;
  /** The documented failure this property exercises. */
  readonly failure: { readonly id: string; readonly code: string; readonly handling: HandlingId };
  /** Every request of the run, in order. */
  readonly journal: readonly JournalEntry[];
  /** The requests of `operation`, each classified by what its answer demands. */
  readonly attempts: readonly Attempt[];
  /** What the adapter returned, or what it did instead. */
  readonly outcome: AdapterOutcome | NoOutcome;
  /** Requests the integration sent to hosts the sandbox does not serve: refused, never sent. */
  readonly outside?: readonly string[];
  /** The retry policy the team declared, if it declared one. */
  readonly policy?: RetryPolicy;
  /** Smallest wait that is not an instant retry of a throttled Incentives request. */
  readonly throttleMinDelayMs: number;
  /** The operation that undoes `operation` after a RESEND (Incentives), if any. */
  readonly undo?: string;
  /** The field carrying the logical operation's identity: idempotency header or request-id field. */
  readonly identity: (entry: JournalEntry) => string | undefined;
  /** Every outcome that follows the documents for a handling (spec/handling.yaml). */
  readonly acceptedOutcomes: (handling: HandlingId) => readonly Outcome[];
  /** The outcomes advised where the documents leave the choice open. */
  readonly advisedOutcomes: (handling: HandlingId) => readonly Outcome[];
  /** The methods that carry an idempotency key, and its header (Amazon Pay). */
  readonly idempotency: { readonly header: string; readonly methods: readonly string[] };
  /** The state of the object the operation acted on, read back from the sandbox after the run (a checkout session's). */
  readonly objectState?: string;
  /** Set on the run with no fault at all: the normal path, and a second operation's identity. */
  readonly normal?: { readonly nextIdentity?: string };
  /** The documented row an answer came from, to quote it. */
  readonly rowOf: (entry: JournalEntry) => Citation | undefined;
  /** The error class (F100…F500, Throttled) or HTTP status of the documented row an answer came from. */
  readonly kindOf: (entry: JournalEntry) => string | undefined;
  /** Amazon Pay's objects and how their states read (spec/amazon-pay/objects.yaml). */
  readonly objectStates: readonly ObjectState[];
}

/**
 * What the adapter did instead of returning an outcome: it threw, it never
 * settled (cut off by the clock), or it returned something outside the contract.
 */
export interface NoOutcome {
  readonly status: "threw" | "hung" | "invalid";
  /** What it threw, why it was cut off, or what it returned, as text. */
  readonly error: string;
}

const OUTCOME_STATUSES: ReadonlySet<string> = new Set(["succeeded", "failed", "handed-over", "pending"]);

/** True when the adapter returned one of the contract's outcomes. */
export function isOutcome(outcome: OracleContext["outcome"]): outcome is AdapterOutcome {
  return OUTCOME_STATUSES.has(outcome.status);
}

/** What the answer to one request demands of the integration. */
export type AnswerClass =
  | { readonly kind: "success" }
  /** A documented error with its handling. */
  | { readonly kind: "documented"; readonly code: string; readonly handling: HandlingId }
  /** No usable answer: a network error, a hang cut by the client, a retryable status without a documented code. */
  | { readonly kind: "transient"; readonly detail: string }
  /** An answer that is neither a success nor a documented error: never a success. */
  | { readonly kind: "unknown"; readonly detail: string };

export interface Attempt {
  readonly entry: JournalEntry;
  readonly answer: AnswerClass;
}

/**
 * A rule the run broke: its id (a file in this folder), what was seen against
 * what is documented, and the sentence it enforces. An oracle may quote the
 * sentence itself (a code's own row); otherwise the judge looks it up in the
 * spec, and a rule with no sentence behind it only gives advice.
 */
export interface Violation {
  readonly rule: VerdictId | AdviceId | "adapter-contract";
  readonly message: string;
  readonly citation?: Citation;
}

/** Rules no document sentence stands behind: they can only advise. */
export type AdviceId = "no-retry-after-final-error" | "manual-follow-up" | "surface-code" | "hand-over-when-giving-up" | "outcome-data";

export type Oracle = (context: OracleContext) => Violation | undefined;

/** Handlings whose answer settles the request: a next request is a new one, never a retry of it. */
export const FINAL: ReadonlySet<HandlingId> = new Set(["fail-surface", "manual-follow-up", "reconcile-state", "recharge-or-ask-buyer", "ask-buyer-to-update", "reengage-buyer"]);

/** Amazon Pay's statuses to retry (000: "You should immediately retry a request if you receive a response with a 408, 429, 500, or 503 HTTP status code"). */
const PAY_RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 503]);

/** True when the answer is one Amazon Pay's retry rule covers: 408, 429, 500 or 503, documented code or not. */
export function isPayRetryable(attempt: Attempt): boolean {
  return attempt.entry.api === "amazon-pay" && PAY_RETRY_STATUSES.has(attempt.entry.response.status);
}

/** True when the answer leaves the request's fate open, so a next attempt is a retry of the same logical request. */
export function leavesOpen(answer: AnswerClass): boolean {
  if (answer.kind === "transient" || answer.kind === "unknown") return true;
  return answer.kind === "documented" && !FINAL.has(answer.handling);
}

export function describeAnswer(answer: AnswerClass): string {
  switch (answer.kind) {
    case "success":
      return "a success";
    case "documented":
      return answer.code;
    default:
      return answer.detail;
  }
}

export function describeOutcome(outcome: OracleContext["outcome"]): string {
  switch (outcome.status) {
    case "succeeded":
      return "succeeded";
    case "failed":
      return `failed with ${outcome.code === "" ? "an empty code" : outcome.code}`;
    case "handed-over":
      return `handed over${outcome.code ? ` with ${outcome.code}` : ""}`;
    case "pending":
      return `pending${typeof outcome.data?.state === "string" ? ` (${outcome.data.state})` : ""}`;
    case "threw":
      return `threw ${outcome.error}`;
    case "hung":
      return `never settled (${outcome.error})`;
    case "invalid":
      return `returned ${outcome.error}`;
  }
}
