import type { Oracle } from "./oracle.js";

/**
 * After a Create Charge refused for a reason other than a soft or hard decline
 * (AmazonRejected, TransactionTimedOut, MFANotCompleted, PaymentMethodNotAllowed,
 * an amount or count limit), the charge is not sent again: doc 004 says to
 * reengage the buyer. Only Create Charge: the page speaks of no other operation.
 */
export const declineNotRetried: Oracle = ({ attempts, operation }) => {
  if (operation !== "CreateCharge") return undefined;
  const index = attempts.findIndex((a) => a.answer.kind === "documented" && a.answer.handling === "reengage-buyer");
  if (index < 0 || index === attempts.length - 1) return undefined;
  const refused = attempts[index]!.answer;
  const code = refused.kind === "documented" ? refused.code : "";
  const again = attempts.length - 1 - index;
  return { rule: "decline-not-retried", message: `received ${again} more CreateCharge request${again === 1 ? "" : "s"} after ${code}: the buyer is to be reengaged, not charged the same way again` };
};
