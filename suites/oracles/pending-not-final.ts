import { readState } from "../conformance/model.js";
import type { JournalEntry } from "../sandbox/journal.js";
import type { Oracle, OracleContext, Violation } from "./oracle.js";

/**
 * An answer that is not final (Amazon Pay's asynchronous processing, doc
 * 005): the object waits in a pending state. Reporting it paid or refunded
 * takes a final state the integration has not seen; only a GET of the object
 * (or an IPN, which the integration follows with a GET) shows it. Reporting
 * it pending, or handing it over, is always right; reporting it failed drops
 * a request that took effect (success-not-dropped) unless a GET showed it
 * Declined.
 */
interface PendingObject {
  readonly rule: "pending-charge-not-paid" | "pending-refund-not-final";
  readonly object: "Charge" | "Refund";
  /** The operations whose answer shows this object, and the GET that reads it. */
  readonly operations: ReadonlySet<string>;
  readonly read: string;
}

const CHARGE: PendingObject = { rule: "pending-charge-not-paid", object: "Charge", operations: new Set(["CreateCharge"]), read: "GetCharge" };
const REFUND: PendingObject = { rule: "pending-refund-not-final", object: "Refund", operations: new Set(["CreateRefund"]), read: "GetRefund" };

const reading = (context: OracleContext, object: string, state: string) => readState(context.objectStates, object, state);

const ok = (entry: JournalEntry) => entry.response.status >= 200 && entry.response.status < 300;

function judgePending(kind: PendingObject, context: OracleContext): Violation | undefined {
  const { outcome, operation } = context;
  if (!kind.operations.has(operation) || outcome.status !== "succeeded") return undefined;
  const seen = lastSeenState(kind, context);
  if (seen === undefined) return undefined;
  const read = reading(context, kind.object, seen.state);
  if (read === "took-effect") return undefined;
  if (read === "pending") {
    return { rule: kind.rule, message: `received succeeded while the ${kind.object} is ${seen.state}, with no ${kind.read} showing its final state: report it pending (or learn the final state first)` };
  }
  return { rule: kind.rule, message: `received succeeded, but ${kind.read} shows the ${kind.object} ${seen.state}` };
}

/** The state of the object the last success answer showed, as the latest GET of it shows it; undefined unless it was pending. */
function lastSeenState(kind: PendingObject, context: OracleContext): { readonly state: string; readonly read: boolean } | undefined {
  const { attempts, journal } = context;
  const answered = [...attempts].reverse().find((a) => a.answer.kind === "success");
  const shown = answered?.entry.response.state;
  if (!answered || shown === undefined || reading(context, kind.object, shown) !== "pending") return undefined;
  const read = journal.filter((entry) => entry.seq > answered.entry.seq && entry.operation === kind.read && ok(entry) && entry.response.state !== undefined).at(-1);
  return read ? { state: read.response.state!, read: true } : { state: shown, read: false };
}

/**
 * True when the operation's success answer showed a pending object that a GET
 * then showed settled without effect (a Declined authorization or refund):
 * reporting it failed is then right.
 */
export function settledWithoutEffect(context: OracleContext): boolean {
  return [CHARGE, REFUND].some((kind) => {
    if (!kind.operations.has(context.operation)) return false;
    const seen = lastSeenState(kind, context);
    return seen !== undefined && seen.read && reading(context, kind.object, seen.state) === "no-effect";
  });
}

export const pendingChargeNotPaid: Oracle = (context) => judgePending(CHARGE, context);
export const pendingRefundNotFinal: Oracle = (context) => judgePending(REFUND, context);
