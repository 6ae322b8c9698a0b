import { describeAnswer, type Oracle } from "./oracle.js";

/** Success is reported only after the API answered with a success: an unknown answer is never one. */
export const unknownNeverSuccess: Oracle = ({ attempts, outcome, operation }) => {
  if (outcome.status !== "succeeded" || attempts.some((attempt) => attempt.answer.kind === "success")) return undefined;
  // After a reconcile-state error the object's own state decides; reconcile-before-deciding judges that.
  const last = attempts.at(-1)?.answer;
  if (last?.kind === "documented" && last.handling === "reconcile-state") return undefined;
  const seen = attempts.map((attempt) => describeAnswer(attempt.answer)).join(", ") || "no request at all";
  return { rule: "unknown-never-success", message: `received succeeded, but ${operation} never got a success answer (answers: ${seen})` };
};
