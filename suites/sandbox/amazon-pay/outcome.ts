/** What one operation on the objects did: a success body, or a reason code with a message. */
export type PayOutcome =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly code: string; readonly message?: string };

export const fail = (code: string, message?: string): PayOutcome => ({ ok: false, code, ...(message ? { message } : {}) });
export const ok = (body: Record<string, unknown>): PayOutcome => ({ ok: true, body });
