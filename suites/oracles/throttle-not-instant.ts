import type { Oracle } from "./oracle.js";
import { seconds } from "./rounds.js";

/** A throttled request is never retried instantly: the next request waits at least one TPS window. */
export const throttleNotInstant: Oracle = ({ attempts, policy }) => {
  for (let i = 0; i + 1 < attempts.length; i += 1) {
    const answer = attempts[i]!.answer;
    if (answer.kind !== "documented" || answer.handling !== "retry-not-instantly") continue;
    const wait = attempts[i + 1]!.entry.at - attempts[i]!.entry.at;
    if (wait < policy.throttleMinDelayMs) {
      return { rule: "throttle-not-instant", message: `received a retry ${seconds(wait)} after ${answer.code}; documented: never retry a throttled request instantly (wait at least ${seconds(policy.throttleMinDelayMs)})` };
    }
  }
  return undefined;
};
