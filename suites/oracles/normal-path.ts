import { describeOutcome, type Oracle } from "./oracle.js";

/** Answered normally, every implemented operation succeeds: an integration whose requests the API rejects certifies nothing. */
export const normalPath: Oracle = ({ normal, outcome, attempts, operation, rowOf }) => {
  if (!normal || outcome.status === "succeeded") return undefined;
  // Only a rejection by the sandbox's own rules is this rule's: a dropped success is success-not-dropped's.
  const rejected = [...attempts].reverse().find((attempt) => attempt.entry.response.code !== undefined && attempt.entry.response.by !== "fault");
  if (!rejected) return undefined;
  const answers = attempts.map((attempt) => `${attempt.entry.response.status}${attempt.entry.response.code ? ` ${attempt.entry.response.code}` : ""}`).join(", ");
  // F500 is "Unknown Error" in its row; the page's sentence on camelCase names the usual cause, so the spec's sentence is quoted instead.
  const citation = /^f5/.test(rejected.entry.response.errorId ?? "") ? undefined : rowOf(rejected.entry);
  return { rule: "normal-path", message: `received ${describeOutcome(outcome)} for a ${operation} with no fault injected; the sandbox rejected the request as Amazon does (answers: ${answers})`, ...(citation ? { citation } : {}) };
};
