import { defect } from "./defect.js";

/** Reports F100 / F300 / F500 and Amazon Pay 401 / 403 / 426 as plain failures instead of handing them over for manual follow-up. */
export const defective = defect({
  name: "fails-manual-cases",
  breaks: "manual-follow-up",
  how: "Reports F100 / F300 / F500 and Amazon Pay 401 / 403 / 426 as plain failures instead of handing them over for manual follow-up.",
  both: { failInsteadOfHandOver: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
