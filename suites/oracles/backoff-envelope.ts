import type { RetryPolicy } from "../adapter.js";

/**
 * The declared backoff as an envelope: the shortest wait the policy allows
 * before each retry. A declaration that is not a growing, bounded backoff is
 * a problem of its own.
 */

/** Real integrations round; a millisecond either way is the same wait. */
const SLACK_MS = 1;

/** The backoff before retry n (1-based), before jitter. */
export function declaredDelay(policy: RetryPolicy, retry: number): number {
  if (policy.delaysMs && policy.delaysMs.length > 0) return policy.delaysMs[Math.min(retry - 1, policy.delaysMs.length - 1)]!;
  const immediate = policy.immediateFirstRetry === true;
  if (immediate && retry === 1) return 0;
  const step = retry - 1 - (immediate ? 1 : 0);
  const grown = (policy.initialDelayMs ?? 0) * (policy.multiplier ?? 1) ** step;
  return Math.min(grown, policy.maxDelayMs ?? Infinity);
}

/** The shortest wait the policy allows before retry n. */
export function shortestWait(policy: RetryPolicy, retry: number): number {
  const delay = declaredDelay(policy, retry);
  const floor = policy.jitter === "full" ? 0 : policy.jitter === "equal" ? delay / 2 : delay;
  return Math.max(0, Math.floor(floor) - SLACK_MS);
}

/** True when the policy declares the shape of its backoff, not only its limit. */
export function declaresBackoff(policy: RetryPolicy): boolean {
  return (policy.delaysMs !== undefined && policy.delaysMs.length > 0) || policy.initialDelayMs !== undefined || policy.multiplier !== undefined;
}

/** Why a declared policy is not a growing, bounded backoff, or undefined when it is one. */
export function policyProblem(policy: RetryPolicy): string | undefined {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 2) return `maxAttempts is ${policy.maxAttempts}: the documents say to retry, so at least 2 attempts`;
  if (policy.delaysMs && policy.delaysMs.length > 0) {
    const delays = policy.delaysMs;
    if (delays.some((ms) => !Number.isFinite(ms) || ms < 0)) return `delaysMs ${JSON.stringify(delays)} holds a wait that is not a non-negative number`;
    if (delays.some((ms, i) => i > 0 && ms < delays[i - 1]!)) return `delaysMs ${JSON.stringify(delays)} shrinks: a backoff grows`;
    const used = delays.slice(0, policy.maxAttempts - 1);
    if (used.length >= 3 && used.at(-1)! <= used[1]!) return `delaysMs ${JSON.stringify(delays)} does not grow: an exponential backoff waits longer each time`;
    return undefined;
  }
  if (policy.initialDelayMs === undefined && policy.multiplier === undefined) return undefined; // only a limit declared: the waits are judged by their shape
  if (policy.initialDelayMs === undefined || policy.multiplier === undefined) return "declare delaysMs, or initialDelayMs with multiplier";
  if (!(policy.initialDelayMs > 0)) return `initialDelayMs is ${policy.initialDelayMs}: a backoff waits`;
  if (!(policy.multiplier > 1)) return `multiplier is ${policy.multiplier}: an exponential backoff grows by a factor above 1`;
  if (policy.maxDelayMs !== undefined && !(policy.maxDelayMs >= policy.initialDelayMs)) return `maxDelayMs ${policy.maxDelayMs} is below initialDelayMs ${policy.initialDelayMs}`;
  return undefined;
}
