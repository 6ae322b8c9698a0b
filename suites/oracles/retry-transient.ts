import { isPayRetryable, type Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/** Amazon Pay's 408, 429, 500 and 503 are retried at least once before the integration gives up. */
export const retryTransient: Oracle = ({ attempts, outcome, operation }) => {
  if (outcome.status === "hung") return undefined;
  const last = rounds(attempts).at(-1);
  if (last?.length !== 1 || !isPayRetryable(last[0]!)) return undefined;
  return { rule: "retry-transient", message: `received one ${operation}, answered ${last[0]!.entry.response.status}${last[0]!.entry.response.code ? ` ${last[0]!.entry.response.code}` : ""}, and no retry of it before the integration ${outcome.status === "succeeded" ? "reported success" : "gave up"}` };
};
