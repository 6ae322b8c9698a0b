import { describeOutcome, isOutcome, type Oracle } from "./oracle.js";

/** After a final documented failure the outcome carries the code the API returned, in an outcome the handling allows. */
export const surfaceCode: Oracle = ({ attempts, outcome, acceptedOutcomes }) => {
  const last = attempts.at(-1)?.answer;
  if (last?.kind !== "documented" || (last.handling !== "fail-surface" && last.handling !== "manual-follow-up")) return undefined;
  if (!isOutcome(outcome)) return undefined;
  if (!acceptedOutcomes(last.handling).includes(outcome.status)) return undefined; // manual-follow-up reports this
  const code = outcome.status === "succeeded" ? undefined : outcome.code;
  if (code === last.code) return undefined;
  return { rule: "surface-code", message: `received ${describeOutcome(outcome)}; documented: the outcome surfaces ${last.code}` };
};
