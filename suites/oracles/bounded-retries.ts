import { isPayRetryable, type Oracle } from "./oracle.js";

/** Retries of Amazon Pay's 408/429/500/503 end at a limit: an integration still retrying when cut off has none. */
export const boundedRetries: Oracle = ({ outcome, attempts, journal, operation }) => {
  if (outcome.status !== "hung" || attempts.length < 2) return undefined;
  const last = attempts.at(-1)!;
  // Still retrying: the operation's last request is the run's last, and its answer asked for a retry.
  if (journal.at(-1)?.seq !== last.entry.seq || !isPayRetryable(last)) return undefined;
  return { rule: "bounded-retries", message: `received ${attempts.length} attempts of one ${operation}, every one answered ${last.entry.response.status}, and the integration was still retrying when cut off (${outcome.error}); retries need a defined limit, then a hand-over` };
};
