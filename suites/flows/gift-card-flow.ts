import fc from "fast-check";
import type { JournalEntry } from "../sandbox/journal.js";
import { CITATIONS } from "./citations.js";
import { call, describe, FlowViolation, type FlowWorld } from "./flow.js";

/** The cards the integration reported as delivered, those it cancelled, and those it handed to a person. */
interface LifecycleModel {
  readonly delivered: Map<string, string>;
  readonly cancelled: Set<string>;
  readonly handedOver: Set<string>;
  next: number;
}

type Command = fc.AsyncCommand<LifecycleModel, FlowWorld>;

const RULE = "flow-gift-card-lifecycle";

/**
 * Create a card, possibly answered RESEND after the card was in fact issued
 * (the lost answer seed 003's compensation exists for). RESEND may be met by
 * retrying with the same creationRequestId (the sandbox, as Amazon, answers
 * the card already issued), by cancelling the original id and re-sending with
 * a new one, or by handing the case over. Never allowed: a new id while the
 * original card still stands (two cards), a success no answer gave, or a card
 * issued and then forgotten.
 */
class Create implements Command {
  constructor(readonly resend: boolean) {}
  check = () => true;
  async run(m: LifecycleModel, w: FlowWorld) {
    const before = w.sandbox.journal.entries.length;
    if (this.resend) w.sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F4000", afterEffect: true });
    m.next += 1;
    const outcome = await call(w, () => w.adapter.incentives!.createGiftCard!({ amount: 10, currencyCode: "USD", reference: `card${m.next}` }));
    w.sandbox.clearFaults();
    const entries = w.sandbox.journal.entries.slice(before);
    const when = `after ${this.toString()} → ${describe(outcome)}`;
    checkResendWithoutCancel(entries, when);
    if (outcome.status === "succeeded") {
      const id = String(outcome.data?.creationRequestId ?? "");
      const answers = entries.filter((e) => e.operation === "CreateGiftCard" && requestIdOf(e) === id);
      if (!answers.some(isSuccess)) {
        // The only error this flow answers with is the RESEND it queued.
        const answeredResend = answers.some((e) => e.response.code !== undefined);
        throw new FlowViolation(RULE, `received succeeded with creationRequestId ${JSON.stringify(id)}, but no CreateGiftCard with that id was answered with success ${when}`, answeredResend ? CITATIONS.resendIsNotSuccess : CITATIONS.contract);
      }
      const card = w.sandbox.incentives.state.cards().find((c) => c.creationRequestId === id)!;
      if (card.cancelled) throw new FlowViolation(RULE, `received succeeded for card ${card.gcId}, which is cancelled: delivered and cancelled at once ${when}`, CITATIONS.resendCompensation);
      m.delivered.set(id, card.gcId);
    } else if (outcome.status === "handed-over") {
      // A person follows up on every id this operation used: none of its cards is lost.
      for (const e of entries) if (e.operation === "CreateGiftCard") m.handedOver.add(requestIdOf(e));
    }
    checkInvariant(m, w, when);
  }
  toString = () => `create${this.resend ? " (answered RESEND after issuing)" : ""}`;
}

/** Cancel a delivered card (within 15 minutes). */
class Cancel implements Command {
  check = (m: Readonly<LifecycleModel>) => [...m.delivered.keys()].some((id) => !m.cancelled.has(id));
  async run(m: LifecycleModel, w: FlowWorld) {
    const id = [...m.delivered.keys()].find((key) => !m.cancelled.has(key))!;
    const outcome = await call(w, () => w.adapter.incentives!.cancelGiftCard!({ creationRequestId: id, gcId: m.delivered.get(id)! }));
    // The sandbox cancels a card created moments ago: anything but succeeded is not what happened.
    if (outcome.status !== "succeeded") throw new FlowViolation(RULE, `received ${describe(outcome)} cancelling a card created moments ago, which the sandbox cancels; expected succeeded`, CITATIONS.contract);
    m.cancelled.add(id);
    m.delivered.delete(id);
    checkInvariant(m, w, `after cancelling ${id}`);
  }
  toString = () => "cancel a delivered card";
}

/**
 * A re-send with a new creationRequestId comes only after each earlier id of
 * the same operation was cancelled with success: otherwise the first card may
 * stand beside the second.
 */
function checkResendWithoutCancel(entries: readonly JournalEntry[], when: string): void {
  const used: string[] = [];
  for (const entry of entries) {
    if (entry.operation !== "CreateGiftCard") continue;
    const id = requestIdOf(entry);
    if (!used.includes(id)) {
      const standing = used.filter((earlier) => !entries.some((e) => e.seq < entry.seq && e.operation === "CancelGiftCard" && requestIdOf(e) === earlier && isSuccess(e)));
      if (standing.length > 0) throw new FlowViolation(RULE, `re-sent CreateGiftCard with a new creationRequestId ${id} while ${standing.join(", ")} was not cancelled ${when}`, CITATIONS.resendCompensation);
      used.push(id);
    }
  }
}

/** Every card the sandbox issued is delivered, cancelled or handed over: never lost, never both delivered and cancelled. */
function checkInvariant(m: LifecycleModel, w: FlowWorld, when: string): void {
  for (const card of w.sandbox.incentives.state.cards()) {
    const delivered = m.delivered.has(card.creationRequestId);
    if (!delivered && !card.cancelled && !m.handedOver.has(card.creationRequestId)) {
      throw new FlowViolation(RULE, `card ${card.gcId} (${card.creationRequestId}) was issued but neither delivered, cancelled nor handed over ${when}: a lost card`, CITATIONS.resendCompensation);
    }
    if (delivered && card.cancelled) throw new FlowViolation(RULE, `card ${card.gcId} is both delivered and cancelled ${when}`, CITATIONS.resendCompensation);
  }
}

const requestIdOf = (entry: JournalEntry): string => String((entry.body as Record<string, unknown> | undefined)?.creationRequestId ?? "");
const isSuccess = (entry: JournalEntry): boolean => entry.response.status === 200 && entry.response.code === undefined;

export const giftCardCommands = [fc.boolean().map((resend) => new Create(resend)), fc.constant(new Cancel())];

export function giftCardSetup(world: FlowWorld): () => { model: LifecycleModel; real: FlowWorld } {
  return () => ({ model: { delivered: new Map(), cancelled: new Set(), handedOver: new Set(), next: 0 }, real: world });
}
