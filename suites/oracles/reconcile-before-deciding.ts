import { isOutcome, type Oracle } from "./oracle.js";

/** After an error that says the object is in another state, the integration reads the object before deciding. */
export const reconcileBeforeDeciding: Oracle = ({ attempts, journal, outcome }) => {
  const last = attempts.at(-1);
  if (last?.answer.kind !== "documented" || last.answer.handling !== "reconcile-state" || !isOutcome(outcome)) return undefined;
  const read = journal.some((entry) => entry.seq > last.entry.seq && entry.method === "GET");
  if (read) return undefined;
  return { rule: "reconcile-before-deciding", message: `received ${outcome.status} after ${last.answer.code} without reading the object's state; documented: GET the object and act on its state` };
};
