import { defect } from "./defect.js";

/** Waits 4 s before the first retry and 1 s before every later one: the waits shrink. */
export const defective = defect({
  name: "shrinking-backoff",
  breaks: "backoff-non-decreasing",
  how: "Waits 4 s before the first retry and 1 s before every later one: the waits shrink.",
  both: { backoffMs: [4000, 1000] },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
