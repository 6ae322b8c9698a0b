import fc from "fast-check";
import { FIXTURES } from "../conformance/fixtures.js";
import { ipnMessage, plainDelivery, snsDelivery, type IpnMessage } from "../sandbox/amazon-pay/ipn.js";
import { call, describe, FlowViolation, type FlowWorld } from "./flow.js";

interface IpnModel {
  readonly chargePermissionId: string;
  readonly chargeId: string;
  readonly delivered: IpnMessage[];
  next: number;
}

type Command = fc.AsyncCommand<IpnModel, FlowWorld>;

const RULE = "flow-ipn-v2";

// Notification ids are unique for the life of the process: the adapter under test keeps its
// own memory of handled notifications across runs, as a real endpoint would.
let notificationSerial = 0;

/** Deliver an IPN v2 for the charge or the charge permission, plain or in an SNS envelope, new or a duplicate delivery. */
class Deliver implements Command {
  constructor(
    readonly object: "CHARGE" | "CHARGE_PERMISSION",
    readonly sns: boolean,
    readonly duplicate: boolean,
  ) {}
  check = (m: Readonly<IpnModel>) => !this.duplicate || m.delivered.length > 0;
  async run(m: IpnModel, w: FlowWorld) {
    let message: IpnMessage;
    if (this.duplicate) message = m.delivered.at(-1)!;
    else {
      m.next += 1;
      message = ipnMessage({
        ObjectType: this.object,
        ObjectId: this.object === "CHARGE" ? m.chargeId : m.chargePermissionId,
        ChargePermissionId: m.chargePermissionId,
        NotificationId: `notification-${(notificationSerial += 1)}`,
        notificationVersion: w.sandbox.config.amazonPay.notificationVersion,
      });
      m.delivered.push(message);
    }
    const before = w.sandbox.journal.entries.length;
    const delivery = this.sns ? snsDelivery(message, `sns-${m.next}`) : plainDelivery(message);
    const outcome = await call(w, () => w.adapter.amazonPay!.handleIpn!(delivery));
    const reads = w.sandbox.journal.entries.slice(before).filter((e) => e.method === "GET" && e.url.includes(message.ObjectId));
    if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} for an IPN; expected it handled`);
    if (this.duplicate) {
      if (reads.length > 0) throw new FlowViolation(RULE, `received a GET of ${message.ObjectId} for a duplicate delivery of ${message.NotificationId}; documented handling: once per notification`);
      return;
    }
    if (reads.length === 0) throw new FlowViolation(RULE, `received no GET of ${message.ObjectId} for ${message.NotificationId}; documented (seed 002): GET the object the IPN names to learn its state`);
    const expected = this.object === "CHARGE" ? w.sandbox.amazonPay.resources.charges.get(m.chargeId)!.state : w.sandbox.amazonPay.resources.permissions.get(m.chargePermissionId)!.state;
    if (outcome.data?.state !== expected) throw new FlowViolation(RULE, `received state ${JSON.stringify(outcome.data?.state)} for ${message.ObjectType} ${message.ObjectId}; the object is ${expected}`);
  }
  toString = () => `ipn(${this.object}${this.sns ? ", sns" : ""}${this.duplicate ? ", duplicate" : ""})`;
}

/** The buyer closes the charge permission at pay.amazon.com; an IPN announces it (seed 002). */
class BuyerClosesPermission implements Command {
  check = () => true;
  async run(m: IpnModel, w: FlowWorld) {
    const permission = w.sandbox.amazonPay.resources.permissions.get(m.chargePermissionId)!;
    Object.assign(permission, { state: "Closed", reasonCode: "BuyerClosed" });
    await new Deliver("CHARGE_PERMISSION", false, false).run(m, w);
  }
  toString = () => "buyer closes the charge permission";
}

export const ipnCommands = [
  fc.tuple(fc.constantFrom<"CHARGE" | "CHARGE_PERMISSION">("CHARGE", "CHARGE_PERMISSION"), fc.boolean(), fc.boolean()).map(([object, sns, duplicate]) => new Deliver(object, sns, duplicate)),
  fc.constant(new BuyerClosesPermission()),
];

export function ipnSetup(world: FlowWorld): () => { model: IpnModel; real: FlowWorld } {
  return () => {
    const { request } = FIXTURES.CaptureCharge!({ sandbox: world.sandbox, amount: 25, reference: "flow" });
    const charge = world.sandbox.amazonPay.resources.charges.get(String(request.chargeId))!;
    return { model: { chargePermissionId: charge.chargePermissionId, chargeId: charge.id, delivered: [], next: 0 }, real: world };
  };
}
