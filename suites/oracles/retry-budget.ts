import type { Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/** A logical operation is attempted at most the declared number of times (capped by the documented limit). */
export const retryBudget: Oracle = ({ attempts, policy, operation }) => {
  const longest = Math.max(0, ...rounds(attempts).map((round) => round.length));
  if (longest <= policy.maxAttempts) return undefined;
  return { rule: "retry-budget", message: `received ${longest} attempts of one ${operation}; the budget is ${policy.maxAttempts}` };
};
