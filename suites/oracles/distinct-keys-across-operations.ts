import type { Oracle } from "./oracle.js";

/** Two logical operations never share an idempotency key or request id: the second would replay the first. */
export const distinctKeysAcrossOperations: Oracle = ({ attempts, identity, normal, operation }) => {
  const first = attempts[0] ? identity(attempts[0].entry) : undefined;
  if (first === undefined || normal?.nextIdentity === undefined || first !== normal.nextIdentity) return undefined;
  return { rule: "distinct-keys-across-operations", message: `received two different ${operation} operations with the same key ${JSON.stringify(first)}; each logical operation needs its own` };
};
