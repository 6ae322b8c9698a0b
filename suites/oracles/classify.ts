import type { JournalEntry } from "../sandbox/journal.js";
import type { HandlingId } from "../../generator/spec/spec-input.js";
import type { AnswerClass } from "./oracle.js";

/** Statuses Amazon Pay documents as retryable (seed 000). */
const PAY_RETRYABLE = new Set([408, 429, 500, 503]);

/**
 * Classifies one answer by what it demands: a documented code by its
 * handling; for Amazon Pay a retryable status with no documented code (a
 * gateway page, a raw 408) is transient; a dropped or hung connection is
 * transient for both APIs (retrying with the same key or request id is safe);
 * anything else is unknown, which is never a success.
 */
export function classifyAnswer(options: {
  entry: JournalEntry;
  /** The handling of a documented row, by its id; else of a code on an operation. */
  handlingOf: (answer: { errorId?: string; code: string; operation: string }) => HandlingId | undefined;
}): AnswerClass {
  const { entry } = options;
  const { response } = entry;
  if (response.code !== undefined) {
    const handling = options.handlingOf({ code: response.code, operation: entry.operation ?? "", ...(response.errorId ? { errorId: response.errorId } : {}) });
    if (handling) return { kind: "documented", code: response.code, handling };
    return { kind: "unknown", detail: `undocumented code ${response.code}` };
  }
  if (response.status === 0) return { kind: "transient", detail: response.fault === "hang" ? "no answer (timed out)" : "a network error" };
  if (response.fault === "malformed-body" || response.fault === "truncated-body") return { kind: "unknown", detail: `a ${response.fault.replace("-", " ")} with status ${response.status}` };
  if (response.status >= 200 && response.status < 300) return { kind: "success" };
  if (entry.api === "amazon-pay" && PAY_RETRYABLE.has(response.status)) return { kind: "transient", detail: `HTTP ${response.status} without a reason code` };
  return { kind: "unknown", detail: `HTTP ${response.status} without a documented code` };
}
