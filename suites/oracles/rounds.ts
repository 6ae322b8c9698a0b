import type { Attempt } from "./oracle.js";

/**
 * Splits the attempts of an operation into rounds: a RESEND answer ends a
 * round, because the re-send after compensation is a new logical request with
 * a new request id. Within a round every attempt is a retry of the first.
 */
export function rounds(attempts: readonly Attempt[]): Attempt[][] {
  const out: Attempt[][] = [[]];
  for (const attempt of attempts) {
    out[out.length - 1]!.push(attempt);
    if (attempt.answer.kind === "documented" && attempt.answer.handling === "cancel-then-resend") out.push([]);
  }
  return out.filter((round) => round.length > 0);
}

export const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
