import fc from "fast-check";
import { FIXTURES } from "../conformance/fixtures.js";
import { CITATIONS } from "./citations.js";
import { call, describe, FlowViolation, moveToUnusedId, type FlowWorld } from "./flow.js";

/**
 * A buyer's checkout as the integration runs it whole: the session was
 * created with the cart of that moment, the cart's final total came later
 * (shipping, tax, a changed cart), and the integration updates and completes
 * on its own. Seed 002: the Complete's chargeAmount must match the session's,
 * and the session is updated once the final total is known.
 */
interface WholeCheckoutModel {
  /** The cart's final total: what the buyer is to be charged. */
  finalAmount: number;
  state: "Open" | "Completed";
  readonly sessionId: string;
}

type Command = fc.AsyncCommand<WholeCheckoutModel, FlowWorld>;

const RULE = "flow-whole-checkout";

/** The amount the session is created with: the cart when the buyer chose Amazon Pay. */
const SESSION_AMOUNT = 25;
/** The cart's final total at the start of a run: the session's amount plus shipping, so a checkout that never updates shows. */
const FINAL_AMOUNT = 29.99;

/** The buyer changes the cart: a new final total, in the shop alone (Amazon's session keeps its amount). */
class ChangeCart implements Command {
  constructor(readonly amount: number) {}
  check = (m: Readonly<WholeCheckoutModel>) => m.state === "Open";
  run(m: WholeCheckoutModel) {
    m.finalAmount = this.amount;
    return Promise.resolve();
  }
  toString = () => `cart changes to ${this.amount.toFixed(2)}`;
}

/**
 * The integration checks the buyer out with the final total. The sandbox
 * answers every request of it normally, so a conforming integration ends with
 * the session Completed at the final total and says `succeeded`.
 */
class Checkout implements Command {
  check = (m: Readonly<WholeCheckoutModel>) => m.state === "Open";
  async run(m: WholeCheckoutModel, w: FlowWorld) {
    const before = w.sandbox.journal.entries.length;
    const outcome = await call(w, () => w.adapter.amazonPay!.checkout!({ checkoutSessionId: m.sessionId, amount: m.finalAmount, currencyCode: "USD" }));
    const mismatched = w.sandbox.journal.entries.slice(before).findLast((entry) => entry.response.code === "AmountMismatch");
    const session = w.sandbox.amazonPay.resources.sessions.get(m.sessionId)!;
    const charged = session.chargeAmount ? Number(session.chargeAmount.amount) : undefined;
    const final = m.finalAmount.toFixed(2);
    const seen = `received ${describe(outcome)} for a checkout of session ${m.sessionId} at the final total ${final}`;

    if (session.state === "Completed" && charged === m.finalAmount) {
      if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `${seen}, which is Completed at that total; expected succeeded`, CITATIONS.contract);
      m.state = "Completed";
      return;
    }
    if (outcome.status === "succeeded" && session.state !== "Completed") {
      throw new FlowViolation(RULE, `${seen}; the session is ${session.state}: a success that did not take effect`, CITATIONS.contract);
    }
    if (session.state === "Completed") {
      throw new FlowViolation(RULE, `${seen}; the session was completed at ${session.chargeAmount?.amount ?? "no amount"}, not at the final total`, CITATIONS.updateToFinalTotal);
    }
    if (mismatched) {
      const asked = String((mismatched.body as { chargeAmount?: { amount?: unknown } } | undefined)?.chargeAmount?.amount ?? "no amount");
      throw new FlowViolation(RULE, `${seen}; Complete Checkout Session asked ${asked} of a session at ${session.chargeAmount?.amount ?? "no amount"} and was answered AmountMismatch`, CITATIONS.updateToFinalTotal);
    }
    throw new FlowViolation(RULE, `${seen}; the sandbox answers an update and a complete of this Open session with success, yet the session is ${session.state}; expected succeeded`, CITATIONS.contract);
  }
  toString = () => "checkout";
}

export const wholeCheckoutCommands = [fc.integer({ min: 100, max: 50_000 }).map((cents) => new ChangeCart(cents / 100)), fc.constant(new Checkout())];

export function wholeCheckoutSetup(world: FlowWorld): () => { model: WholeCheckoutModel; real: FlowWorld } {
  return () => {
    const { request } = FIXTURES.UpdateCheckoutSession!({ sandbox: world.sandbox, amount: SESSION_AMOUNT, reference: "flow" });
    const session = moveToUnusedId(world.sandbox.amazonPay.resources.sessions, String(request.checkoutSessionId));
    return { model: { finalAmount: FINAL_AMOUNT, state: "Open", sessionId: session.id }, real: world };
  };
}
