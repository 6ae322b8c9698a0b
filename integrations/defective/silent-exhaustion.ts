import { defect } from "./defect.js";

/** When the retry budget (or the re-sends after RESEND) is spent, reports a plain failure instead of handing over. */
export const defective = defect({
  name: "silent-exhaustion",
  breaks: "exhausted-hand-over",
  how: "When the retry budget (or the re-sends after RESEND) is spent, reports a plain failure instead of handing over.",
  both: { failWhenExhausted: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
