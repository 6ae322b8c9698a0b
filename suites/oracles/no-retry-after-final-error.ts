import { FINAL, type Oracle } from "./oracle.js";

/** A documented failure whose handling is final (fail, hand over, reconcile) is never retried. */
export const noRetryAfterFinalError: Oracle = ({ attempts, operation }) => {
  const index = attempts.findIndex((a, i) => i < attempts.length - 1 && a.answer.kind === "documented" && FINAL.has(a.answer.handling));
  if (index < 0) return undefined;
  const answer = attempts[index]!.answer;
  if (answer.kind !== "documented") return undefined;
  return {
    rule: "no-retry-after-final-error",
    message: `received ${operation} again after ${answer.code}; documented handling is ${answer.handling}: never retried (${attempts.length - index - 1} more request${attempts.length - index - 1 === 1 ? "" : "s"})`,
  };
};
