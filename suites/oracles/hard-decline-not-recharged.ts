import type { Oracle } from "./oracle.js";

/**
 * After HardDeclined, the Charge Permission is not charged again within the
 * operation: doc 004 has the buyer update the payment instrument first, and
 * an IPN says when that happened.
 */
export const hardDeclineNotRecharged: Oracle = ({ attempts, operation }) => {
  const index = attempts.findIndex((a) => a.answer.kind === "documented" && a.answer.handling === "ask-buyer-to-update");
  if (index < 0 || index === attempts.length - 1) return undefined;
  const again = attempts.length - 1 - index;
  return { rule: "hard-decline-not-recharged", message: `received ${again} more ${operation} request${again === 1 ? "" : "s"} after HardDeclined, before the buyer could update the payment instrument` };
};
