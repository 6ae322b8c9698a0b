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
  readonly object: string;
  readonly operations: ReadonlySet<string>;
  readonly read: string;
  readonly pending: ReadonlySet<string>;
  /** Final states in which the operation took effect. */
  readonly done: ReadonlySet<string>;
}

const CHARGE: PendingObject = {
  rule: "pending-charge-not-paid",
  object: "Charge",
  operations: new Set(["CreateCharge"]),
  read: "GetCharge",
  pending: new Set(["AuthorizationInitiated"]),
  done: new Set(["Authorized", "CaptureInitiated", "Captured"]),
};

const REFUND: PendingObject = {
  rule: "pending-refund-not-final",
  object: "Refund",
  operations: new Set(["CreateRefund"]),
  read: "GetRefund",
  pending: new Set(["RefundInitiated"]),
  done: new Set(["Refunded"]),
};

const ok = (entry: JournalEntry) => entry.response.status >= 200 && entry.response.status < 300;

function judgePending(kind: PendingObject, context: OracleContext): Violation | undefined {
  const { outcome, operation } = context;
  if (!kind.operations.has(operation) || outcome.status !== "succeeded") return undefined;
  const seen = lastSeenState(kind, context);
  if (seen === undefined || kind.done.has(seen.state)) return undefined;
  if (kind.pending.has(seen.state)) {
    return { rule: kind.rule, message: `received succeeded while the ${kind.object} is ${seen.state}, with no ${kind.read} showing its final state: report it pending (or learn the final state first)` };
  }
  return { rule: kind.rule, message: `received succeeded, but ${kind.read} shows the ${kind.object} ${seen.state}` };
}

/** The state of the object the last success answer showed, as the latest GET of it shows it; undefined unless it was pending. */
function lastSeenState(kind: PendingObject, context: OracleContext): { readonly state: string; readonly read: boolean } | undefined {
  const { attempts, journal } = context;
  const answered = [...attempts].reverse().find((a) => a.answer.kind === "success");
  const shown = answered?.entry.response.state;
  if (!answered || shown === undefined || !kind.pending.has(shown)) return undefined;
  const read = journal.filter((entry) => entry.seq > answered.entry.seq && entry.operation === kind.read && ok(entry) && entry.response.state !== undefined).at(-1);
  return read ? { state: read.response.state!, read: true } : { state: shown, read: false };
}

/**
 * True when the operation's success answer showed a pending object that a GET
 * then showed in a final state where it did not take effect (a Declined
 * authorization or refund): reporting it failed is then right.
 */
export function settledWithoutEffect(context: OracleContext): boolean {
  return [CHARGE, REFUND].some((kind) => {
    if (!kind.operations.has(context.operation)) return false;
    const seen = lastSeenState(kind, context);
    return seen !== undefined && seen.read && !kind.pending.has(seen.state) && !kind.done.has(seen.state);
  });
}

export const pendingChargeNotPaid: Oracle = (context) => judgePending(CHARGE, context);
export const pendingRefundNotFinal: Oracle = (context) => judgePending(REFUND, context);
