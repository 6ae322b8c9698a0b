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

/**
 * Why a sequence of waits before retries 1, 2, … is not an exponential
 * backoff, or undefined when it is one: only the first retry may be
 * immediate; after it the waits never shrink, and over three or more of them
 * they grow.
 */
export function shapeProblem(waits: readonly number[]): string | undefined {
  const later = waits.slice(1);
  const zero = later.findIndex((wait) => wait <= 0);
  if (zero >= 0) return `retry ${zero + 2} waits 0 s: only the first retry may be immediate`;
  const shrinks = later.findIndex((wait, i) => i > 0 && wait < later[i - 1]!);
  if (shrinks >= 0) return `retry ${shrinks + 2} waits less than retry ${shrinks + 1}: a backoff never shrinks`;
  if (later.length >= 3 && later.at(-1)! <= later[0]!) return `the waits after the first retry never grow: an exponential backoff waits longer each time`;
  return undefined;
}

/** Why a declared policy is not a growing, bounded backoff over the attempts it declares, or undefined when it is one. */
export function policyProblem(policy: RetryPolicy): string | undefined {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 2) return `maxAttempts is ${policy.maxAttempts}: the documents say to retry, so at least 2 attempts`;
  if (!declaresBackoff(policy)) return undefined; // only a limit declared: the observed waits are judged by their shape
  if (policy.delaysMs && policy.delaysMs.length > 0) {
    if (policy.delaysMs.some((ms) => !Number.isFinite(ms) || ms < 0)) return `delaysMs ${JSON.stringify(policy.delaysMs)} holds a wait that is not a non-negative number`;
  } else {
    if (policy.initialDelayMs === undefined || policy.multiplier === undefined) return "declare delaysMs, or initialDelayMs with multiplier";
    if (!(policy.initialDelayMs > 0)) return `initialDelayMs is ${policy.initialDelayMs}: a backoff waits`;
    if (!(policy.multiplier > 1)) return `multiplier is ${policy.multiplier}: an exponential backoff grows by a factor above 1`;
  }
  // The schedule as it runs over the declared attempts: the last delay repeats, the cap holds.
  const schedule = Array.from({ length: policy.maxAttempts - 1 }, (_, i) => declaredDelay(policy, i + 1));
  const problem = shapeProblem(schedule);
  return problem ? `over ${policy.maxAttempts} attempts it waits ${schedule.map((ms) => `${ms} ms`).join(", ")}; ${problem}` : undefined;
}
