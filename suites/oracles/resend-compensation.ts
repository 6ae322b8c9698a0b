import type { Oracle } from "./oracle.js";

const SETTLING: ReadonlySet<string> = new Set(["F200", "F300"]);

/**
 * After a RESEND (F400, "Retry able") the integration may retry the same
 * request id, or cancel / deactivate / void the original id and then re-send,
 * or give up. What it may not do is re-send under a new id while the original
 * may still take effect: two cards, two activations, two loads.
 */
export const resendCompensation: Oracle = ({ attempts, journal, operation, undo, identity, kindOf }) => {
  const rule = "resend-compensation";
  for (const attempt of attempts) {
    if (attempt.answer.kind !== "documented" || attempt.answer.handling !== "cancel-then-resend") continue;
    const original = identity(attempt.entry);
    const later = journal.filter((entry) => entry.seq > attempt.entry.seq);
    const resent = later.find((entry) => entry.operation === operation);
    if (!resent || identity(resent) === original) continue;
    const between = later.filter((entry) => entry.seq < resent.seq && entry.operation === undo && identity(entry) === original);
    // Settled: the undo took effect, or Amazon answered it with a request or account error about the
    // original (F200 / F300: not found, already cancelled, too late): either way Amazon has decided.
    // A lost answer, F100, F400, F500 or throttling leave the original's fate open.
    const settled = (entry: (typeof between)[number]) => (entry.response.status >= 200 && entry.response.status < 300 && entry.response.code === undefined) || SETTLING.has(kindOf(entry) ?? "");
    const undone = between.some(settled);
    if (undone) continue;
    const tried = between.length > 0 ? `${undo} of it was answered ${between.map((entry) => entry.response.code ?? (entry.response.status === 0 ? "with a network error" : entry.response.status)).join(", ")}` : `no ${undo ?? "undo"} of it was sent`;
    return { rule, message: `received ${operation} again with the new request id ${JSON.stringify(identity(resent) ?? null)} after RESEND of ${JSON.stringify(original ?? null)}, but ${tried}: the original may still take effect` };
  }
  return undefined;
};
