/**
 * The faultproof adapter over the reference Amazon Pay client, with the IPN
 * endpoint: an IPN v2 (plain or inside an SNS envelope) names an object; the
 * endpoint GETs it and acts on its state, once per NotificationId. A whole
 * checkout updates the session to the final total, then completes it with
 * that total; a failed update is surfaced as it is, with nothing completed.
 */
import type { AdapterOutcome, AmazonPayAdapter, Money } from "../../suites/adapter.js";
import { AmazonPayClient, type AmazonPayClientOptions } from "./amazon-pay-client.js";
import { isRecord, text, toOutcome, wait, type ClientResult } from "./retry.js";

export function createAmazonPayAdapter(client: AmazonPayClient = new AmazonPayClient()): AmazonPayAdapter {
  const ipn = createIpnHandler(client);
  const pendingUntilFinal = async (object: "Charge" | "Refund", outcome: AdapterOutcome): Promise<AdapterOutcome> => {
    if (client.reportsPendingAsFinal.includes(object)) return outcome;
    const pending = pendingWhileNotFinal(outcome);
    const after = client.pollPendingAfterMs;
    if (pending.status !== "pending" || after === undefined) return pending;
    await wait(after);
    return readFinal(client, object, pending);
  };
  const complete = async (request: Money & { readonly checkoutSessionId: string }): Promise<AdapterOutcome> => {
    const result = await client.completeCheckoutSession(request);
    return toOutcome(result, (body) => ({
      checkoutSessionId: text(body.checkoutSessionId) ?? request.checkoutSessionId,
      chargePermissionId: text(body.chargePermissionId),
      chargeId: text(body.chargeId),
      state: stateOf(body),
    }));
  };
  return {
    async createCheckoutSession(request) {
      const result = await client.createCheckoutSession({ amount: request.amount, currencyCode: request.currencyCode });
      return toOutcome(result, (body) => ({ checkoutSessionId: text(body.checkoutSessionId), state: stateOf(body) }));
    },
    async updateCheckoutSession(request) {
      const result = await client.updateCheckoutSession(request);
      return toOutcome(result, (body) => ({ checkoutSessionId: text(body.checkoutSessionId) ?? request.checkoutSessionId, state: stateOf(body) }));
    },
    completeCheckoutSession: complete,
    async createCharge(request) {
      const result = await client.createCharge(request);
      return pendingUntilFinal("Charge", toOutcome(result, (body) => ({ chargeId: text(body.chargeId), chargePermissionId: text(body.chargePermissionId) ?? request.chargePermissionId, state: stateOf(body) })));
    },
    async captureCharge(request) {
      const result = await client.captureCharge(request);
      return pendingUntilFinal("Charge", toOutcome(result, (body) => ({ chargeId: text(body.chargeId) ?? request.chargeId, state: stateOf(body) })));
    },
    async cancelCharge(request) {
      const result = await client.cancelCharge(request);
      return toOutcome(result, (body) => ({ chargeId: text(body.chargeId) ?? request.chargeId, state: stateOf(body) }));
    },
    async createRefund(request) {
      const result = await client.createRefund(request);
      return pendingUntilFinal("Refund", toOutcome(result, (body) => ({ refundId: text(body.refundId), chargeId: text(body.chargeId) ?? request.chargeId, state: stateOf(body) })));
    },
    async closeChargePermission(request) {
      const result = await client.closeChargePermission(request);
      return toOutcome(result, (body) => ({ chargePermissionId: text(body.chargePermissionId) ?? request.chargePermissionId, state: stateOf(body) }));
    },
    handleIpn: ipn,
    async checkout(request) {
      // Seed 002: update the session to the final total, then complete with that same total.
      const updated = await client.updateCheckoutSession(request);
      return updated.status === "succeeded" ? complete(request) : updated;
    },
  };
}

/** An adapter with its own client, for options other than the defaults. */
export function amazonPayAdapterWith(options: AmazonPayClientOptions): AmazonPayAdapter {
  return createAmazonPayAdapter(new AmazonPayClient(options));
}

/** The reference Amazon Pay adapter with the default (conforming) client. */
export const amazonPayAdapter: AmazonPayAdapter = createAmazonPayAdapter();

/** An IPN v2 message, with PascalCase keys (the v1 page shows camelCase; both are read). */
export interface IpnMessage {
  readonly objectType: string;
  readonly objectId: string;
  readonly notificationType: string | undefined;
  readonly notificationId: string;
  readonly notificationVersion: string | undefined;
}

/** Parses an IPN body: the message itself, or an SNS envelope whose `Message` is the message as a string. */
export function parseIpn(body: string): IpnMessage | { readonly problem: string } {
  let outer: unknown;
  try {
    outer = JSON.parse(body);
  } catch {
    return { problem: "the body is not JSON" };
  }
  if (!isRecord(outer)) return { problem: "the body is not a JSON object" };
  let message: unknown = outer;
  if (typeof outer.Message === "string" && (outer.Type !== undefined || outer.TopicArn !== undefined || outer.MessageId !== undefined)) {
    if (outer.Type !== undefined && outer.Type !== "Notification") return { problem: `an SNS ${String(outer.Type)}, not a notification` };
    try {
      message = JSON.parse(outer.Message);
    } catch {
      return { problem: "the SNS Message is not JSON" };
    }
  }
  if (!isRecord(message)) return { problem: "the notification is not a JSON object" };
  const field = (name: string): string | undefined => text(message[name]) ?? text(message[name.charAt(0).toLowerCase() + name.slice(1)]);
  const objectType = field("ObjectType");
  const objectId = field("ObjectId");
  const notificationId = field("NotificationId");
  if (!objectType || !objectId || !notificationId) return { problem: "the notification lacks ObjectType, ObjectId or NotificationId" };
  return { objectType, objectId, notificationType: field("NotificationType"), notificationId, notificationVersion: field("NotificationVersion") };
}

/** The most notification ids remembered; the oldest are forgotten first. */
const REMEMBERED_NOTIFICATIONS = 10_000;

type IpnDelivery = Parameters<NonNullable<AmazonPayAdapter["handleIpn"]>>[0];

/**
 * The IPN endpoint. Each NotificationId is handled once: a redelivery (or a
 * concurrent duplicate) gets the first delivery's conclusion without another
 * GET. A delivery whose GET did not succeed is not remembered, so Amazon's
 * redelivery tries again.
 */
export function createIpnHandler(client: AmazonPayClient): (delivery: IpnDelivery) => Promise<AdapterOutcome> {
  const handled = new Map<string, Promise<AdapterOutcome>>();
  return async (delivery) => {
    const message = parseIpn(delivery.body);
    if ("problem" in message) return { status: "handed-over", reason: `not an Amazon Pay IPN: ${message.problem}` };
    if (message.notificationVersion !== undefined && message.notificationVersion.toLowerCase() !== "v2") {
      return { status: "handed-over", reason: `NotificationVersion ${message.notificationVersion}: only IPN v2 is handled` };
    }
    const earlier = handled.get(message.notificationId);
    if (earlier) {
      const outcome = await earlier;
      return outcome.status === "succeeded" ? { status: "succeeded", data: { ...outcome.data, duplicate: true } } : outcome;
    }
    const work = fetchObject(client, message);
    handled.set(message.notificationId, work);
    const outcome = await work;
    if (outcome.status !== "succeeded") handled.delete(message.notificationId);
    else if (handled.size > REMEMBERED_NOTIFICATIONS) {
      const oldest = handled.keys().next().value;
      if (oldest !== undefined) handled.delete(oldest);
    }
    return outcome;
  };
}

async function fetchObject(client: AmazonPayClient, message: IpnMessage): Promise<AdapterOutcome> {
  const type = message.objectType.toUpperCase();
  let result: ClientResult;
  if (type === "CHARGE") result = await client.getCharge(message.objectId);
  else if (type === "CHARGE_PERMISSION") result = await client.getChargePermission(message.objectId);
  else if (type === "REFUND") result = await client.getRefund(message.objectId);
  else return { status: "handed-over", reason: `IPN ${message.notificationId} names a ${message.objectType}, which this integration does not read` };
  return toOutcome(result, (body) => ({
    objectType: message.objectType,
    objectId: message.objectId,
    state: stateOf(body),
    notificationId: message.notificationId,
    notificationType: message.notificationType,
  }));
}

/** Reads a pending object once: a final state decides the outcome, a state still pending keeps it pending. */
async function readFinal(client: AmazonPayClient, object: "Charge" | "Refund", pending: AdapterOutcome & { status: "pending" }): Promise<AdapterOutcome> {
  const id = text(pending.data?.[object === "Charge" ? "chargeId" : "refundId"]);
  if (id === undefined) return pending;
  const read = object === "Charge" ? await client.getCharge(id) : await client.getRefund(id);
  if (read.status !== "succeeded") return pending;
  const state = stateOf(read.body);
  if (state === undefined || NOT_FINAL.has(state)) return { status: "pending", data: { ...pending.data, ...(state ? { state } : {}) } };
  const details = isRecord(read.body.statusDetails) ? read.body.statusDetails : {};
  if (state === "Declined" || state === "Canceled") return { status: "failed", code: text(details.reasonCode) ?? state, message: `the ${object} is ${state}` };
  return { status: "succeeded", data: { ...pending.data, state } };
}

/** States Amazon Pay processes asynchronously (doc 005): the result comes later, by IPN or GET. */
const NOT_FINAL = new Set(["AuthorizationInitiated", "CaptureInitiated", "RefundInitiated"]);

/** A success whose object is still being processed is reported pending: the IPN endpoint learns how it ends. */
function pendingWhileNotFinal(outcome: AdapterOutcome): AdapterOutcome {
  if (outcome.status !== "succeeded" || !NOT_FINAL.has(String(outcome.data?.state))) return outcome;
  return { status: "pending", ...(outcome.data ? { data: outcome.data } : {}) };
}

function stateOf(body: Readonly<Record<string, unknown>>): string | undefined {
  return isRecord(body.statusDetails) ? text(body.statusDetails.state) : undefined;
}
