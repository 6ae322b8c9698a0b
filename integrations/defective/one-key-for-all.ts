import { defect } from "./defect.js";

/** Uses one fixed idempotency key (Amazon Pay) and one fixed request id (Incentives) for every operation. */
export const defective = defect({
  name: "one-key-for-all",
  breaks: "distinct-keys-across-operations",
  how: "Uses one fixed idempotency key (Amazon Pay) and one fixed request id (Incentives) for every operation.",
  both: { oneKeyForAllOperations: true },
});

export const adapter = defective.adapter;
export const breaks = defective.breaks;
