/**
 * Which body fields each Amazon Pay operation takes and requires: the
 * default of the sandbox setting `amazonPay.bodies`.
 *
 * The project's reference settles little of this: B2 gives the bodies of
 * Close Charge Permission (`closureReason`, `cancelPendingCharges`) and Cancel
 * Charge (`cancellationReason`), B6 and seed 002 the `chargeAmount` of
 * Complete Checkout Session. The other lists follow Amazon's API reference
 * pages (checkout-session, charge, charge-permission, refund), which the
 * reference does not confirm: UNVERIFIED, so each is a setting. An object whose
 * own fields no source lists is "any" (taken as sent), and an operation left out
 * of the table takes any body: the sandbox refuses only what it knows Amazon
 * refuses.
 */
export type PayField =
  | "string"
  | "boolean"
  /** `{ amount, currencyCode }`: a positive decimal with at most two places, and a three-letter currency. */
  | "price"
  /** Any value, taken as sent: an object whose fields no source lists. */
  | "any"
  /** One of these strings. */
  | readonly string[]
  /** An object with these fields and no others. */
  | { readonly [field: string]: PayField };

export interface PayBodyRule {
  /** Every top-level field the body may carry, and what it holds. */
  readonly fields: Readonly<Record<string, PayField>>;
  /** Dotted paths without which the request is MissingParameterValue (null counts as missing). */
  readonly required: readonly string[];
}

const PAYMENT_INTENT = ["Confirm", "Authorize", "AuthorizeWithCapture"] as const;

const WEB_CHECKOUT_DETAILS: PayField = {
  checkoutReviewReturnUrl: "string",
  checkoutResultReturnUrl: "string",
  checkoutCancelUrl: "string",
  amazonPayRedirectUrl: "string",
  checkoutMode: "string",
};

const PAYMENT_DETAILS: PayField = {
  paymentIntent: PAYMENT_INTENT,
  canHandlePendingAuthorization: "boolean",
  chargeAmount: "price",
  totalOrderAmount: "price",
  softDescriptor: "string",
  presentmentCurrency: "string",
  allowOvercharge: "boolean",
  extendExpiration: "boolean",
};

/** Fields both Create and Update Checkout Session take. */
const SESSION_FIELDS: Readonly<Record<string, PayField>> = {
  webCheckoutDetails: WEB_CHECKOUT_DETAILS,
  paymentDetails: PAYMENT_DETAILS,
  merchantMetadata: "any",
  recurringMetadata: "any",
  paymentMethodOnFileMetadata: "any",
  platformId: "string",
  providerMetadata: "any",
  addressDetails: "any",
  deliverySpecifications: "any",
  cartDetails: "any",
};

export const DEFAULT_PAY_BODIES: Readonly<Record<string, PayBodyRule>> = {
  CreateCheckoutSession: {
    fields: { ...SESSION_FIELDS, storeId: "string", chargePermissionType: ["OneTime", "Recurring", "PaymentMethodOnFile"], scopes: "any" },
    required: ["webCheckoutDetails", "storeId"],
  },
  UpdateCheckoutSession: { fields: SESSION_FIELDS, required: [] },
  // Seed 002: "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount."
  CompleteCheckoutSession: { fields: { chargeAmount: "price", totalOrderAmount: "price" }, required: ["chargeAmount"] },
  FinalizeCheckoutSession: {
    fields: { shippingAddress: "any", billingAddress: "any", chargeAmount: "price", totalOrderAmount: "price", paymentIntent: PAYMENT_INTENT, canHandlePendingAuthorization: "boolean", supplementaryData: "any" },
    required: [],
  },
  UpdateChargePermission: { fields: { merchantMetadata: "any", recurringMetadata: "any", paymentMethodOnFileMetadata: "any" }, required: [] },
  // Reference B2 [SDK]: "DELETE (with JSON body {closureReason, cancelPendingCharges})". Neither is required there.
  CloseChargePermission: { fields: { closureReason: "string", cancelPendingCharges: "boolean" }, required: [] },
  CreateCharge: {
    fields: {
      chargePermissionId: "string",
      chargeAmount: "price",
      captureNow: "boolean",
      softDescriptor: "string",
      canHandlePendingAuthorization: "boolean",
      merchantMetadata: "any",
      providerMetadata: "any",
      platformId: "string",
      chargeInitiator: "string",
      channelType: "string",
      paymentMethodOnFileMetadata: "any",
    },
    required: ["chargePermissionId", "chargeAmount"],
  },
  CaptureCharge: { fields: { captureAmount: "price", softDescriptor: "string" }, required: ["captureAmount"] },
  // Reference B2 [SDK]: "DELETE (with JSON body {cancellationReason})".
  CancelCharge: { fields: { cancellationReason: "string" }, required: [] },
  CreateRefund: { fields: { chargeId: "string", refundAmount: "price", softDescriptor: "string" }, required: ["chargeId", "refundAmount"] },
};
