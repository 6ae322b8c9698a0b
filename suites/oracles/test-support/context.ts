import { conformanceModel } from "../../../generated/conformance-model.js";
import type { RetryPolicy } from "../../adapter.js";
import type { JournalEntry } from "../../sandbox/journal.js";
import type { ApiId } from "../../../generator/spec/spec-input.js";
import type { Citation } from "../citation.js";
import { judge, type Judgement } from "../index.js";
import type { AnswerClass, Attempt, OracleContext } from "../oracle.js";

/** One request of a run: operation, arrival time, answer, and the key or request id it carried. */
export interface Step {
  readonly op?: string;
  readonly at: number;
  readonly answer: AnswerClass;
  readonly key?: string;
  readonly method?: string;
  /** The HTTP status the answer came with (Amazon Pay's retry rule reads it). */
  readonly status?: number;
  /** The error class of the answer's documented row (F100 … F500). */
  readonly kind?: string;
  /** The Retry-After the answer carried, in seconds. */
  readonly retryAfter?: number;
  /** The object's state the answer shows (an Amazon Pay success). */
  readonly state?: string;
}

export const ok: AnswerClass = { kind: "success" };
export const documented = (code: string, handling: Extract<AnswerClass, { kind: "documented" }>["handling"]): AnswerClass => ({ kind: "documented", code, handling });
export const transient: AnswerClass = { kind: "transient", detail: "a network error" };
export const unknown: AnswerClass = { kind: "unknown", detail: "HTTP 502 without a documented code" };

const statusOf = (step: Step): number => step.status ?? (step.answer.kind === "success" ? 200 : step.answer.kind === "transient" ? 0 : 400);

/** A context for one run, by default of Incentives' CreateGiftCard (undo: CancelGiftCard), built from steps. */
export function contextOf(options: {
  steps: readonly Step[];
  outcome: OracleContext["outcome"];
  api?: ApiId;
  policy?: RetryPolicy;
  nextIdentity?: string;
  operation?: string;
  objectState?: string;
  normal?: boolean;
}): OracleContext {
  const api = options.api ?? "incentives";
  const operation = options.operation ?? (api === "incentives" ? "CreateGiftCard" : "CreateCharge");
  const entries = options.steps.map((step, seq): JournalEntry & { answer: AnswerClass; kind?: string } => ({
    seq,
    api,
    operation: step.op ?? operation,
    method: step.method ?? "POST",
    url: `https://example.test/${step.op ?? operation}`,
    headers: api === "amazon-pay" && step.key !== undefined ? { "x-amz-pay-idempotency-key": step.key } : {},
    body: { key: step.key },
    at: step.at,
    response: { status: statusOf(step), by: "fault", ...(step.answer.kind === "documented" ? { code: step.answer.code } : {}), ...(step.retryAfter === undefined ? {} : { retryAfterSeconds: step.retryAfter }), ...(step.state === undefined ? {} : { state: step.state }) },
    answer: step.answer,
    ...(step.kind ? { kind: step.kind } : {}),
  }));
  const attempts: Attempt[] = entries.filter((entry) => entry.operation === operation).map((entry) => ({ entry, answer: entry.answer }));
  const model = conformanceModel;
  return {
    api,
    operation,
    failure: { id: "f", code: "X", handling: "fail-surface" },
    journal: entries,
    attempts,
    outcome: options.outcome,
    ...(options.policy ? { policy: options.policy } : {}),
    throttleMinDelayMs: model.throttleMinDelayMs,
    undo: "CancelGiftCard",
    identity: (entry) => (entry.body as { key?: string }).key,
    acceptedOutcomes: (handling) => model.outcomes[handling] ?? [],
    advisedOutcomes: (handling) => model.advised[handling] ?? [],
    idempotency: { header: model.idempotencyHeader, methods: model.idempotentMethods },
    ...(options.objectState ? { objectState: options.objectState } : {}),
    ...(options.normal ? { normal: options.nextIdentity ? { nextIdentity: options.nextIdentity } : {} } : {}),
    rowOf: () => undefined,
    kindOf: (entry) => (entry as JournalEntry & { kind?: string }).kind,
    objectStates: model.objectStates,
  };
}

/** Judges a context as a certification does: with the sentences the spec gives its API. */
export function judged(context: OracleContext): Judgement {
  const citations = new Map<string, Citation>(conformanceModel.citations.filter((c) => c.api === context.api).map((c) => [c.verdict, c.citation]));
  return judge(context, (rule) => citations.get(rule));
}
