import type { Attempt } from "./oracle.js";

/** Answers after which the next attempt may be a new request: RESEND, and a soft decline (doc 004: charge again). */
const ENDS_ROUND: ReadonlySet<string> = new Set(["cancel-then-resend", "recharge-or-ask-buyer"]);

/**
 * Splits the attempts of an operation into rounds: a RESEND answer or a soft
 * decline ends a round, because what follows it is either a retry of the same
 * request or a new request (after compensation, or after reading the Charge
 * Permission). Within a round every attempt after a
 * transient answer is a retry of the first.
 */
export function rounds(attempts: readonly Attempt[]): Attempt[][] {
  const out: Attempt[][] = [[]];
  for (const attempt of attempts) {
    out[out.length - 1]!.push(attempt);
    if (attempt.answer.kind === "documented" && ENDS_ROUND.has(attempt.answer.handling)) out.push([]);
  }
  return out.filter((round) => round.length > 0);
}

export const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : ms > 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

/** The waits before each retry of a round, in order: `waits[0]` is the wait before the second attempt. */
export function waitsOf(round: readonly Attempt[]): number[] {
  return round.slice(1).map((attempt, i) => attempt.entry.at - round[i]!.entry.at);
}
