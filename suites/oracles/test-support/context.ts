import type { JournalEntry } from "../../sandbox/journal.js";
import type { AnswerClass, Attempt, OracleContext } from "../oracle.js";

const OUTCOMES: Record<string, readonly string[]> = {
  "retry-backoff": ["succeeded", "handed-over"],
  "retry-not-instantly": ["succeeded", "handed-over"],
  "cancel-then-resend": ["succeeded", "handed-over"],
  "fail-surface": ["failed", "handed-over"],
  "manual-follow-up": ["handed-over"],
  "reconcile-state": ["succeeded", "failed", "handed-over"],
};

/** One request of a run: operation, arrival time, answer, and the key or request id it carried. */
export interface Step {
  readonly op?: string;
  readonly at: number;
  readonly answer: AnswerClass;
  readonly key?: string;
  readonly method?: string;
}

export const ok: AnswerClass = { kind: "success" };
export const documented = (code: string, handling: Extract<AnswerClass, { kind: "documented" }>["handling"]): AnswerClass => ({ kind: "documented", code, handling });
export const transient: AnswerClass = { kind: "transient", detail: "a network error" };
export const unknown: AnswerClass = { kind: "unknown", detail: "HTTP 502 without a documented code" };

/** A context for the operation `CreateGiftCard` (undo: CancelGiftCard) built from steps. */
export function contextOf(options: { steps: readonly Step[]; outcome: OracleContext["outcome"]; maxAttempts?: number; nextIdentity?: string; operation?: string }): OracleContext {
  const operation = options.operation ?? "CreateGiftCard";
  const entries = options.steps.map((step, seq): JournalEntry & { answer: AnswerClass } => ({
    seq,
    api: "incentives",
    operation: step.op ?? operation,
    method: step.method ?? "POST",
    url: `https://agcod-v2-gamma.amazon.com/${step.op ?? operation}`,
    headers: {},
    body: { key: step.key },
    at: step.at,
    response: { status: step.answer.kind === "success" ? 200 : 400, by: "fault" },
    answer: step.answer,
  }));
  const attempts: Attempt[] = entries.filter((entry) => entry.operation === operation).map((entry) => ({ entry, answer: entry.answer }));
  return {
    api: "incentives",
    operation,
    failure: { id: "f", code: "X", handling: "fail-surface" },
    journal: entries,
    attempts,
    outcome: options.outcome,
    policy: { maxAttempts: options.maxAttempts ?? 4, throttleMinDelayMs: 1000 },
    undo: "CancelGiftCard",
    identity: (entry) => (entry.body as { key?: string }).key,
    acceptedOutcomes: (handling) => OUTCOMES[handling] ?? [],
    ...(options.nextIdentity ? { nextIdentity: options.nextIdentity } : {}),
  };
}
