import type { Oracle } from "./oracle.js";

/**
 * After a RESEND the original request id is cancelled / deactivated / voided
 * before any re-send, the re-send uses a new id, and RESEND is never a success.
 */
export const resendCompensation: Oracle = ({ attempts, journal, operation, undo, identity, outcome }) => {
  const rule = "resend-compensation";
  for (const attempt of attempts) {
    if (attempt.answer.kind !== "documented" || attempt.answer.handling !== "cancel-then-resend") continue;
    const original = identity(attempt.entry);
    const later = journal.filter((entry) => entry.seq > attempt.entry.seq);
    const next = later.find((entry) => entry.operation === operation || entry.operation === undo);
    const resent = later.find((entry) => entry.operation === operation);
    if (resent && next?.operation === operation) return { rule, message: `received ${operation} again after RESEND without ${undo ?? "compensation"} first; documented: cancel the original request id, then re-send` };
    if (next && next.operation === undo && identity(next) !== original) {
      return { rule, message: `received ${undo} for ${JSON.stringify(identity(next) ?? null)} after RESEND of ${JSON.stringify(original ?? null)}; documented: undo the original request id` };
    }
    if (resent && identity(resent) === original) return { rule, message: `received the re-sent ${operation} with the cancelled request id ${JSON.stringify(original)}; a re-send needs a new id` };
    const succeededLater = attempts.some((a) => a.entry.seq > attempt.entry.seq && a.answer.kind === "success");
    if (outcome.status === "succeeded" && !succeededLater) return { rule, message: `received succeeded after RESEND with no successful re-send; documented: RESEND is never a success` };
  }
  return undefined;
};
