import { describeOutcome, FINAL, isOutcome, type Oracle } from "./oracle.js";
import { rounds } from "./rounds.js";

/*
 * Rules the documents leave open. They never fail a case: what they find is
 * listed as advice, apart from the verdicts, and never scored.
 */

/** The documents do not say to retry F100/F200/F300/F500 or Amazon Pay's 4xx; the same request usually fails the same way. */
export const noRetryAfterFinalError: Oracle = ({ attempts, operation }) => {
  // The documents allow Create Charge again after a soft decline; reconciling reads the state first.
  const index = attempts.findIndex((a, i) => i < attempts.length - 1 && a.answer.kind === "documented" && FINAL.has(a.answer.handling) && a.answer.handling !== "reconcile-state" && a.answer.handling !== "recharge-or-ask-buyer");
  if (index < 0) return undefined;
  const answer = attempts[index]!.answer;
  return { rule: "no-retry-after-final-error", message: `${operation} was sent again after ${answer.kind === "documented" ? answer.code : "a final error"}; the same request is likely to fail the same way` };
};

/** Where a handling leaves the outcome open, the advised one (a hand-over for account and unknown errors). */
export const manualFollowUp: Oracle = ({ attempts, outcome, advisedOutcomes, acceptedOutcomes }) => {
  const last = attempts.at(-1)?.answer;
  if (last?.kind !== "documented" || !FINAL.has(last.handling) || !isOutcome(outcome)) return undefined;
  if (!acceptedOutcomes(last.handling).includes(outcome.status) || advisedOutcomes(last.handling).includes(outcome.status)) return undefined;
  return { rule: "manual-follow-up", message: `${describeOutcome(outcome)} after ${last.code}; a hand-over (logged for manual follow-up) lets a person act on it` };
};

/** The outcome names the errorType or reasonCode the API returned, so alerts and logs say what happened. */
export const surfaceCode: Oracle = ({ attempts, outcome }) => {
  const last = attempts.at(-1);
  if (last?.answer.kind !== "documented" || !FINAL.has(last.answer.handling) || !isOutcome(outcome) || outcome.status === "succeeded" || outcome.status === "pending") return undefined;
  if (outcome.code === last.answer.code) return undefined;
  return { rule: "surface-code", message: `${describeOutcome(outcome)} after ${last.answer.code}; carrying ${last.answer.code} in the outcome names the cause` };
};

/** Giving up after throttling, RESEND or lost answers: the documents name no outcome; a hand-over keeps a person in the loop. */
export const handOverWhenGivingUp: Oracle = ({ attempts, outcome }) => {
  const round = rounds(attempts).at(-1);
  const last = round?.at(-1)?.answer;
  if (!round || !last || outcome.status !== "failed") return undefined;
  const open = last.kind === "transient" || (last.kind === "documented" && (last.handling === "retry-not-instantly" || last.handling === "cancel-then-resend"));
  if (!open) return undefined;
  return { rule: "hand-over-when-giving-up", message: `${round.length === 1 ? "failed after a single attempt, with no retry at all, whose answer" : `failed after ${round.length} attempts, whose last answer`} left the request open; a hand-over says someone must find out whether it took effect` };
};

/** On the normal path, the ids the contract asks for in `data`. */
const WANTED: Readonly<Record<string, readonly string[]>> = {
  CreateGiftCard: ["gcId"],
  ActivateGiftCard: ["activationRequestId"],
  LoadAmazonBalance: ["loadBalanceRequestId"],
  CreateCheckoutSession: ["checkoutSessionId"],
  CompleteCheckoutSession: ["chargePermissionId"],
  CreateCharge: ["chargeId"],
};

export const outcomeData: Oracle = ({ normal, outcome, operation }) => {
  if (!normal || outcome.status !== "succeeded") return undefined;
  const missing = (WANTED[operation] ?? []).filter((field) => outcome.data?.[field] === undefined);
  if (missing.length === 0) return undefined;
  return { rule: "outcome-data", message: `succeeded without ${missing.join(", ")} in data; the contract asks for it so the report can name the object` };
};
