import fc from "fast-check";
import { FIXTURES } from "../conformance/fixtures.js";
import { call, describe, FlowViolation, type FlowWorld } from "./flow.js";

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
    if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} for an update of an Open session; expected succeeded`);
    m.amount = this.amount;
  }
  toString = () => `update(${this.amount})`;
}

/** Complete with the session's amount, or a different one (AmountMismatch); on a finished session InvalidCheckoutSessionStatus. */
class Complete implements Command {
  constructor(readonly matches: boolean) {}
  check = () => true;
  async run(m: CheckoutModel, w: FlowWorld) {
    const amount = this.matches ? m.amount : Math.round((m.amount + 1.5) * 100) / 100;
    const outcome = await call(w, () => w.adapter.amazonPay!.completeCheckoutSession!({ checkoutSessionId: m.sessionId, amount, currencyCode: "USD" }));
    const code = outcome.status === "failed" || outcome.status === "handed-over" ? outcome.code : undefined;
    if (m.state === "Completed") {
      // Reconcile: the session is Completed, so the earlier complete took effect.
      if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} completing a Completed session; documented: InvalidCheckoutSessionStatus, and the session's state shows it took effect`);
    } else if (m.state === "Canceled") {
      if (outcome.status === "succeeded" || code !== "InvalidCheckoutSessionStatus") throw new FlowViolation(RULE, `received ${describe(outcome)} completing a Canceled session; expected a failure with InvalidCheckoutSessionStatus`);
    } else if (!this.matches) {
      if (outcome.status === "succeeded" || code !== "AmountMismatch") throw new FlowViolation(RULE, `received ${describe(outcome)} completing with ${amount} a session of ${m.amount}; expected a failure with AmountMismatch`);
    } else {
      if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} completing with the session's amount; expected succeeded`);
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
    return { model: { amount: 25, state: "Open", sessionId: String(request.checkoutSessionId) }, real: world };
  };
}
