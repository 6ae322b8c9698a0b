import { enterRefundState } from "./expiry.js";
import type { Charge, Money, Refund, RefundState } from "./objects.js";
import { fail, type PayOutcome } from "./outcome.js";
import { stateFaultChange, type StateFault } from "./state-fault.js";

/**
 * A refund of a captured charge, started as Amazon Pay starts every refund:
 * "Refunds - all refunds are processed asynchronously" ([DOC]
 * asynchronous-processing page), RefundInitiated then Refunded `refundMs`
 * later (or where a state fault says). The amount counts against the charge
 * from the start, so two refunds in flight cannot exceed it together; a
 * Declined refund gives it back (expiry.ts).
 */
export function startRefund(options: {
  readonly charge: Charge;
  readonly amount: Money;
  readonly id: () => string;
  readonly now: number;
  readonly refundMs: number;
  readonly stateFault?: StateFault;
}): { readonly ok: true; readonly refund: Refund } | { readonly ok: false; readonly outcome: PayOutcome } {
  const { charge, amount, now } = options;
  const refused = (code: string, message?: string) => ({ ok: false as const, outcome: fail(code, message) });
  if (charge.state !== "Captured" || !charge.captured) return refused("InvalidChargeStatus", `Charge is in ${charge.state} state`);
  if (amount.currencyCode !== charge.amount.currencyCode) return refused("CurrencyMismatch");
  // Reference B8 (refund page): at most the captured amount plus 15% or 75 USD/GBP/EUR (8,400 JPY), whichever is less.
  const captured = Number(charge.captured.amount);
  const allowance = Math.min(captured * 0.15, charge.amount.currencyCode === "JPY" ? 8400 : 75);
  if (charge.refunded + Number(amount.amount) > captured + allowance + 1e-9) {
    return refused("TransactionAmountExceeded", `Refunds would exceed the captured amount by more than ${allowance.toFixed(2)} ${amount.currencyCode}`);
  }
  charge.refunded += Number(amount.amount);
  const path = options.stateFault
    ? stateFaultChange<RefundState>({ fault: options.stateFault, now })
    : { initial: { at: now, state: "RefundInitiated" as const, reasonCode: null }, settles: { at: now + options.refundMs, state: "Refunded" as const, reasonCode: null } };
  const refund: Refund = { id: options.id(), chargeId: charge.id, amount, created: now, state: "RefundInitiated", reasonCode: null, updated: now, settles: path.settles };
  enterRefundState({ refund, charge, change: path.initial });
  return { ok: true, refund };
}
