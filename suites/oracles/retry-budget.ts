import type { Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/** The integration keeps to the limit it declared: no more attempts of one logical operation than `retryPolicy.maxAttempts`. */
export const retryBudget: Oracle = ({ api, attempts, policy, operation }) => {
  if (api !== "amazon-pay" || !policy) return undefined;
  const longest = Math.max(0, ...rounds(attempts).map((round) => round.length));
  if (longest <= policy.maxAttempts) return undefined;
  return { rule: "retry-budget", message: `received ${longest} attempts of one ${operation}; the adapter's retryPolicy declares at most ${policy.maxAttempts}` };
};
