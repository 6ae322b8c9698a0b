import fc from "fast-check";
import { FIXTURES } from "../conformance/fixtures.js";
import { readState } from "../conformance/model.js";
import { ipnDelivery } from "../sandbox/amazon-pay/ipn.js";
import type { PayNotification } from "../sandbox/amazon-pay/notifications.js";
import type { JournalEntry } from "../sandbox/journal.js";
import { CITATIONS } from "./citations.js";
import { call, describe, FlowViolation, moveToUnusedId, type FlowWorld } from "./flow.js";

/**
 * A recurring Charge Permission over billing cycles (seed 002: "You are
 * responsible for calling Create Charge for each billing cycle"): charges
 * answered at once or left AuthorizationInitiated for 30 seconds, refunds
 * that settle Refunded or Declined after being accepted, a buyer who closes
 * the permission midway, and every change the clock makes announced by an
 * IPN v2. What is judged is what the documents say: nothing pending is
 * reported final before a GET shows its final state (docs 005, 007), every
 * IPN is followed by a GET of its object (seed 002), and a request Amazon
 * refused never took effect (the adapter contract). Charging a closed
 * permission again is not forbidden by any page: it is refused, and must not
 * be reported paid.
 */
interface RecurringModel {
  readonly chargePermissionId: string;
  closed: boolean;
  cycle: number;
  /** Charges the integration was asked to make that Amazon took, by id. */
  readonly charges: string[];
}

type Command = fc.AsyncCommand<RecurringModel, FlowWorld>;

const RULE = "flow-recurring-charges";
const SETTLE_MS = 30_000;

/** What the flow asks the sandbox to do with a charge or a refund: answer it final, or leave it pending and settle it later. */
type Settlement = "at-once" | "pending, then done" | "pending, then declined";


/** One billing cycle: Create Charge on the permission. */
class ChargeCycle implements Command {
  constructor(readonly settlement: Settlement) {}
  check = () => true;
  async run(m: RecurringModel, w: FlowWorld) {
    if (this.settlement !== "at-once") {
      const declined = this.settlement === "pending, then declined";
      w.sandbox.enqueue("CreateCharge", { kind: "state", state: "AuthorizationInitiated", settles: { state: declined ? "Declined" : "Authorized", ...(declined ? { reasonCode: "HardDeclined" } : {}), afterMs: SETTLE_MS } });
    }
    m.cycle += 1;
    const before = w.sandbox.journal.entries.length;
    const outcome = await call(w, () => w.adapter.amazonPay!.createCharge!({ amount: 10, currencyCode: "USD", reference: `cycle${m.cycle}`, chargePermissionId: m.chargePermissionId, captureNow: false }));
    w.sandbox.clearFaults();
    const entries = w.sandbox.journal.entries.slice(before);
    const created = lastSuccess(entries, "CreateCharge");
    const when = `in cycle ${m.cycle} (${this.settlement}${m.closed ? ", the permission closed by the buyer" : ""}) → ${describe(outcome)}`;
    const chargeId = created ? chargeIdOf(w, created) : undefined;
    if (chargeId) m.charges.push(chargeId);
    judgeFinal({ w, outcome, object: "Charge", id: chargeId, when });
    await deliverDue(w);
  }
  toString = () => `charge a billing cycle (${this.settlement})`;
}

/** A refund of the latest charge, once it is captured. */
class RefundLatest implements Command {
  constructor(readonly settlement: Exclude<Settlement, "at-once">) {}
  check = (m: Readonly<RecurringModel>) => m.charges.length > 0;
  async run(m: RecurringModel, w: FlowWorld) {
    const chargeId = m.charges.at(-1)!;
    const charge = w.sandbox.amazonPay.resources.charges.get(chargeId);
    // Only a captured charge is refunded; the flow captures it as the merchant's back office would.
    if (!charge || charge.state !== "Authorized") return;
    Object.assign(charge, { state: "Captured", captured: charge.amount });
    const declined = this.settlement === "pending, then declined";
    w.sandbox.enqueue("CreateRefund", { kind: "state", state: "RefundInitiated", settles: { state: declined ? "Declined" : "Refunded", afterMs: SETTLE_MS } });
    const before = w.sandbox.journal.entries.length;
    const outcome = await call(w, () => w.adapter.amazonPay!.createRefund!({ amount: 5, currencyCode: "USD", reference: `refund${m.cycle}`, chargeId }));
    w.sandbox.clearFaults();
    const created = lastSuccess(w.sandbox.journal.entries.slice(before), "CreateRefund");
    const refundId = created ? refundIdOf(w, chargeId) : undefined;
    judgeFinal({ w, outcome, object: "Refund", id: refundId, when: `refunding ${chargeId} (${this.settlement}) → ${describe(outcome)}` });
    await deliverDue(w);
  }
  toString = () => `refund the latest charge (${this.settlement})`;
}

/** Thirty seconds pass: what was pending settles, and each change is announced by an IPN. */
class Wait implements Command {
  check = () => true;
  async run(m: RecurringModel, w: FlowWorld) {
    w.time.set(w.time.now() + SETTLE_MS);
    await deliverDue(w);
  }
  toString = () => "30 seconds pass";
}

/** The buyer closes the Charge Permission at pay.amazon.com (seed 002); an IPN says so. */
class BuyerCloses implements Command {
  check = (m: Readonly<RecurringModel>) => !m.closed;
  async run(m: RecurringModel, w: FlowWorld) {
    w.sandbox.amazonPay.closeChargePermissionAsBuyer(m.chargePermissionId);
    m.closed = true;
    await deliverDue(w);
  }
  toString = () => "the buyer closes the charge permission";
}

/**
 * A success reported for a pending object needs a GET that showed it done;
 * a success for a refused request never happened; a failure needs an answer
 * that refused it or a GET that showed it declined.
 */
function judgeFinal(options: { w: FlowWorld; outcome: Awaited<ReturnType<typeof call>>; object: "Charge" | "Refund"; id: string | undefined; when: string }): void {
  const { w, outcome, object, id, when } = options;
  if (outcome.status !== "succeeded" && outcome.status !== "failed") return;
  if (id === undefined) {
    if (outcome.status === "succeeded") throw new FlowViolation(RULE, `received succeeded, but Amazon took no ${object} ${when}`, CITATIONS.contract);
    return;
  }
  const { charges, refunds } = w.sandbox.amazonPay.resources;
  // The object's state as the integration could last have read it: settled only if time reached it.
  const state = object === "Charge" ? charges.get(id)?.state : refunds.get(id)?.state;
  const citation = object === "Charge" ? CITATIONS.pendingCharge : CITATIONS.pendingRefund;
  if (state === undefined) return;
  const read = readState(w.objectStates, object, state);
  if (read === "pending") throw new FlowViolation(RULE, `received ${outcome.status} while ${object} ${id} is still ${state} ${when}`, citation);
  if (outcome.status === "succeeded" && read !== "took-effect") throw new FlowViolation(RULE, `received succeeded, but ${object} ${id} is ${state} ${when}`, citation);
}

/** Every IPN the clock made so far, delivered to the integration's endpoint: it must read the object and conclude its state. */
async function deliverDue(w: FlowWorld): Promise<void> {
  for (const notification of w.sandbox.amazonPay.advance()) await deliver(w, notification);
}

async function deliver(w: FlowWorld, notification: PayNotification): Promise<void> {
  const { message } = notification;
  const before = w.sandbox.journal.entries.length;
  const outcome = await call(w, () => w.adapter.amazonPay!.handleIpn!(ipnDelivery({ message, wrapping: "plain", at: notification.at })));
  const read = w.sandbox.journal.entries.slice(before).some((e) => e.method === "GET" && e.url.includes(message.ObjectId));
  const what = `${message.ObjectType} ${message.ObjectId} became ${notification.state} (${message.NotificationId})`;
  if (!read) throw new FlowViolation(RULE, `received no GET of ${message.ObjectId} after the IPN saying ${what}; ${describe(outcome)}`, CITATIONS.ipnGetsTheObject);
  if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} for the IPN saying ${what}; expected succeeded with the state read`, CITATIONS.ipnGetsTheObject);
  if (outcome.data?.state !== notification.state) throw new FlowViolation(RULE, `received state ${JSON.stringify(outcome.data?.state)} for the IPN saying ${what}`, CITATIONS.ipnGetsTheObject);
}

function lastSuccess(entries: readonly JournalEntry[], operation: string): JournalEntry | undefined {
  return entries.filter((e) => e.operation === operation && e.response.status >= 200 && e.response.status < 300).at(-1);
}

/** The charge a success answer made: the newest charge of the permission. */
function chargeIdOf(w: FlowWorld, entry: JournalEntry): string | undefined {
  const permissionId = (entry.body as { chargePermissionId?: string } | undefined)?.chargePermissionId;
  return [...w.sandbox.amazonPay.resources.charges.values()].filter((c) => c.chargePermissionId === permissionId).at(-1)?.id;
}

function refundIdOf(w: FlowWorld, chargeId: string): string | undefined {
  return [...w.sandbox.amazonPay.resources.refunds.values()].filter((r) => r.chargeId === chargeId).at(-1)?.id;
}

export const recurringCommands = [
  fc.constantFrom<Settlement>("at-once", "pending, then done", "pending, then declined").map((settlement) => new ChargeCycle(settlement)),
  fc.constantFrom<Exclude<Settlement, "at-once">>("pending, then done", "pending, then declined").map((settlement) => new RefundLatest(settlement)),
  fc.constant(new Wait()),
  fc.constant(new BuyerCloses()),
];

export function recurringSetup(world: FlowWorld): () => { model: RecurringModel; real: FlowWorld } {
  return () => {
    const { request } = FIXTURES.CreateCharge!({ sandbox: world.sandbox, amount: 1000, reference: "flow" });
    const permission = moveToUnusedId(world.sandbox.amazonPay.resources.permissions, String(request.chargePermissionId));
    for (const charge of world.sandbox.amazonPay.resources.charges.values()) if (charge.chargePermissionId === request.chargePermissionId) Object.assign(charge, { chargePermissionId: permission.id });
    for (const session of world.sandbox.amazonPay.resources.sessions.values()) if (session.chargePermissionId === request.chargePermissionId) session.chargePermissionId = permission.id;
    return { model: { chargePermissionId: permission.id, closed: false, cycle: 0, charges: [] }, real: world };
  };
}
