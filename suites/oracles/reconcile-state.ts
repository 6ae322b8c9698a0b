import type { Oracle } from "./oracle.js";

/** After InvalidCheckoutSessionStatus, what the integration concludes agrees with the session's state: a Canceled session was never paid. */
export const reconcileState: Oracle = ({ attempts, outcome, objectState }) => {
  const last = attempts.at(-1);
  if (last?.answer.kind !== "documented" || last.answer.handling !== "reconcile-state") return undefined;
  if (outcome.status !== "succeeded" || objectState !== "Canceled") return undefined;
  return { rule: "reconcile-state", message: `received succeeded after ${last.answer.code}, but the checkout session is Canceled: the payment intent was not finalized` };
};
