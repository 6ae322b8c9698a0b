import { defect } from "./defect.js";

/** Gives every retry a fresh idempotency key (Amazon Pay) or request id (Incentives create / activate / load). */
export const defective = defect({
  name: "new-key-per-retry",
  breaks: "same-key-across-retries",
  how: "Gives every retry a fresh idempotency key (Amazon Pay) or request id (Incentives create / activate / load).",
  both: { newKeyPerAttempt: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
