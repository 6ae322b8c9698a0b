import type { Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/** Every retry of one logical operation carries the same idempotency key (Amazon Pay) or request id (Incentives). */
export const sameKeyAcrossRetries: Oracle = ({ attempts, identity, operation }) => {
  for (const round of rounds(attempts)) {
    const keys = round.map((attempt) => identity(attempt.entry));
    if (keys.every((key) => key === undefined)) continue;
    const first = keys[0];
    const changed = keys.findIndex((key) => key !== first);
    if (changed >= 0) {
      return { rule: "same-key-across-retries", message: `received ${operation} attempt ${changed + 1} with ${JSON.stringify(keys[changed] ?? null)}, attempt 1 with ${JSON.stringify(first ?? null)}; documented: retries reuse the same key or request id, so the operation happens once` };
    }
  }
  return undefined;
};
