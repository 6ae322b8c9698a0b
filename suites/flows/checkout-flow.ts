import fc from "fast-check";
import { FIXTURES } from "../conformance/fixtures.js";
import { CITATIONS } from "./citations.js";
import { call, describe, FlowViolation, moveToUnusedId, type FlowWorld } from "./flow.js";

/** The checkout session as the documents describe it: Open until completed (with the session's amount) or canceled. */
interface CheckoutModel {
  amount: number;
  state: "Open" | "Completed" | "Canceled";
  readonly sessionId: string;
}

type Command = fc.AsyncCommand<CheckoutModel, FlowWorld>;

const RULE = "flow-checkout";

/** Update Checkout Session with the final total (seed 002: before completing). */
class UpdateAmount implements Command {
  constructor(readonly amount: number) {}
  check = (m: Readonly<CheckoutModel>) => m.state === "Open";
  async run(m: CheckoutModel, w: FlowWorld) {
    const outcome = await call(w, () => w.adapter.amazonPay!.updateCheckoutSession!({ checkoutSessionId: m.sessionId, amount: this.amount, currencyCode: "USD" }));
    // The sandbox answers an update of an Open session with success: anything else is not what happened.
    if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} for an update of an Open session, which the sandbox answered with success; expected succeeded`, CITATIONS.contract);
    m.amount = this.amount;
  }
  toString = () => `update(${this.amount})`;
}

/**
 * Complete with the session's amount, or a different one (AmountMismatch).
 * On a finished session the answer is InvalidCheckoutSessionStatus, and the
 * FAQ says only what each state means: Completed, an earlier Complete took
 * effect; Canceled, the payment intent was not finalized.
 */
class Complete implements Command {
  constructor(readonly matches: boolean) {}
  check = () => true;
  async run(m: CheckoutModel, w: FlowWorld) {
    const amount = this.matches ? m.amount : Math.round((m.amount + 1.5) * 100) / 100;
    const outcome = await call(w, () => w.adapter.amazonPay!.completeCheckoutSession!({ checkoutSessionId: m.sessionId, amount, currencyCode: "USD" }));
    switch (m.state) {
      case "Completed":
        // The earlier Complete took effect; whether a second one reports that as a success, a failure
        // with InvalidCheckoutSessionStatus, or a hand-over, the documents leave to the integration.
        return;
      case "Canceled":
        if (outcome.status === "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} completing a Canceled session: a success for a payment that was never finalized`, CITATIONS.canceledNotFinalized);
        return;
      case "Open":
        if (!this.matches) {
          if (outcome.status === "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} completing with ${amount} a session of ${m.amount}; expected a failure (AmountMismatch)`, CITATIONS.amountMustMatch);
          return;
        }
        if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} completing an Open session with its own amount, which the sandbox completes; expected succeeded`, CITATIONS.contract);
        if (w.sandbox.amazonPay.resources.sessions.get(m.sessionId)?.state !== "Completed") throw new FlowViolation(RULE, `received ${describe(outcome)} completing session ${m.sessionId}, which is not Completed: a success that did not take effect`, CITATIONS.contract);
        m.state = "Completed";
    }
  }
  toString = () => `complete(${this.matches ? "same amount" : "other amount"})`;
}

/** The buyer abandons checkout: the session is Canceled (seed 002). */
class BuyerCancels implements Command {
  check = (m: Readonly<CheckoutModel>) => m.state === "Open";
  async run(m: CheckoutModel, w: FlowWorld) {
    const session = w.sandbox.amazonPay.resources.sessions.get(m.sessionId)!;
    Object.assign(session, { state: "Canceled", reasonCode: "BuyerCanceled" });
    m.state = "Canceled";
  }
  toString = () => "buyer cancels";
}

export const checkoutCommands = [
  fc.integer({ min: 100, max: 50_000 }).map((cents) => new UpdateAmount(cents / 100)),
  fc.boolean().map((matches) => new Complete(matches)),
  fc.constant(new BuyerCancels()),
];

export function checkoutSetup(world: FlowWorld): () => { model: CheckoutModel; real: FlowWorld } {
  return () => {
    const { request } = FIXTURES.UpdateCheckoutSession!({ sandbox: world.sandbox, amount: 25, reference: "flow" });
    const session = moveToUnusedId(world.sandbox.amazonPay.resources.sessions, String(request.checkoutSessionId));
    return { model: { amount: 25, state: "Open", sessionId: session.id }, real: world };
  };
}
