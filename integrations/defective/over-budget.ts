import { defect } from "./defect.js";

/** Declares maxAttempts 4 but keeps retrying transient failures for up to 10 attempts. */
export const defective = defect({
  name: "over-budget",
  breaks: "retry-budget",
  how: "Declares maxAttempts 4 but keeps retrying transient failures for up to 10 attempts.",
  both: { maxAttempts: 10 },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
