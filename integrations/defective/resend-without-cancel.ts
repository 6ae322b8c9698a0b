import { defect } from "./defect.js";

/** After RESEND (F400) re-sends with a new request id without cancelling / deactivating / voiding the original one. */
export const defective = defect({
  name: "resend-without-cancel",
  breaks: "resend-compensation",
  how: "After RESEND (F400) re-sends with a new request id without cancelling / deactivating / voiding the original one.",
  incentives: { compensateBeforeResend: false },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
