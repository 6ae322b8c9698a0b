import type { Fault } from "../faults.js";
import type { ChargeState, RefundState, Settling } from "./objects.js";

export type StateFault = Extract<Fault, { kind: "state" }>;

/**
 * The states a state fault may leave each operation's object in, and settle
 * it to: the documented paths (reference B8; issue 16 facts §2) — a pending
 * authorization to Authorized or Declined (or Canceled), a capture pending
 * then Captured or Declined, a refund RefundInitiated then Refunded or
 * Declined — plus the final states themselves, for a test that wants one
 * without waiting.
 */
const CHARGE_CREATED = { object: "Charge", initial: ["AuthorizationInitiated", "CaptureInitiated", "Authorized", "Captured", "Declined"], settled: ["Authorized", "Captured", "Declined", "Canceled"] } as const;
export const STATE_FAULT_PATHS: Readonly<Record<string, { readonly object: "Charge" | "Refund"; readonly initial: readonly string[]; readonly settled: readonly string[] }>> = {
  CreateCharge: CHARGE_CREATED,
  // The Charge the completed session creates; on a Confirm session there is none, and the fault leaves nothing.
  CompleteCheckoutSession: CHARGE_CREATED,
  CaptureCharge: { object: "Charge", initial: ["CaptureInitiated", "Captured", "Declined"], settled: ["Captured", "Declined"] },
  CreateRefund: { object: "Refund", initial: ["RefundInitiated", "Refunded", "Declined"], settled: ["Refunded", "Declined"] },
};

/** Why a state fault cannot be queued for `operation`; undefined when it can. Said to the test that queues it, not inside a handler. */
export function stateFaultProblem(options: { readonly operation: string; readonly fault: StateFault }): string | undefined {
  const { operation, fault } = options;
  const path = STATE_FAULT_PATHS[operation];
  if (!path) return `a state fault applies to ${Object.keys(STATE_FAULT_PATHS).join(", ")}, not ${operation}`;
  if (!path.initial.includes(fault.state)) return `${operation} can leave its ${path.object} in ${path.initial.join(", ")}, not ${fault.state}`;
  if (!fault.settles) return undefined;
  if (!path.settled.includes(fault.settles.state)) return `a ${path.object} left by ${operation} can settle to ${path.settled.join(", ")}, not ${fault.settles.state}`;
  if (!Number.isFinite(fault.settles.afterMs) || fault.settles.afterMs < 0) return `settles.afterMs must be a duration in ms, not ${fault.settles.afterMs}`;
  return undefined;
}

/** Where the fault leaves the object at `now`, and where it goes on its own. Checked by stateFaultProblem when queued. */
export function stateFaultChange<State extends ChargeState | RefundState>(options: { readonly fault: StateFault; readonly now: number }): { readonly initial: Settling<State>; readonly settles: Settling<State> | null } {
  const { fault, now } = options;
  return {
    initial: { at: now, state: fault.state as State, reasonCode: fault.reasonCode ?? null },
    settles: fault.settles ? { at: now + fault.settles.afterMs, state: fault.settles.state as State, reasonCode: fault.settles.reasonCode ?? null } : null,
  };
}
