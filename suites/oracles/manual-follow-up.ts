import { describeOutcome, isOutcome, type Oracle } from "./oracle.js";

/** A final documented failure ends in an outcome its handling allows: manual-follow-up means a hand-over. */
export const manualFollowUp: Oracle = ({ attempts, outcome, acceptedOutcomes }) => {
  const last = attempts.at(-1)?.answer;
  if (last?.kind !== "documented" || (last.handling !== "fail-surface" && last.handling !== "manual-follow-up")) return undefined;
  if (!isOutcome(outcome) || acceptedOutcomes(last.handling).includes(outcome.status)) return undefined;
  return {
    rule: "manual-follow-up",
    message: `received ${describeOutcome(outcome)} after ${last.code}; documented handling ${last.handling} allows: ${acceptedOutcomes(last.handling).join(" or ")}`,
  };
};
