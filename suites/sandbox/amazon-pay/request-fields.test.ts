import { describe, expect, it } from "vitest";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";
import { createSandbox } from "../../../generated/sandbox.js";
import { completedSession, expectPayError, openSession, pay, SESSION_REQUEST, TEN } from "../test-support/pay-requests.js";

/*
 * Request validation per operation, against seed 000's generic error table:
 * UnrecognizedField ("You have passed an invalid field in the request body"),
 * MissingParameterValue ("One of the mandatory request parameters is
 * missing"), InvalidParameterValue ("an invalid value for at least one of the
 * parameters") and InvalidRequestFormat ("a request in invalid JSON format"),
 * each 400. Which fields each operation takes: request-fields.ts (reference
 * B2, B6, seed 002; the rest a setting). Signatures are another test's
 * subject: this sandbox does not check them.
 */

const { sandbox, server } = sandboxUnderTest();

type Body = Record<string, unknown>;

/** The path of an operation on an object made for it through the API. */
async function pathOf(operation: string): Promise<{ method: string; path: string }> {
  switch (operation) {
    case "CreateCheckoutSession":
      return { method: "POST", path: "checkoutSessions" };
    case "UpdateCheckoutSession":
      return { method: "PATCH", path: `checkoutSessions/${await openSession()}` };
    case "CompleteCheckoutSession":
      return { method: "POST", path: `checkoutSessions/${await openSession()}/complete` };
    case "CreateCharge":
      return { method: "POST", path: "charges" };
    case "CaptureCharge":
      return { method: "POST", path: `charges/${(await completedSession()).chargeId}/capture` };
    case "CancelCharge":
      return { method: "DELETE", path: `charges/${(await completedSession()).chargeId}/cancel` };
    case "CloseChargePermission":
      return { method: "DELETE", path: `chargePermissions/${(await completedSession()).chargePermissionId}/close` };
    case "CreateRefund":
      return { method: "POST", path: "refunds" };
    default:
      throw new Error(`no path for ${operation}`);
  }
}

const USD = (amount: string): Body => ({ amount, currencyCode: "USD" });

describe("a field the operation does not take is 400 UnrecognizedField (seed 000)", () => {
  it.each<[string, { given: { operation: string; body: Body }; want: string }]>([
    ["a top-level field Create Checkout Session does not take", { given: { operation: "CreateCheckoutSession", body: { ...SESSION_REQUEST, giftWrap: true } }, want: "giftWrap" }],
    ["a field inside webCheckoutDetails", { given: { operation: "CreateCheckoutSession", body: { ...SESSION_REQUEST, webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/r", returnUrl: "https://shop.example/x" } } }, want: "webCheckoutDetails.returnUrl" }],
    ["a field inside paymentDetails on Update", { given: { operation: "UpdateCheckoutSession", body: { paymentDetails: { chargeAmount: TEN, captureNow: true } } }, want: "paymentDetails.captureNow" }],
    // Create Charge's captureNow is no field of Complete Checkout Session.
    ["another operation's field on Complete", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: TEN, captureNow: true } }, want: "captureNow" }],
    // Amazon Pay's fields are camelCase: a PascalCase body names fields that do not exist.
    ["a PascalCase field on Complete", { given: { operation: "CompleteCheckoutSession", body: { ChargeAmount: TEN } }, want: "ChargeAmount" }],
    ["a field inside a price", { given: { operation: "CaptureCharge", body: { captureAmount: { ...TEN, value: "10.00" } } }, want: "captureAmount.value" }],
    ["a field Cancel Charge does not take", { given: { operation: "CancelCharge", body: { cancellationReason: "test", reason: "test" } }, want: "reason" }],
    ["a field Close Charge Permission does not take", { given: { operation: "CloseChargePermission", body: { closureReason: "test", cancelCharges: true } }, want: "cancelCharges" }],
    // Both wrong: the field that should not be there is named first.
    ["an unknown field beside a missing one", { given: { operation: "CreateRefund", body: { chargeId: "C01-0000000-0000000", amount: TEN } }, want: "amount" }],
  ])("%s", async (_, { given, want }) => {
    const { method, path } = await pathOf(given.operation);
    const answer = await pay(method, path, { body: given.body });
    expectPayError(answer, { status: 400, reasonCode: "UnrecognizedField", message: `${want} is not a field of this request` });
    expect(sandbox.journal.entries.at(-1)?.response).toMatchObject({ status: 400, code: "UnrecognizedField", by: "sandbox" });
  });
});

describe("a mandatory parameter left out is 400 MissingParameterValue (seed 000)", () => {
  it.each<[string, { given: { operation: string; body: Body }; want: string }]>([
    ["Create Checkout Session without storeId", { given: { operation: "CreateCheckoutSession", body: { webCheckoutDetails: SESSION_REQUEST.webCheckoutDetails } }, want: "storeId" }],
    ["Create Checkout Session without webCheckoutDetails", { given: { operation: "CreateCheckoutSession", body: { storeId: SESSION_REQUEST.storeId } }, want: "webCheckoutDetails" }],
    // Seed 002: "The Complete Checkout Session request chargeAmount must match …": there must be one.
    ["Complete Checkout Session without chargeAmount", { given: { operation: "CompleteCheckoutSession", body: {} }, want: "chargeAmount" }],
    ["Complete Checkout Session with a null chargeAmount", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: null } }, want: "chargeAmount" }],
    ["Complete Checkout Session with a price without its currency", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: { amount: "10.00" } } }, want: "chargeAmount.currencyCode" }],
    ["Create Charge without chargePermissionId", { given: { operation: "CreateCharge", body: { chargeAmount: TEN } }, want: "chargePermissionId" }],
    ["Create Charge without chargeAmount", { given: { operation: "CreateCharge", body: { chargePermissionId: "P01-0000000-0000000" } }, want: "chargeAmount" }],
    ["Capture Charge without captureAmount", { given: { operation: "CaptureCharge", body: { softDescriptor: "SHOP" } }, want: "captureAmount" }],
    ["Create Refund without refundAmount", { given: { operation: "CreateRefund", body: { chargeId: "C01-0000000-0000000" } }, want: "refundAmount" }],
    ["Create Refund without chargeId", { given: { operation: "CreateRefund", body: { refundAmount: TEN } }, want: "chargeId" }],
  ])("%s", async (_, { given, want }) => {
    const { method, path } = await pathOf(given.operation);
    const answer = await pay(method, path, { body: given.body });
    expectPayError(answer, { status: 400, reasonCode: "MissingParameterValue", message: `The mandatory parameter ${want} is missing` });
  });
});

describe("a value of the wrong kind is 400 InvalidParameterValue (seed 000; reference B5's message)", () => {
  it.each<[string, { given: { operation: string; body: Body }; want: string }]>([
    ["a paymentIntent that is none of Confirm, Authorize, AuthorizeWithCapture", { given: { operation: "CreateCheckoutSession", body: { ...SESSION_REQUEST, paymentDetails: { paymentIntent: "Later" } } }, want: "paymentDetails.paymentIntent" }],
    ["a storeId that is a number", { given: { operation: "CreateCheckoutSession", body: { ...SESSION_REQUEST, storeId: 42 } }, want: "storeId" }],
    ["a chargePermissionType that does not exist", { given: { operation: "CreateCheckoutSession", body: { ...SESSION_REQUEST, chargePermissionType: "Forever" } }, want: "chargePermissionType" }],
    ["webCheckoutDetails that is a string", { given: { operation: "UpdateCheckoutSession", body: { webCheckoutDetails: "https://shop.example/result" } }, want: "webCheckoutDetails" }],
    ["a negative amount", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: USD("-10.00") } }, want: "chargeAmount.amount" }],
    ["an amount with three decimals", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: USD("10.001") } }, want: "chargeAmount.amount" }],
    ["an amount in words", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: USD("ten") } }, want: "chargeAmount.amount" }],
    ["a currency in lower case", { given: { operation: "CompleteCheckoutSession", body: { chargeAmount: { amount: "10.00", currencyCode: "usd" } } }, want: "chargeAmount.currencyCode" }],
    ["a price that is a string", { given: { operation: "CaptureCharge", body: { captureAmount: "10.00 USD" } }, want: "captureAmount" }],
    ["captureNow as the string \"true\"", { given: { operation: "CreateCharge", body: { chargePermissionId: "P01-0000000-0000000", chargeAmount: TEN, captureNow: "true" } }, want: "captureNow" }],
    ["cancelPendingCharges as the string \"false\"", { given: { operation: "CloseChargePermission", body: { closureReason: "test", cancelPendingCharges: "false" } }, want: "cancelPendingCharges" }],
    ["a cancellationReason that is an object", { given: { operation: "CancelCharge", body: { cancellationReason: { text: "test" } } }, want: "cancellationReason" }],
  ])("%s", async (_, { given, want }) => {
    const { method, path } = await pathOf(given.operation);
    const answer = await pay(method, path, { body: given.body });
    expectPayError(answer, { status: 400, reasonCode: "InvalidParameterValue", message: `The value provided for ${want} is invalid.` });
  });

  it("a refused request changes nothing: the session stays Open, and the right request completes it", async () => {
    const id = await openSession();
    expectPayError(await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: USD("ten") } }), { status: 400, reasonCode: "InvalidParameterValue" });
    expect((await pay("GET", `checkoutSessions/${id}`)).body).toMatchObject({ statusDetails: { state: "Open" }, chargeId: null });
    expect((await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } })).status).toBe(200);
  });
});

describe("a body that is not a JSON object is 400 InvalidRequestFormat (seed 000)", () => {
  it.each<[string, { given: string }]>([
    ["JSON cut off halfway", { given: '{"chargeAmount":{"amount":"10.00",' }],
    ["a JSON array", { given: "[]" }],
    ["a JSON string", { given: '"chargeAmount"' }],
    ["form encoding", { given: "chargeAmount=10.00" }],
  ])("%s", async (_, { given }) => {
    const answer = await pay("POST", `checkoutSessions/${await openSession()}/complete`, { raw: given });
    expectPayError(answer, { status: 400, reasonCode: "InvalidRequestFormat" });
  });
});

describe("what the reference integration and the official SDK send is accepted, operation by operation", () => {
  it("a whole checkout with the reference's bodies, optional fields and nulls included", async () => {
    const created = await pay("POST", "checkoutSessions", { body: { ...SESSION_REQUEST, merchantMetadata: { merchantReferenceId: "order-1", customInformation: "x" }, chargePermissionType: "OneTime" } });
    expect(created.status, created.text).toBe(201);
    const id = String(created.body.checkoutSessionId);
    const update = { webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/checkout/result" }, paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: USD("12.00"), softDescriptor: null } };
    expect((await pay("PATCH", `checkoutSessions/${id}`, { body: update })).status).toBe(200);
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: USD("12.00") } });
    expect(completed.status, completed.text).toBe(200);
    const chargeId = String(completed.body.chargeId);
    // Reference C1: the SDK's README captures with a softDescriptor.
    expect((await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: USD("12.00"), softDescriptor: "FAULTPROOF" } })).status).toBe(200);
    expect((await pay("POST", "refunds", { body: { chargeId, refundAmount: USD("2.00"), softDescriptor: "FAULTPROOF" } })).status).toBe(201);
    const charge = await pay("POST", "charges", { body: { chargePermissionId: completed.body.chargePermissionId, chargeAmount: USD("1.00"), captureNow: false, canHandlePendingAuthorization: false } });
    expect(charge.status, charge.text).toBe(201);
    expect((await pay("DELETE", `charges/${String(charge.body.chargeId)}/cancel`, { body: { cancellationReason: "Out of stock" } })).status).toBe(200);
    expect((await pay("DELETE", `chargePermissions/${String(completed.body.chargePermissionId)}/close`, { body: { closureReason: "done", cancelPendingCharges: false } })).status).toBe(200);
  });

  it("an amount sent as a JSON number is taken, as clients serialise it both ways", async () => {
    const id = await openSession();
    expect((await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: { amount: 10, currencyCode: "USD" } } })).status).toBe(200);
  });

  it("an operation the table leaves out (Update Charge) takes any body", async () => {
    const { chargeId } = await completedSession();
    expect((await pay("PATCH", `charges/${chargeId}`, { body: { anything: { at: "all" } } })).status).toBe(200);
  });
});

describe("the field lists are a setting (amazonPay.bodies)", () => {
  it.each<[string, { given: Parameters<typeof createSandbox>[0]; want: number }]>([
    ["by default Complete refuses giftWrap", { given: {}, want: 400 }],
    ["a field added to Complete's list is taken", { given: { config: { amazonPay: { bodies: { CompleteCheckoutSession: { fields: { giftWrap: "boolean" } } } } } }, want: 200 }],
  ])("%s", async (_, { given, want }) => {
    const configured = createSandbox({ ...given, config: { ...given?.config, verifySignatures: false } });
    server.use(...configured.handlers);
    const created = await pay("POST", "checkoutSessions", { body: SESSION_REQUEST });
    const answer = await pay("POST", `checkoutSessions/${String(created.body.checkoutSessionId)}/complete`, { body: { chargeAmount: TEN, giftWrap: true } });
    expect(answer.status, answer.text).toBe(want);
  });
});
