import type { Oracle } from "./oracle.js";

/** Every Amazon Pay POST carries an idempotency key. */
export const idempotencyKeyPresent: Oracle = ({ journal, idempotency }) => {
  const bare = journal.find((entry) => entry.api === "amazon-pay" && idempotency.methods.includes(entry.method) && !entry.headers[idempotency.header]);
  if (!bare) return undefined;
  return { rule: "idempotency-key-present", message: `received ${bare.method} ${bare.operation ?? bare.url} without an ${idempotency.header} header` };
};
