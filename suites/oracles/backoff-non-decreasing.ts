import { RETRYING, type Oracle } from "./oracle.js";
import { rounds, seconds } from "./rounds.js";

/** Retries back off: each wait is at least as long as the one before (the first retry may be immediate). */
export const backoffNonDecreasing: Oracle = ({ attempts }) => {
  for (const round of rounds(attempts)) {
    let previous = 0;
    for (let i = 0; i + 1 < round.length; i += 1) {
      const answer = round[i]!.answer;
      const retryable = answer.kind === "transient" || (answer.kind === "documented" && RETRYING.has(answer.handling));
      if (!retryable) break;
      const wait = round[i + 1]!.entry.at - round[i]!.entry.at;
      if (wait < previous) return { rule: "backoff-non-decreasing", message: `received a retry after ${seconds(wait)}, following one after ${seconds(previous)}; documented: exponential backoff, waits never shrink` };
      previous = wait;
    }
  }
  return undefined;
};
