import type { AmazonPayAdapter, IncentivesAdapter } from "../adapter.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { stableHash } from "../sandbox/stable-hash.js";

/** The partner id fixtures create objects under: five letters, the first upper case, as documented. */
export const PARTNER_ID = "Fproo";

/** The adapter call for one operation, with the objects it needs already in the sandbox. */
export interface Prepared {
  readonly request: Readonly<Record<string, unknown>>;
}

export interface FixtureInput {
  readonly sandbox: Sandbox;
  readonly amount: number;
  /** Unique per logical operation within a run. */
  readonly reference: string;
  /** For CompleteCheckoutSession: the session's state before the call (InvalidCheckoutSessionStatus is produced by state). */
  readonly sessionState?: "Open" | "Completed" | "Canceled";
}

const CURRENCY = "USD";
/** A physical card number per logical operation, so two operations of one run never share a card. */
const cardNumber = (reference: string) => `3400000000004400${String(stableHash(reference) % 1000).padStart(3, "0")}`;

function seedPay(sandbox: Sandbox, operation: string, body: Record<string, unknown>, params: Record<string, string> = {}): Record<string, unknown> {
  const outcome = sandbox.amazonPay.resources.run({ operation, params, body, now: sandbox.clock.now() });
  if (!outcome.ok) throw new Error(`faultproof fixture: ${operation} failed with ${outcome.code}`);
  return outcome.body;
}

function session(input: FixtureInput): string {
  const chargeAmount = { amount: input.amount.toFixed(2), currencyCode: CURRENCY };
  const created = seedPay(input.sandbox, "CreateCheckoutSession", { storeId: "amzn1.application-oa2-client.fixture", webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, paymentDetails: { paymentIntent: "Authorize", chargeAmount } });
  return String(created.checkoutSessionId);
}

function completed(input: FixtureInput): { checkoutSessionId: string; chargePermissionId: string; chargeId: string } {
  const checkoutSessionId = session(input);
  const done = seedPay(input.sandbox, "CompleteCheckoutSession", { chargeAmount: { amount: input.amount.toFixed(2), currencyCode: CURRENCY } }, { checkoutSessionId });
  return { checkoutSessionId, chargePermissionId: String(done.chargePermissionId), chargeId: String(done.chargeId) };
}

function seedIncentives(sandbox: Sandbox, operation: string, body: Record<string, unknown>): void {
  const outcome = sandbox.incentives.state.run({ operation, body: { partnerId: PARTNER_ID, ...body }, now: sandbox.clock.now(), region: "NA", requestIdMaxLength: 40, mock: false });
  if (!outcome.ok) throw new Error(`faultproof fixture: ${operation} failed with ${outcome.code}`);
}

type Fixture = (input: FixtureInput) => Prepared;

const money = (input: FixtureInput) => ({ amount: input.amount, currencyCode: CURRENCY });

export const FIXTURES: Readonly<Record<string, Fixture>> = {
  CreateGiftCard: (input) => ({ request: { ...money(input), reference: input.reference } }),
  CancelGiftCard: (input) => {
    const creationRequestId = `${PARTNER_ID}fx${input.reference}`.slice(0, 40);
    seedIncentives(input.sandbox, "CreateGiftCard", { creationRequestId, value: money(input) });
    return { request: { creationRequestId } };
  },
  ActivateGiftCard: (input) => ({ request: { ...money(input), reference: input.reference, cardNumber: cardNumber(input.reference) } }),
  DeactivateGiftCard: (input) => {
    const activationRequestId = `${PARTNER_ID}fx${input.reference}`.slice(0, 40);
    seedIncentives(input.sandbox, "ActivateGiftCard", { activationRequestId, cardNumber: cardNumber(input.reference), value: money(input) });
    return { request: { cardNumber: cardNumber(input.reference), activationRequestId } };
  },
  LoadAmazonBalance: (input) => ({ request: { ...money(input), reference: input.reference, accountId: "amzn1.account.FIXTURE" } }),
  VoidAmazonBalanceLoad: (input) => {
    const loadBalanceRequestId = `${PARTNER_ID}fx${input.reference}`.slice(0, 40);
    seedIncentives(input.sandbox, "LoadAmazonBalance", { loadBalanceRequestId, amount: { currencyCode: CURRENCY, value: input.amount }, account: { id: "amzn1.account.FIXTURE", type: 1 } });
    return { request: { ...money(input), loadBalanceRequestId, accountId: "amzn1.account.FIXTURE" } };
  },
  CreateCheckoutSession: (input) => ({ request: { ...money(input), reference: input.reference } }),
  UpdateCheckoutSession: (input) => ({ request: { ...money(input), checkoutSessionId: session(input) } }),
  CompleteCheckoutSession: (input) => {
    const checkoutSessionId = session(input);
    const state = input.sessionState ?? "Open";
    if (state !== "Open") {
      const stored = input.sandbox.amazonPay.resources.sessions.get(checkoutSessionId)!;
      if (state === "Completed") seedPay(input.sandbox, "CompleteCheckoutSession", { chargeAmount: stored.chargeAmount }, { checkoutSessionId });
      else Object.assign(stored, { state: "Canceled", reasonCode: "BuyerCanceled" });
    }
    return { request: { ...money(input), checkoutSessionId } };
  },
  CreateCharge: (input) => ({ request: { ...money(input), reference: input.reference, chargePermissionId: completed(input).chargePermissionId, captureNow: false } }),
  CaptureCharge: (input) => ({ request: { ...money(input), reference: input.reference, chargeId: completed(input).chargeId } }),
  CancelCharge: (input) => ({ request: { chargeId: completed(input).chargeId, reason: "customer request" } }),
  CreateRefund: (input) => {
    const { chargeId } = completed(input);
    seedPay(input.sandbox, "CaptureCharge", { captureAmount: { amount: input.amount.toFixed(2), currencyCode: CURRENCY } }, { chargeId });
    return { request: { ...money(input), reference: input.reference, chargeId } };
  },
  CloseChargePermission: (input) => ({ request: { chargePermissionId: completed(input).chargePermissionId, reason: "subscription ended" } }),
};

/** The adapter function for an operation, if the team implemented it. */
export function adapterFunction(options: { incentives?: IncentivesAdapter; amazonPay?: AmazonPayAdapter; api: "incentives" | "amazon-pay"; operation: string }): ((request: never) => Promise<unknown>) | undefined {
  const name = options.operation.charAt(0).toLowerCase() + options.operation.slice(1);
  const side = (options.api === "incentives" ? options.incentives : options.amazonPay) as Record<string, unknown> | undefined;
  const fn = side?.[name];
  return typeof fn === "function" ? (fn.bind(side) as (request: never) => Promise<unknown>) : undefined;
}
