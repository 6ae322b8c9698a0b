import { leavesOpen, type Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/**
 * A retry of a request whose fate is open (a lost answer, a 5xx, throttling)
 * carries the same idempotency key (Amazon Pay) or request id (Incentives),
 * so the operation happens at most once.
 */
export const sameKeyAcrossRetries: Oracle = ({ attempts, identity, operation }) => {
  for (const round of rounds(attempts)) {
    const first = identity(round[0]!.entry);
    if (first === undefined) continue;
    for (let i = 1; i < round.length; i += 1) {
      // After a final answer a new id starts a new logical operation; nothing is left open.
      if (!leavesOpen(round[i - 1]!.answer)) break;
      const key = identity(round[i]!.entry);
      if (key !== first) {
        return { rule: "same-key-across-retries", message: `received ${operation} attempt ${i + 1} with ${JSON.stringify(key ?? null)}, attempt 1 with ${JSON.stringify(first)}, after attempt ${i} was left open; a retry must carry the same key or request id` };
      }
    }
  }
  return undefined;
};
