import { defect } from "./defect.js";

/** Retries an Incentives ThrottlingException like a network error: the first retry is immediate. */
export const defective = defect({
  name: "instant-throttle-retry",
  breaks: "throttle-not-instant",
  how: "Retries an Incentives ThrottlingException like a network error: the first retry is immediate.",
  incentives: { throttleMinDelayMs: 0 },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
