import { isPayRetryable, type Oracle } from "./oracle.js";
import { declaresBackoff, policyProblem, shortestWait } from "./backoff-envelope.js";
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
    const waits = round.slice(1).map((attempt, i) => ({ n: i + 1, wait: attempt.entry.at - round[i]!.entry.at, covered: isPayRetryable(round[i]!) })).filter((w) => w.covered);
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
    const later = waits.filter((w) => w.n > 1);
    for (let i = 0; i < later.length; i += 1) {
      if (later[i]!.wait === 0) return { rule, message: `received retry ${later[i]!.n} of ${operation} with no wait (waits: ${shown}); only the first retry may be immediate` };
      if (i > 0 && later[i]!.wait < later[i - 1]!.wait) return { rule, message: `received retry ${later[i]!.n} of ${operation} after ${seconds(later[i]!.wait)}, following one after ${seconds(later[i - 1]!.wait)} (waits: ${shown}); an exponential backoff never shrinks. If yours is jittered, declare retryPolicy with jitter in the adapter` };
    }
    if (later.length >= 3 && later.at(-1)!.wait <= later[0]!.wait) return { rule, message: `received ${waits.length} retries of ${operation} with waits ${shown}, which do not grow; an exponential backoff waits longer each time` };
  }
  return undefined;
};
