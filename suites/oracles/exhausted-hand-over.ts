import { describeOutcome, isPayRetryable, type Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/** When retries of Amazon Pay's 408/429/500/503 end without a success, the case is handed over for manual follow-up, not dropped as a plain failure. */
export const exhaustedHandOver: Oracle = ({ attempts, outcome, operation }) => {
  const round = rounds(attempts).at(-1);
  if (!round || round.length < 2 || !isPayRetryable(round.at(-1)!) || outcome.status !== "failed") return undefined;
  return { rule: "exhausted-hand-over", message: `received ${describeOutcome(outcome)} after ${round.length} attempts of one ${operation}, the last answered ${round.at(-1)!.entry.response.status}; when retries end, hand the case over (status "handed-over")` };
};
