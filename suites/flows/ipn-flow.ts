import fc from "fast-check";
import { FIXTURES } from "../conformance/fixtures.js";
import { ipnMessage, plainDelivery, snsDelivery, type IpnMessage } from "../sandbox/amazon-pay/ipn.js";
import type { SnsSignatureVersion } from "../sandbox/amazon-pay/sns.js";
import { CITATIONS } from "./citations.js";
import { call, describe, FlowViolation, moveToUnusedId, type FlowWorld } from "./flow.js";

interface IpnModel {
  readonly chargePermissionId: string;
  readonly chargeId: string;
  readonly delivered: IpnMessage[];
  /** The state each handled notification concluded, by NotificationId: what a duplicate may repeat. */
  readonly concluded: Map<string, string>;
}

type Command = fc.AsyncCommand<IpnModel, FlowWorld>;

const RULE = "flow-ipn-v2";

// Notification ids are unique for the life of the process: the adapter under test keeps its
// own memory of handled notifications across runs, as a real endpoint would.
let notificationSerial = 0;

/** How an IPN arrives: plain JSON, or in an SNS envelope signed with SignatureVersion 1 or 2. */
type Wrapping = "plain" | SnsSignatureVersion;

/**
 * Deliver an IPN v2 for the charge or the charge permission, new or a
 * duplicate delivery of the last one. Seed 002 demands a GET of the object
 * the message names, to learn its state; it says nothing of duplicates, so a
 * duplicate may be read again or answered from memory, as long as what is
 * concluded is a state the object had when it was read.
 */
class Deliver implements Command {
  constructor(
    readonly object: "CHARGE" | "CHARGE_PERMISSION",
    readonly wrapping: Wrapping,
    readonly duplicate: boolean,
  ) {}
  check = (m: Readonly<IpnModel>) => !this.duplicate || m.delivered.length > 0;
  async run(m: IpnModel, w: FlowWorld) {
    let message: IpnMessage;
    if (this.duplicate) message = m.delivered.at(-1)!;
    else {
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
    // SNS delivers a retry with the same MessageId: one per notification, never reused by another.
    const delivery = this.wrapping === "plain" ? plainDelivery(message) : snsDelivery(message, `sns-${message.NotificationId}`, { signatureVersion: this.wrapping, timestamp: w.sandbox.clock.now() });
    const outcome = await call(w, () => w.adapter.amazonPay!.handleIpn!(delivery));
    const read = w.sandbox.journal.entries.slice(before).some((e) => e.method === "GET" && e.url.includes(message.ObjectId));
    const current = stateOf(m, w, message);
    const concluded = outcome.status === "succeeded" ? outcome.data?.state : undefined;
    const earlier = m.concluded.get(message.NotificationId);

    if (this.duplicate && earlier !== undefined) {
      // Read before: a duplicate is handled however the integration likes, but any state it
      // concludes is one the object had when it was read, then or now.
      const allowed = [...new Set(read ? [earlier, current] : [earlier])];
      if (concluded !== undefined && !allowed.includes(String(concluded))) {
        throw new FlowViolation(RULE, `received state ${JSON.stringify(concluded)} for a duplicate delivery of ${message.NotificationId} (${message.ObjectType} ${message.ObjectId}); the object was ${allowed.join(" or ")} when it was read`, CITATIONS.ipnGetsTheObject);
      }
      return;
    }
    if (!read) throw new FlowViolation(RULE, `received no GET of ${message.ObjectId} for ${message.NotificationId} (${describe(outcome)}); the object an IPN names must be read to learn its state`, CITATIONS.ipnGetsTheObject);
    if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} for ${message.NotificationId}, whose object the sandbox answered; expected succeeded with the state read`, CITATIONS.ipnGetsTheObject);
    if (concluded !== current) throw new FlowViolation(RULE, `received state ${JSON.stringify(concluded)} for ${message.ObjectType} ${message.ObjectId}; the object is ${current}`, CITATIONS.ipnGetsTheObject);
    m.concluded.set(message.NotificationId, current);
  }
  toString = () => `ipn(${this.object}${this.wrapping === "plain" ? "" : `, sns v${this.wrapping}`}${this.duplicate ? ", duplicate" : ""})`;
}

function stateOf(m: IpnModel, w: FlowWorld, message: IpnMessage): string {
  const { charges, permissions } = w.sandbox.amazonPay.resources;
  return message.ObjectType === "CHARGE" ? charges.get(m.chargeId)!.state : permissions.get(m.chargePermissionId)!.state;
}

/** The buyer closes the charge permission at pay.amazon.com; an IPN announces it (seed 002). */
class BuyerClosesPermission implements Command {
  check = () => true;
  async run(m: IpnModel, w: FlowWorld) {
    const permission = w.sandbox.amazonPay.resources.permissions.get(m.chargePermissionId)!;
    Object.assign(permission, { state: "Closed", reasonCode: "BuyerClosed" });
    await new Deliver("CHARGE_PERMISSION", "plain", false).run(m, w);
  }
  toString = () => "buyer closes the charge permission";
}

export const ipnCommands = [
  fc
    .tuple(fc.constantFrom<"CHARGE" | "CHARGE_PERMISSION">("CHARGE", "CHARGE_PERMISSION"), fc.constantFrom<Wrapping>("plain", "1", "2"), fc.boolean())
    .map(([object, wrapping, duplicate]) => new Deliver(object, wrapping, duplicate)),
  fc.constant(new BuyerClosesPermission()),
];

export function ipnSetup(world: FlowWorld): () => { model: IpnModel; real: FlowWorld } {
  return () => {
    const { request } = FIXTURES.CaptureCharge!({ sandbox: world.sandbox, amount: 25, reference: "flow" });
    const { charges, permissions, sessions } = world.sandbox.amazonPay.resources;
    const [chargeId, permissionId] = [String(request.chargeId), charges.get(String(request.chargeId))!.chargePermissionId];
    const charge = moveToUnusedId(charges, chargeId);
    const permission = moveToUnusedId(permissions, permissionId);
    // Every reference to the old ids follows them.
    for (const other of charges.values()) if (other.chargePermissionId === permissionId) Object.assign(other, { chargePermissionId: permission.id });
    for (const session of sessions.values()) {
      if (session.chargeId === chargeId) session.chargeId = charge.id;
      if (session.chargePermissionId === permissionId) session.chargePermissionId = permission.id;
    }
    return { model: { chargePermissionId: permission.id, chargeId: charge.id, delivered: [], concluded: new Map() }, real: world };
  };
}
