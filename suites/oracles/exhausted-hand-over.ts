import { describeAnswer, isOutcome, RETRYING, type Oracle } from "./oracle.js";

/** When retries end without a success, the outcome is a hand-over for manual follow-up, never a silent success or a plain failure. */
export const exhaustedHandOver: Oracle = ({ attempts, outcome }) => {
  const last = attempts.at(-1)?.answer;
  if (!last) return undefined;
  const retryable = last.kind === "transient" || (last.kind === "documented" && (RETRYING.has(last.handling) || last.handling === "cancel-then-resend"));
  if (!retryable || outcome.status === "handed-over" || !isOutcome(outcome)) return undefined;
  return { rule: "exhausted-hand-over", message: `received ${outcome.status} after the last attempt got ${describeAnswer(last)}; documented: after the retry limit, log and hand over for manual follow-up` };
};
