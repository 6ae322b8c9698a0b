import { describeAnswer, type Oracle } from "./oracle.js";

/** Success is reported only after the API answered with a success: an error, a lost or unreadable answer is never one. */
export const unknownNeverSuccess: Oracle = ({ attempts, outcome, operation, rowOf }) => {
  if (outcome.status !== "succeeded" || attempts.some((attempt) => attempt.answer.kind === "success")) return undefined;
  // After a reconcile-state error the object's own state decides; reconcile-state judges that.
  const last = attempts.at(-1);
  if (last?.answer.kind === "documented" && last.answer.handling === "reconcile-state") return undefined;
  const seen = attempts.map((attempt) => describeAnswer(attempt.answer)).join(", ") || "no request at all";
  // The row of the last documented answer says what the API meant; without one the spec's sentence stands.
  const documented = [...attempts].reverse().find((attempt) => attempt.answer.kind === "documented");
  const citation = documented ? rowOf(documented.entry) : undefined;
  return { rule: "unknown-never-success", message: `received succeeded, but ${operation} never got a success answer (answers: ${seen})`, ...(citation ? { citation } : {}) };
};
