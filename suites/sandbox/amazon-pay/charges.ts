import { enterChargeState } from "./expiry.js";
import { money, type Charge, type ChargeState, type Money, type Settling } from "./objects.js";
import { fail, ok, type PayOutcome } from "./outcome.js";
import { stateFaultChange, type StateFault } from "./state-fault.js";
import { chargeBody } from "./views.js";

/** A charge's way through a pending state: where it starts, and where it goes on its own. */
export interface ChargePath {
  readonly initial: Settling<ChargeState>;
  readonly settles: Settling<ChargeState> | null;
}

/** Pending now, `state` `afterMs` later: a pending authorization or capture (reference B7, B8). */
export function pendingPath(options: { readonly from: ChargeState; readonly now: number; readonly afterMs: number; readonly state: ChargeState; readonly reasonCode: string | null }): ChargePath {
  const { now } = options;
  return { initial: { at: now, state: options.from, reasonCode: null }, settles: { at: now + options.afterMs, state: options.state, reasonCode: options.reasonCode } };
}

/** A charge Authorized (Captured with `capture`) at once, or set on `path`. */
export function newCharge(options: { readonly id: string; readonly chargePermissionId: string; readonly amount: Money; readonly now: number; readonly capture: boolean; readonly path?: ChargePath }): Charge {
  const { now, amount } = options;
  const charge: Charge = {
    id: options.id,
    chargePermissionId: options.chargePermissionId,
    state: "Authorized",
    reasonCode: null,
    amount,
    captured: null,
    refunded: 0,
    created: now,
    updated: now,
    authorizedAt: null,
    settles: options.path?.settles ?? null,
  };
  enterChargeState(charge, options.path?.initial ?? { at: now, state: options.capture ? "Captured" : "Authorized", reasonCode: null });
  return charge;
}

/** Capture Charge: an Authorized charge Captured, or left where a state fault says (CaptureInitiated, then Captured or Declined). */
export function captureCharge(options: { readonly charge: Charge; readonly body: Record<string, unknown>; readonly now: number; readonly stateFault: StateFault | undefined }): PayOutcome {
  const { charge, body, now } = options;
  const amount = money(body.captureAmount);
  if (amount === undefined) return fail("MissingParameterValue", "captureAmount is missing");
  if (amount === "invalid") return fail("InvalidParameterValue", "captureAmount is invalid");
  if (charge.state !== "Authorized") return fail("InvalidChargeStatus", `Charge is in ${charge.state} state`);
  if (amount.currencyCode !== charge.amount.currencyCode) return fail("CurrencyMismatch");
  const path: ChargePath = options.stateFault ? stateFaultChange<ChargeState>({ fault: options.stateFault, now }) : { initial: { at: now, state: "Captured", reasonCode: null }, settles: null };
  // The amount asked for shows while the capture is pending; a Declined one captured nothing (expiry.ts).
  charge.captured = amount;
  enterChargeState(charge, path.initial);
  charge.settles = path.settles;
  return ok(chargeBody(charge));
}
