/**
 * Amazon's Node SDK used bare, as its README suggests: an idempotency key per
 * POST, and reliance on the SDK's built-in retry (`RETRIES: 3`). That retry
 * never fires (it tests `statusCode` on a Promise, reference C1), so a 503
 * gets exactly one request and is reported as a plain failure: it is never
 * retried.
 */
import { randomUUID } from "node:crypto";
import type { AdapterOutcome, AmazonPayAdapter } from "../../suites/adapter.js";
import { createWebStoreClient, price, type SdkResponse, type WebStoreClient } from "../reference/amazon-pay-client.js";
import { isRecord, text } from "../reference/retry.js";
import { PAY_503 } from "./cases.js";
import type { FamilyMember } from "./member.js";

let client: WebStoreClient | undefined;
const sdk = (): WebStoreClient => (client ??= createWebStoreClient());
const key = () => ({ "x-amz-pay-idempotency-key": randomUUID().replace(/-/g, "") });

async function bare(send: () => Promise<SdkResponse>, idField: string): Promise<AdapterOutcome> {
  try {
    const response = await send();
    const data = isRecord(response.data) ? response.data : {};
    const state = isRecord(data.statusDetails) ? text(data.statusDetails.state) : undefined;
    // Its one defect is the retry: an authorization or refund still being processed is reported pending, as doc 005 asks.
    if (state === "AuthorizationInitiated" || state === "RefundInitiated" || state === "CaptureInitiated") return { status: "pending", data: { [idField]: text(data[idField]), state } };
    return { status: "succeeded", data: { [idField]: text(data[idField]), state } };
  } catch (error) {
    const response = isRecord(error) && isRecord(error.response) ? error.response : undefined;
    const body = response?.data;
    const code = (isRecord(body) ? text(body.reasonCode) : undefined) ?? (typeof response?.status === "number" ? String(response.status) : "RequestFailed");
    return { status: "failed", code, message: error instanceof Error ? error.message : String(error) };
  }
}

const amazonPay: AmazonPayAdapter = {
  createCheckoutSession: (request) =>
    bare(
      () =>
        sdk().createCheckoutSession(
          {
            webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/checkout/review" },
            storeId: "amzn1.application-oa2-client.faultproofbaresdk00000000",
            paymentDetails: { paymentIntent: "Authorize", chargeAmount: price(request) },
          },
          key(),
        ),
      "checkoutSessionId",
    ),
  updateCheckoutSession: (request) => bare(() => sdk().updateCheckoutSession(request.checkoutSessionId, { paymentDetails: { paymentIntent: "Authorize", chargeAmount: price(request) } }), "checkoutSessionId"),
  completeCheckoutSession: (request) => bare(() => sdk().completeCheckoutSession(request.checkoutSessionId, { chargeAmount: price(request) }, key()), "checkoutSessionId"),
  createCharge: (request) => bare(() => sdk().createCharge({ chargePermissionId: request.chargePermissionId, chargeAmount: price(request), captureNow: request.captureNow }, key()), "chargeId"),
  captureCharge: (request) => bare(() => sdk().captureCharge(request.chargeId, { captureAmount: price(request) }, key()), "chargeId"),
  cancelCharge: (request) => bare(() => sdk().cancelCharge(request.chargeId, { cancellationReason: request.reason }), "chargeId"),
  createRefund: (request) => bare(() => sdk().createRefund({ chargeId: request.chargeId, refundAmount: price(request) }, key()), "refundId"),
  closeChargePermission: (request) => bare(() => sdk().closeChargePermission(request.chargePermissionId, { closureReason: request.reason, cancelPendingCharges: false }), "chargePermissionId"),
};

export const bareSdk: FamilyMember = {
  name: "bare-sdk",
  api: "amazon-pay",
  does: "Uses the Amazon Pay SDK bare, relying on its built-in retry, which never fires: one request on a 503, then a plain failure.",
  cases: [PAY_503],
  adapter: { name: "faultproof family: bare-sdk", amazonPay, retryPolicy: { maxAttempts: 4 } },
  breaks: "retry-transient",
};
