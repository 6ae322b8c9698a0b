import type { AdapterOutcome } from "../adapter.js";
import type { JournalEntry } from "../sandbox/journal.js";
import type { ApiId, HandlingId } from "../../generator/spec/spec-input.js";

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
  readonly policy: RetryLimits;
  /** The operation that undoes `operation` after a RESEND (Incentives), if any. */
  readonly undo?: string;
  /** The field carrying the logical operation's identity: idempotency header or request-id field. */
  readonly identity: (entry: JournalEntry) => string | undefined;
  /** The outcomes a handling allows (spec/handling.yaml). */
  readonly acceptedOutcomes: (handling: HandlingId) => readonly string[];
  /** The identity of the next logical operation's first request, when the run made one. */
  readonly nextIdentity?: string;
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

const OUTCOME_STATUSES: ReadonlySet<string> = new Set(["succeeded", "failed", "handed-over"]);

/** True when the adapter returned one of the contract's outcomes. */
export function isOutcome(outcome: OracleContext["outcome"]): outcome is AdapterOutcome {
  return OUTCOME_STATUSES.has(outcome.status);
}

export interface RetryLimits {
  /** Attempts allowed for one logical operation: the team's declared policy, capped by the documents. */
  readonly maxAttempts: number;
  /** Smallest wait before retrying a throttled Incentives request (documented: never instantly). */
  readonly throttleMinDelayMs: number;
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

/** A broken rule: its id (the file name in this folder) and what was seen against what is documented. */
export interface Violation {
  readonly rule: string;
  readonly message: string;
}

export type Oracle = (context: OracleContext) => Violation | undefined;

export const RETRYING: ReadonlySet<HandlingId> = new Set(["retry-backoff", "retry-not-instantly"]);
export const FINAL: ReadonlySet<HandlingId> = new Set(["fail-surface", "manual-follow-up", "reconcile-state"]);

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
      return `failed with ${outcome.code}`;
    case "handed-over":
      return `handed over${outcome.code ? ` with ${outcome.code}` : ""}`;
    case "threw":
      return `threw ${outcome.error}`;
    case "hung":
      return `never settled (${outcome.error})`;
    case "invalid":
      return `returned ${outcome.error}`;
  }
}
