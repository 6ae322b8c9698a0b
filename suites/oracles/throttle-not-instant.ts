import type { Oracle } from "./oracle.js";
import { seconds } from "./rounds.js";

/** A throttled Incentives request is not retried instantly: not within one call's share of the documented rate. */
export const throttleNotInstant: Oracle = ({ attempts, throttleMinDelayMs }) => {
  for (let i = 0; i + 1 < attempts.length; i += 1) {
    const answer = attempts[i]!.answer;
    if (answer.kind !== "documented" || answer.handling !== "retry-not-instantly") continue;
    const wait = attempts[i + 1]!.entry.at - attempts[i]!.entry.at;
    if (wait < throttleMinDelayMs) {
      return { rule: "throttle-not-instant", message: `received a retry ${seconds(wait)} after ${answer.code}; any wait of ${seconds(throttleMinDelayMs)} (one call at the documented 10 per second) or more is not instant` };
    }
  }
  return undefined;
};
