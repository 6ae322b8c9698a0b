import { isPayRetryable, type Oracle } from "./oracle.js";
import { declaresBackoff, policyProblem, shapeProblem, shortestWait } from "./backoff-envelope.js";
import { rounds, seconds } from "./rounds.js";

/**
 * Retries of Amazon Pay's 408, 429, 500 and 503 back off exponentially. With
 * a declared retryPolicy each such wait is at least what the policy allows
 * (jitter included); without one, the waits after the first retry (which may
 * be immediate) are longer than zero, never shrink, and grow. Waits after
 * other answers (a lost connection) are the integration's own business.
 */
export const exponentialBackoff: Oracle = ({ api, attempts, policy, operation }) => {
  if (api !== "amazon-pay") return undefined;
  const rule = "exponential-backoff";
  for (const round of rounds(attempts)) {
    // retry n of the round, and the wait before it, wherever the answer before it was a 408/429/500/503.
    // A wait after an answer that carried Retry-After is the server's, not the integration's backoff: not measured.
    const waits = round
      .slice(1)
      .map((attempt, i) => ({ n: i + 1, wait: attempt.entry.at - round[i]!.entry.at, covered: isPayRetryable(round[i]!) && round[i]!.entry.response.retryAfterSeconds === undefined }))
      .filter((w) => w.covered);
    if (waits.length === 0) continue;
    const shown = waits.map((w) => seconds(w.wait)).join(", ");
    if (policy) {
      const problem = policyProblem(policy);
      if (problem) return { rule, message: `the adapter's retryPolicy is not a growing, bounded backoff: ${problem}` };
    }
    if (policy && declaresBackoff(policy)) {
      const short = waits.find((w) => w.wait < shortestWait(policy, w.n));
      if (short) return { rule, message: `received retry ${short.n} of ${operation} after ${seconds(short.wait)}; the declared retryPolicy waits at least ${seconds(shortestWait(policy, short.n) + 1)} before it (waits: ${shown})` };
      continue;
    }
    // No backoff declared: the observed waits must have the shape of one, wherever they were measured.
    const problem = shapeProblem(consecutive(waits));
    if (problem) return { rule, message: `received ${waits.length} retr${waits.length === 1 ? "y" : "ies"} of ${operation} after waits of ${shown}; ${problem}. If yours is jittered, declare retryPolicy with jitter in the adapter` };
  }
  return undefined;
};

/** The measured waits as a sequence from retry 1: a retry not measured (after a lost answer) keeps its place with the wait before it. */
function consecutive(waits: readonly { n: number; wait: number }[]): number[] {
  if (waits.length === 0) return [];
  // Retry 1 may be immediate; a first measured retry later than 1 is judged as a later one.
  return waits[0]!.n === 1 ? waits.map((w) => w.wait) : [0, ...waits.map((w) => w.wait)];
}
