// The objects as Amazon Pay's answers show them (reference B8): what a GET and a successful operation return.
import { isRecord, type Charge, type ChargePermission, type CheckoutSession, type Refund } from "./objects.js";

const iso = (ms: number) => new Date(ms).toISOString();

export function sessionBody(s: CheckoutSession): Record<string, unknown> {
  return {
    checkoutSessionId: s.id,
    webCheckoutDetails: { ...(isRecord(s.request.webCheckoutDetails) ? s.request.webCheckoutDetails : {}), amazonPayRedirectUrl: `https://pay.amazon.com/checkout?checkoutSessionId=${s.id}` },
    paymentDetails: { paymentIntent: s.paymentIntent, chargeAmount: s.chargeAmount },
    chargePermissionType: "OneTime",
    statusDetails: { state: s.state, reasonCode: s.reasonCode, reasonDescription: null, lastUpdatedTimestamp: iso(s.updated) },
    // The Node SDK JSON.parses each entry of shippingAddressList, so the API sends strings or null (reference C1).
    shippingAddressList: null,
    chargePermissionId: s.chargePermissionId,
    chargeId: s.chargeId,
    storeId: s.request.storeId,
    creationTimestamp: iso(s.created),
    releaseEnvironment: "Sandbox",
  };
}

export function permissionBody(p: ChargePermission): Record<string, unknown> {
  return {
    chargePermissionId: p.id,
    chargePermissionType: "OneTime",
    limits: { amountLimit: p.limit, amountBalance: p.limit },
    statusDetails: { state: p.state, reasons: p.reasonCode ? [{ reasonCode: p.reasonCode, reasonDescription: null }] : null, lastUpdatedTimestamp: iso(p.updated) },
    creationTimestamp: iso(p.created),
    releaseEnvironment: "Sandbox",
  };
}

export function chargeBody(c: Charge): Record<string, unknown> {
  return {
    chargeId: c.id,
    chargePermissionId: c.chargePermissionId,
    chargeAmount: c.amount,
    captureAmount: c.captured,
    refundedAmount: { amount: c.refunded.toFixed(2), currencyCode: c.amount.currencyCode },
    statusDetails: { state: c.state, reasonCode: c.reasonCode, reasonDescription: null, lastUpdatedTimestamp: iso(c.updated) },
    creationTimestamp: iso(c.created),
    releaseEnvironment: "Sandbox",
  };
}

export function refundBody(r: Refund): Record<string, unknown> {
  return {
    refundId: r.id,
    chargeId: r.chargeId,
    refundAmount: r.amount,
    statusDetails: { state: r.state, reasonCode: r.reasonCode, reasonDescription: null, lastUpdatedTimestamp: iso(r.updated) },
    creationTimestamp: iso(r.created),
    releaseEnvironment: "Sandbox",
  };
}
