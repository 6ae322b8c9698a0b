import { defect } from "./defect.js";

/** Retries errors whose handling is final (an Incentives F200 / F100 / F300 / F500, an Amazon Pay 400 / 401 / 404) like transient ones, up to the attempt budget. */
export const defective = defect({
  name: "retries-final-errors",
  breaks: "no-retry-after-final-error",
  how: "Retries errors whose handling is final (an Incentives F200 / F100 / F300 / F500, an Amazon Pay 400 / 401 / 404) like transient ones, up to the attempt budget.",
  both: { retryFinalErrors: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
