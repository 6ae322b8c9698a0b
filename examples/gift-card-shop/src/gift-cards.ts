/**
 * The shop's gift-card desk: issues and cancels Amazon gift cards through the
 * Incentives API (AGCOD). This is the code faultproof certifies; it knows
 * nothing of faultproof.
 *
 * How it handles what the Incentives API documents:
 * - one request id per card, reused by every retry of that card;
 * - F200 (the request is wrong) is reported with its errorType, never retried;
 * - F100, F300, F500 and anything unreadable after the retries go to the
 *   support queue (a person looks at them);
 * - F400 RESEND: cancel the original request id, then issue again with a new one;
 * - ThrottlingException: wait at least a second, then retry the same request;
 * - no answer (network error, timeout): retry the same request with growing waits.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import aws4 from "aws4";

export interface GiftCardDeskOptions {
  readonly partnerId: string;
  readonly host: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts of one request, the first included. */
  readonly maxAttempts: number;
}

export type DeskResult =
  | { readonly kind: "issued"; readonly creationRequestId: string; readonly gcId: string; readonly claimCode?: string }
  | { readonly kind: "cancelled"; readonly creationRequestId: string }
  | { readonly kind: "rejected"; readonly errorType: string; readonly message?: string }
  | { readonly kind: "support"; readonly errorType?: string; readonly note: string };

/** What one HTTP exchange meant. */
type Reply =
  | { readonly kind: "ok"; readonly body: Record<string, unknown> }
  | { readonly kind: "error"; readonly errorCode: string; readonly errorType: string; readonly message?: string }
  | { readonly kind: "resend"; readonly errorType: string }
  | { readonly kind: "throttled"; readonly retryAfterMs: number }
  | { readonly kind: "no-answer"; readonly detail: string };

const WAITS_MS = [0, 1000, 2000, 4000, 10_000, 30_000];
const THROTTLE_WAIT_MS = 1000;
const MAX_RESENDS = 2;

export class GiftCardDesk {
  constructor(private readonly options: GiftCardDeskOptions) {}

  async issue(value: { readonly amount: number; readonly currencyCode: string }): Promise<DeskResult> {
    for (let resends = 0; resends <= MAX_RESENDS; resends += 1) {
      const creationRequestId = this.#newRequestId();
      const reply = await this.#send("CreateGiftCard", { creationRequestId, partnerId: this.options.partnerId, value });
      if (reply.kind !== "resend") {
        if (reply.kind === "ok" && typeof reply.body.gcId === "string") {
          const claimCode = typeof reply.body.gcClaimCode === "string" ? reply.body.gcClaimCode : undefined;
          return { kind: "issued", creationRequestId, gcId: reply.body.gcId, ...(claimCode ? { claimCode } : {}) };
        }
        if (reply.kind === "ok") return { kind: "support", note: `CreateGiftCard ${creationRequestId} succeeded without a gcId` };
        return conclude("CreateGiftCard", reply);
      }
      // RESEND: the card may exist. Cancel it before issuing again, or a customer could get two.
      const undo = await this.cancel({ creationRequestId });
      // OrderNotFound (F300): the first request never made a card, so there is nothing to cancel.
      const nothingToCancel = (undo.kind === "rejected" || undo.kind === "support") && undo.errorType === "OrderNotFound";
      if (undo.kind !== "cancelled" && !nothingToCancel) {
        return { kind: "support", errorType: reply.errorType, note: `CreateGiftCard ${creationRequestId} answered RESEND and could not be cancelled` };
      }
    }
    return { kind: "support", errorType: "SystemTemporarilyUnavailable", note: `CreateGiftCard answered RESEND ${MAX_RESENDS + 1} times` };
  }

  async cancel(card: { readonly creationRequestId: string; readonly gcId?: string }): Promise<DeskResult> {
    const reply = await this.#send("CancelGiftCard", { creationRequestId: card.creationRequestId, partnerId: this.options.partnerId, ...(card.gcId ? { gcId: card.gcId } : {}) });
    if (reply.kind === "ok") return { kind: "cancelled", creationRequestId: card.creationRequestId };
    if (reply.kind === "resend") return { kind: "support", errorType: reply.errorType, note: `CancelGiftCard ${card.creationRequestId} answered RESEND` };
    return conclude("CancelGiftCard", reply);
  }

  #newRequestId(): string {
    // The partner id, then random hex: at most 40 characters, as the API demands.
    return `${this.options.partnerId}${randomBytes(16).toString("hex")}`.slice(0, 40);
  }

  /** One request, with its retries: the same body (the same request id) every time. */
  async #send(operation: string, payload: Record<string, unknown>): Promise<Reply> {
    let floorMs = 0;
    let reply: Reply = { kind: "no-answer", detail: "not sent" };
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt += 1) {
      if (attempt > 1) {
        const waitMs = Math.max(WAITS_MS[Math.min(attempt - 1, WAITS_MS.length - 1)]!, floorMs);
        floorMs = waitMs;
        await sleep(waitMs);
      }
      reply = await this.#exchange(operation, payload);
      if (reply.kind === "throttled") floorMs = Math.max(floorMs, THROTTLE_WAIT_MS, reply.retryAfterMs);
      else if (reply.kind !== "no-answer") return reply;
    }
    return reply;
  }

  async #exchange(operation: string, payload: Record<string, unknown>): Promise<Reply> {
    const body = JSON.stringify(payload);
    const signed = aws4.sign(
      {
        host: this.options.host,
        path: `/${operation}`,
        method: "POST",
        service: "AGCODService",
        region: this.options.region,
        body,
        headers: { accept: "application/json", "content-type": "application/json", "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}` },
      },
      { ...this.options.credentials },
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers ?? {})) {
      if (!/^(host|content-length)$/i.test(name)) headers[name] = String(value);
    }
    try {
      const response = await fetch(`https://${this.options.host}/${operation}`, { method: "POST", headers, body, signal: AbortSignal.timeout(6000) });
      return read(await response.text(), response.headers.get("retry-after"));
    } catch (error) {
      return { kind: "no-answer", detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

function read(text: string, retryAfter: string | null): Reply {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: "no-answer", detail: "an answer that is not JSON" };
  }
  if (body === null || typeof body !== "object") return { kind: "no-answer", detail: "an answer that is not a JSON object" };
  const fields = body as Record<string, unknown>;
  const agcod = fields.agcodResponse as Record<string, unknown> | undefined;
  const status = typeof agcod?.status === "string" ? agcod.status : fields.status;
  const errorCode = typeof fields.errorCode === "string" ? fields.errorCode : undefined;
  const errorType = typeof fields.errorType === "string" ? fields.errorType : undefined;
  const message = typeof fields.message === "string" ? fields.message : undefined;
  if (/ThrottlingException/.test(String(fields.__type ?? "")) || message === "Rate exceeded") {
    const seconds = Number(retryAfter);
    return { kind: "throttled", retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0 };
  }
  if (status === "RESEND" || errorCode === "F400") return { kind: "resend", errorType: errorType ?? "SystemTemporarilyUnavailable" };
  if (status === "SUCCESS" && errorCode === undefined) return { kind: "ok", body: fields };
  if (errorCode !== undefined && /^F[1235]00$/.test(errorCode) && errorType !== undefined) return { kind: "error", errorCode, errorType, ...(message ? { message } : {}) };
  return { kind: "no-answer", detail: `an answer with status ${String(status)} and errorCode ${String(errorCode)}` };
}

function conclude(operation: string, reply: Exclude<Reply, { kind: "ok" | "resend" }>): DeskResult {
  switch (reply.kind) {
    case "error":
      // F200: our request was wrong, say which way. Every other class needs a person.
      if (reply.errorCode === "F200") return { kind: "rejected", errorType: reply.errorType, ...(reply.message ? { message: reply.message } : {}) };
      return { kind: "support", errorType: reply.errorType, note: `${operation}: ${reply.errorCode} ${reply.errorType}` };
    case "throttled":
      return { kind: "support", errorType: "ThrottlingException", note: `${operation} still throttled after every retry` };
    case "no-answer":
      return { kind: "support", note: `${operation}: ${reply.detail} after every retry` };
  }
}
