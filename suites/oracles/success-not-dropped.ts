import { describeOutcome, type Oracle } from "./oracle.js";
import { settledWithoutEffect } from "./pending-not-final.js";

/** When the last answer was a success, the operation took effect: reporting it failed drops a charge or a card that exists. */
export const successNotDropped: Oracle = (context) => {
  const { attempts, outcome, operation } = context;
  const last = attempts.at(-1);
  if (last?.answer.kind !== "success" || outcome.status !== "failed") return undefined;
  // A pending authorization or refund that a GET then showed Declined did not take effect.
  if (settledWithoutEffect(context)) return undefined;
  const retried = attempts.length > 1 ? ` (attempt ${attempts.length}, a retry of the same request)` : "";
  return { rule: "success-not-dropped", message: `received ${describeOutcome(outcome)}, but the last ${operation} was answered with a success${retried}: the operation took effect` };
};
