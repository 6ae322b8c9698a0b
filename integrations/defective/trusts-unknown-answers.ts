import { defect } from "./defect.js";

/** Takes an answer that is neither a success nor a readable documented error for a success: F500, an HTML 503, a broken JSON body. */
export const defective = defect({
  name: "trusts-unknown-answers",
  breaks: "unknown-never-success",
  how: "Takes an answer that is neither a success nor a readable documented error for a success: F500, an HTML 503, a broken JSON body.",
  both: { acceptUnknownAnswers: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
