import { describeOutcome, type Oracle } from "./oracle.js";

/** When the last answer was a success, the operation took effect: reporting it failed drops a charge or a card that exists. */
export const successNotDropped: Oracle = ({ attempts, outcome, operation }) => {
  const last = attempts.at(-1);
  if (last?.answer.kind !== "success" || outcome.status !== "failed") return undefined;
  const retried = attempts.length > 1 ? ` (attempt ${attempts.length}, a retry of the same request)` : "";
  return { rule: "success-not-dropped", message: `received ${describeOutcome(outcome)}, but the last ${operation} was answered with a success${retried}: the operation took effect` };
};
