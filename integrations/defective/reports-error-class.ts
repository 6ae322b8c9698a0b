import { defect } from "./defect.js";

/** Reports the error class (F200, F300) or the HTTP status (400, 401) instead of the errorType / reasonCode the API returned. */
export const defective = defect({
  name: "reports-error-class",
  breaks: "surface-code",
  how: "Reports the error class (F200, F300) or the HTTP status (400, 401) instead of the errorType / reasonCode the API returned.",
  both: { surfaceErrorClass: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
