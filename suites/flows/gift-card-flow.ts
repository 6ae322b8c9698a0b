import fc from "fast-check";
import { call, describe, FlowViolation, type FlowWorld } from "./flow.js";

/** The cards the integration reported as delivered, and those it cancelled. */
interface LifecycleModel {
  readonly delivered: Map<string, string>;
  readonly cancelled: Set<string>;
  next: number;
}

type Command = fc.AsyncCommand<LifecycleModel, FlowWorld>;

const RULE = "flow-gift-card-lifecycle";

/**
 * Create a card, possibly answered RESEND after the card was in fact issued
 * (the lost answer seed 003's compensation exists for).
 */
class Create implements Command {
  constructor(readonly resend: boolean) {}
  check = () => true;
  async run(m: LifecycleModel, w: FlowWorld) {
    if (this.resend) w.sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F4000", afterEffect: true });
    m.next += 1;
    const outcome = await call(w, () => w.adapter.incentives!.createGiftCard!({ amount: 10, currencyCode: "USD", reference: `card${m.next}` }));
    w.sandbox.clearFaults();
    if (outcome.status === "succeeded") {
      const id = String(outcome.data?.creationRequestId ?? "");
      const card = w.sandbox.incentives.state.cards().find((c) => c.creationRequestId === id);
      if (!card) throw new FlowViolation(RULE, `received succeeded with creationRequestId ${JSON.stringify(id)}, but the sandbox issued no such card`);
      if (card.cancelled) throw new FlowViolation(RULE, `received succeeded for card ${card.gcId}, which is cancelled: delivered and cancelled at once`);
      m.delivered.set(id, card.gcId);
    }
    checkInvariant(m, w, `after ${this.toString()} → ${describe(outcome)}`);
  }
  toString = () => `create${this.resend ? " (answered RESEND after issuing)" : ""}`;
}

/** Cancel a delivered card (within 15 minutes). */
class Cancel implements Command {
  check = (m: Readonly<LifecycleModel>) => [...m.delivered.keys()].some((id) => !m.cancelled.has(id));
  async run(m: LifecycleModel, w: FlowWorld) {
    const id = [...m.delivered.keys()].find((key) => !m.cancelled.has(key))!;
    const outcome = await call(w, () => w.adapter.incentives!.cancelGiftCard!({ creationRequestId: id, gcId: m.delivered.get(id)! }));
    if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} cancelling a card created moments ago; expected succeeded`);
    m.cancelled.add(id);
    m.delivered.delete(id);
    checkInvariant(m, w, `after cancelling ${id}`);
  }
  toString = () => "cancel a delivered card";
}

/** Every card the sandbox issued is either delivered or cancelled: never lost, never both. */
function checkInvariant(m: LifecycleModel, w: FlowWorld, when: string): void {
  for (const card of w.sandbox.incentives.state.cards()) {
    const delivered = m.delivered.has(card.creationRequestId);
    if (!delivered && !card.cancelled) throw new FlowViolation(RULE, `card ${card.gcId} (${card.creationRequestId}) was issued but neither delivered nor cancelled ${when}: a lost card`);
    if (delivered && card.cancelled) throw new FlowViolation(RULE, `card ${card.gcId} is both delivered and cancelled ${when}`);
  }
}

export const giftCardCommands = [fc.boolean().map((resend) => new Create(resend)), fc.constant(new Cancel())];

export function giftCardSetup(world: FlowWorld): () => { model: LifecycleModel; real: FlowWorld } {
  return () => ({ model: { delivered: new Map(), cancelled: new Set(), next: 0 }, real: world });
}
