/**
 * A conforming client of the Amazon Incentives API (AGCOD): signed JSON POSTs
 * with the documented error handling.
 *
 * - Every logical operation gets a new request id (`<partnerId>` + 32 hex
 *   characters, at most 40); every retry of it reuses that id.
 * - F100, F300 and F500 are handed over for manual follow-up, F200 is
 *   reported as a failure with its errorType; none of them is retried.
 * - F400 (status RESEND) cancels / deactivates / voids the original request
 *   id, then re-sends with a new id (at most `maxResends` times); it hands
 *   over when the undo does not succeed. A RESEND is never a success.
 * - A ThrottlingException is retried with the same id after at least a second.
 * - A network error, a timeout (6 s, the documented recommendation) or an
 *   unreadable answer is retried with the same id and growing waits; when
 *   the attempts are spent the case is handed over.
 */
import aws4 from "aws4";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { REFERENCE_TEST_ACCESS_KEY } from "./test-credentials.js";
import { backoffOf, conductOf, describeError, isRecord, retryAfterMs, text, uniqueToken, wait, type ClientResult, type ConductOptions, type RetryConduct } from "./retry.js";

export type IncentivesOperation =
  | "CreateGiftCard"
  | "CancelGiftCard"
  | "ActivateGiftCard"
  | "DeactivateGiftCard"
  | "ActivationStatusCheck"
  | "GetAvailableFunds"
  | "LoadAmazonBalance"
  | "VoidAmazonBalanceLoad";

export interface IncentivesClientOptions extends ConductOptions {
  /** The partner id Amazon assigned: five letters, the first upper case. */
  readonly partnerId?: string;
  /** Default: the NA sandbox host. */
  readonly host?: string;
  /** SigV4 region of the host (NA us-east-1, EU eu-west-1, FE us-west-2). */
  readonly region?: string;
  /** Default: the reference's test key (test-credentials.ts); production needs the keys of the partner's AGCOD account. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Per-request timeout; the FAQ recommends 6 seconds. */
  readonly timeoutMs?: number;
  /** Smallest wait before retrying a throttled request (one TPS window). Conforming: at least 1000. */
  readonly throttleMinDelayMs?: number;
  /** Re-sends after RESEND, each with a new request id. */
  readonly maxResends?: number;
  /** Undo the original request id before re-sending after RESEND. Conforming: true. */
  readonly compensateBeforeResend?: boolean;
  /** `account.type` of balance loads. */
  readonly accountType?: number;
  /**
   * The waits before successive retries of a throttled request (the last
   * repeats), instead of the backoff raised to `throttleMinDelayMs`. The
   * documents ask only that they are not instant; they may shrink.
   */
  readonly throttleBackoffMs?: readonly number[];
  /** Attempts of a request while it is answered ThrottlingException. Default: `maxAttempts`. */
  readonly throttledAttempts?: number;
  /**
   * What an F400 (status RESEND) leads to. "compensate" (default): cancel /
   * deactivate / void the original id, then re-send with a new one;
   * "retry-same-id": retry the same request id, within `maxAttempts`;
   * "hand-over": hand the case over at once. All three follow the documents.
   */
  readonly onResend?: "compensate" | "retry-same-id" | "hand-over";
  /** After RESEND, re-send with a new id even when the undo of the original failed. Conforming: false. */
  readonly resendDespiteFailedUndo?: boolean;
  /** Error classes (F100, F500, …) retried once with the same request id before they are concluded. Default: none. */
  readonly retryOnceClasses?: readonly string[];
  /** Element names of the JSON bodies. Conforming: "camelCase" (003: otherwise F500). */
  readonly bodyCase?: "camelCase" | "PascalCase";
  /** Makes the request id of a new logical operation. Default: the partner id and 32 hexadecimal characters. Conforming: starts with the partner id, at most 40 characters. */
  readonly newRequestId?: (partnerId: string) => string;
}

export interface Money {
  readonly amount: number;
  readonly currencyCode: string;
}


const REQUEST_ID_MAX_LENGTH = 40;

/** What one HTTP exchange meant. */
type Answer =
  | { readonly kind: "success"; readonly body: Record<string, unknown> }
  /** A documented F-code error (not F400). */
  | { readonly kind: "error"; readonly errorClass: string; readonly code: string; readonly message?: string }
  /** F400: status RESEND. */
  | { readonly kind: "resend"; readonly code: string; readonly message?: string }
  | { readonly kind: "throttled"; readonly retryAfterMs?: number }
  /** No answer: a network error or a timeout. */
  | { readonly kind: "transient"; readonly detail: string }
  /** An answer that is neither a success nor a documented error. */
  | { readonly kind: "unknown"; readonly detail: string; readonly errorClass?: string; readonly code?: string };

/** How one request (one request id, with its retries) ended. */
interface RoundEnd {
  readonly answer: Answer;
  /** The request id of the last attempt. */
  readonly id: string;
  readonly exhausted: boolean;
  /** The answer before the last one, when the last came on a retry. */
  readonly previous?: Answer;
}

/** Errors of an undo that mean there was nothing to undo: the original request never took effect. */
const NOTHING_TO_UNDO: Readonly<Record<string, ReadonlySet<string>>> = {
  CancelGiftCard: new Set(["OrderNotFound"]),
  DeactivateGiftCard: new Set(["NonExistingActivationRequestId"]),
  VoidAmazonBalanceLoad: new Set(["LoadBalanceRequestIdDoesNotExist"]),
};

/**
 * F200 errorTypes that still need a person: a balance load that cannot be
 * voided (the balance was spent, or the void came too late) leaves money to
 * recover by hand, and the same errorType is documented as F100 (manual
 * follow-up). A hand-over carrying the code is allowed for any F200 too.
 */
const MANUAL_DESPITE_F200 = new Set(["BalanceLoadCannotBeVoided"]);

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true });

export class IncentivesClient {
  readonly partnerId: string;
  readonly #conduct: RetryConduct;
  readonly #host: string;
  readonly #region: string;
  readonly #credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly #timeoutMs: number;
  readonly #throttleMinDelayMs: number;
  readonly #maxResends: number;
  readonly #compensate: boolean;
  readonly #accountType: number;
  readonly #options: IncentivesClientOptions;

  constructor(options: IncentivesClientOptions = {}) {
    this.partnerId = options.partnerId ?? "Fproo";
    this.#conduct = conductOf(options);
    this.#host = options.host ?? "agcod-v2-gamma.amazon.com";
    this.#region = options.region ?? "us-east-1";
    this.#credentials = options.credentials ?? REFERENCE_TEST_ACCESS_KEY;
    this.#timeoutMs = options.timeoutMs ?? 6000;
    this.#throttleMinDelayMs = options.throttleMinDelayMs ?? 1000;
    this.#maxResends = options.maxResends ?? 2;
    this.#compensate = options.compensateBeforeResend ?? true;
    this.#accountType = options.accountType ?? 1;
    this.#options = options;
  }

  /** A new request id: the partner id and a random token, at most 40 characters. */
  newRequestId(): string {
    if (this.#conduct.oneKeyForAllOperations) return `${this.partnerId}fixedrequestid`;
    if (this.#options.newRequestId) return this.#options.newRequestId(this.partnerId);
    return `${this.partnerId}${uniqueToken()}`.slice(0, REQUEST_ID_MAX_LENGTH);
  }

  createGiftCard(request: Money & { readonly externalReference?: string }): Promise<ClientResult> {
    return this.#resendable({
      operation: "CreateGiftCard",
      body: (creationRequestId) => ({
        creationRequestId,
        partnerId: this.partnerId,
        value: { currencyCode: request.currencyCode, amount: request.amount },
        ...(request.externalReference !== undefined ? { externalReference: request.externalReference } : {}),
      }),
      isSuccess: (body) => text(body.gcId) !== undefined,
      undo: { operation: "CancelGiftCard", body: (creationRequestId) => ({ creationRequestId, partnerId: this.partnerId }) },
    });
  }

  cancelGiftCard(request: { readonly creationRequestId: string; readonly gcId?: string }): Promise<ClientResult> {
    return this.#single("CancelGiftCard", request.creationRequestId, (creationRequestId) => ({
      creationRequestId,
      partnerId: this.partnerId,
      ...(request.gcId !== undefined ? { gcId: request.gcId } : {}),
    }));
  }

  activateGiftCard(request: Money & { readonly cardNumber: string }): Promise<ClientResult> {
    return this.#resendable({
      operation: "ActivateGiftCard",
      body: (activationRequestId) => ({ activationRequestId, partnerId: this.partnerId, cardNumber: request.cardNumber, value: { currencyCode: request.currencyCode, amount: request.amount } }),
      isSuccess: () => true,
      undo: { operation: "DeactivateGiftCard", body: (activationRequestId) => ({ activationRequestId, partnerId: this.partnerId, cardNumber: request.cardNumber }) },
    });
  }

  deactivateGiftCard(request: { readonly cardNumber: string; readonly activationRequestId: string }): Promise<ClientResult> {
    return this.#single("DeactivateGiftCard", request.activationRequestId, (activationRequestId) => ({ activationRequestId, partnerId: this.partnerId, cardNumber: request.cardNumber }));
  }

  loadAmazonBalance(request: Money & { readonly accountId: string }): Promise<ClientResult> {
    const amount = { currencyCode: request.currencyCode, value: request.amount };
    const account = { id: request.accountId, type: this.#accountType };
    // A retry is the same request: its timestamp is the one of the request id's first attempt.
    const timestamps = new Map<string, number>();
    const timestampOf = (id: string): number => timestamps.get(id) ?? timestamps.set(id, Date.now()).get(id)!;
    return this.#resendable({
      operation: "LoadAmazonBalance",
      body: (loadBalanceRequestId) => ({ loadBalanceRequestId, partnerId: this.partnerId, amount, account, timestamp: timestampOf(loadBalanceRequestId) }),
      isSuccess: () => true,
      undo: { operation: "VoidAmazonBalanceLoad", body: (loadBalanceRequestId) => ({ loadBalanceRequestId, partnerId: this.partnerId, amount, account }) },
    });
  }

  voidAmazonBalanceLoad(request: Money & { readonly loadBalanceRequestId: string; readonly accountId: string }): Promise<ClientResult> {
    return this.#single("VoidAmazonBalanceLoad", request.loadBalanceRequestId, (loadBalanceRequestId) => ({
      loadBalanceRequestId,
      partnerId: this.partnerId,
      amount: { currencyCode: request.currencyCode, value: request.amount },
      account: { id: request.accountId, type: this.#accountType },
    }));
  }

  /** An operation on an existing request id (cancel, deactivate, void): retried with that id, never re-sent under another. */
  async #single(operation: IncentivesOperation, id: string, body: (id: string) => Record<string, unknown>): Promise<ClientResult> {
    return this.#conclude(operation, await this.#round({ operation, id, body, isSuccess: () => true, renewable: false }));
  }

  /** Create / activate / load: new request id, retries with it, and the RESEND compensation. */
  async #resendable(spec: {
    operation: IncentivesOperation;
    body: (id: string) => Record<string, unknown>;
    isSuccess: (body: Record<string, unknown>) => boolean;
    undo: { operation: IncentivesOperation; body: (id: string) => Record<string, unknown> };
  }): Promise<ClientResult> {
    const onResend = this.#options.onResend ?? "compensate";
    for (let resends = 0; ; resends += 1) {
      const end = await this.#round({ operation: spec.operation, id: this.newRequestId(), body: spec.body, isSuccess: spec.isSuccess, renewable: true });
      if (end.answer.kind !== "resend" || onResend !== "compensate") return this.#conclude(spec.operation, end);
      const resend = end.answer;
      if (this.#compensate) {
        const undo = await this.#round({ operation: spec.undo.operation, id: end.id, body: spec.undo.body, isSuccess: () => true, renewable: false });
        const undone = undo.answer.kind === "success" || (undo.answer.kind === "error" && (NOTHING_TO_UNDO[spec.undo.operation]?.has(undo.answer.code) ?? false));
        if (!undone && !this.#options.resendDespiteFailedUndo) {
          return this.#handOver(resend.code, `${spec.operation} ${end.id} answered RESEND and ${spec.undo.operation} of it did not succeed (${describeAnswer(undo.answer)}); the original request may still take effect`);
        }
      }
      if (resends >= this.#maxResends) {
        return this.#handOver(resend.code, `${spec.operation} still answered RESEND after ${resends} re-send${resends === 1 ? "" : "s"}; the last request id ${end.id} was ${this.#compensate ? "undone" : "left as is"}`);
      }
    }
  }

  /** One request id and its retries, until an answer that is not retried or the attempts are spent. */
  async #round(options: {
    operation: IncentivesOperation;
    id: string;
    body: (id: string) => Record<string, unknown>;
    isSuccess: (body: Record<string, unknown>) => boolean;
    /** The id may be replaced (create / activate / load); only a defective conduct does so. */
    renewable: boolean;
  }): Promise<RoundEnd> {
    const conduct = this.#conduct;
    const backoff = backoffOf(conduct);
    const retryOnce = new Set(this.#options.retryOnceClasses ?? []);
    const throttledAttempts = this.#options.throttledAttempts ?? conduct.maxAttempts;
    const throttleWaits = this.#options.throttleBackoffMs;
    let id = options.id;
    let previous: Answer | undefined;
    let retriedOnce = false;
    let throttles = 0;
    for (let attempt = 1; ; attempt += 1) {
      let answer = await this.#exchange(options.operation, options.body(id));
      if (answer.kind === "success" && !options.isSuccess(answer.body)) answer = { kind: "unknown", detail: "a SUCCESS without the fields it must carry" };
      const withPrevious = previous !== undefined ? { previous } : {};
      if (conduct.acceptUnknownAnswers && (answer.kind === "unknown" || (answer.kind === "error" && answer.errorClass === "F500"))) {
        return { answer: { kind: "success", body: {} }, id, exhausted: false, ...withPrevious };
      }
      const once = answer.kind === "error" && retryOnce.has(answer.errorClass) && !retriedOnce;
      const resend = answer.kind === "resend" && this.#options.onResend === "retry-same-id";
      const retryable = answer.kind === "transient" || answer.kind === "throttled" || answer.kind === "unknown" || resend || once || (answer.kind === "error" && conduct.retryFinalErrors);
      if (!retryable) return { answer, id, exhausted: false, ...withPrevious };
      const limit = answer.kind === "throttled" ? throttledAttempts : conduct.maxAttempts;
      if (attempt >= limit && !once) return { answer, id, exhausted: true, ...withPrevious };
      if (once) retriedOnce = true;
      if (answer.kind === "throttled" && throttleWaits && throttleWaits.length > 0) {
        await wait(throttleWaits[Math.min(throttles, throttleWaits.length - 1)]!);
        throttles += 1;
      } else {
        const floor = answer.kind === "throttled" ? Math.max(this.#throttleMinDelayMs, answer.retryAfterMs ?? 0) : 0;
        await wait(backoff.next(floor));
      }
      previous = answer;
      if (conduct.newKeyPerAttempt && options.renewable) id = this.newRequestId();
    }
  }

  #conclude(operation: IncentivesOperation, end: RoundEnd): ClientResult {
    const { answer } = end;
    const conduct = this.#conduct;
    switch (answer.kind) {
      case "success": {
        if (conduct.reportFailedAfterRetry && end.previous) return { status: "failed", code: codeOf(end.previous), message: `${operation} ${end.id} was retried` };
        return { status: "succeeded", body: answer.body };
      }
      case "error": {
        const code = conduct.surfaceErrorClass ? answer.errorClass : answer.code;
        // F200: the request is wrong; report it. F100 / F300 / F500 and any other class: a person must look.
        const reportAsFailure = answer.errorClass === "F200" && !MANUAL_DESPITE_F200.has(answer.code);
        if (reportAsFailure || conduct.failInsteadOfHandOver) return { status: "failed", code, ...(answer.message !== undefined ? { message: answer.message } : {}) };
        return { status: "handed-over", code, reason: `${operation} ${end.id}: ${answer.errorClass} ${answer.code}${answer.message ? ` (${answer.message})` : ""}; not retried, needs manual follow-up` };
      }
      case "resend":
        // Only create / activate / load can be re-sent; a RESEND elsewhere is handed over.
        return this.#handOver(answer.code, `${operation} ${end.id} answered RESEND`);
      default: {
        const code = answer.kind === "throttled" ? "ThrottlingException" : answer.kind === "unknown" ? answer.code : undefined;
        if (conduct.succeedWhenExhausted && end.exhausted) return { status: "succeeded", body: {} };
        if (conduct.failWhenExhausted) return { status: "failed", code: code ?? answer.kind };
        return { status: "handed-over", ...(code !== undefined ? { code } : {}), reason: `${operation} ${end.id}: ${describeAnswer(answer)} after ${conduct.maxAttempts} attempt${conduct.maxAttempts === 1 ? "" : "s"}; needs manual follow-up` };
      }
    }
  }

  #handOver(code: string, reason: string): ClientResult {
    if (this.#conduct.failWhenExhausted) return { status: "failed", code, message: reason };
    return { status: "handed-over", code, reason };
  }

  /** One signed POST and what its answer means. */
  async #exchange(operation: IncentivesOperation, payload: Record<string, unknown>): Promise<Answer> {
    const body = JSON.stringify(this.#options.bodyCase === "PascalCase" ? pascalCase(payload) : payload);
    const signed = aws4.sign(
      {
        host: this.#host,
        path: `/${operation}`,
        method: "POST",
        service: "AGCODService",
        region: this.#region,
        body,
        headers: { accept: "application/json", "content-type": "application/json", "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}` },
      },
      this.#credentials,
    );
    // fetch sets Host and Content-Length itself, to the values aws4 signed.
    const headers = Object.fromEntries(
      Object.entries(signed.headers ?? {})
        .filter(([name]) => !/^(host|content-length)$/i.test(name))
        .map(([name, value]) => [name, String(value)]),
    );
    let response: Response;
    let raw: string;
    try {
      response = await fetch(`https://${this.#host}/${operation}`, { method: "POST", headers, body, signal: AbortSignal.timeout(this.#timeoutMs) });
      raw = await response.text();
    } catch (error) {
      return { kind: "transient", detail: describeError(error) };
    }
    return interpret({ status: response.status, contentType: response.headers.get("content-type") ?? "", text: raw, retryAfter: response.headers.get("retry-after") });
  }
}

/** Every element name, at every depth, with its first letter upper case. */
function pascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalCase);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.charAt(0).toUpperCase() + key.slice(1), pascalCase(inner)]));
}

/** The code an answer carried, or what stands for it. */
function codeOf(answer: Answer): string {
  switch (answer.kind) {
    case "error":
    case "resend":
      return answer.code;
    case "throttled":
      return "ThrottlingException";
    case "unknown":
      return answer.code ?? "UnknownAnswer";
    default:
      return "NetworkError";
  }
}

/** Reads an AGCOD answer, JSON or XML, success or error. */
function interpret(options: { status: number; contentType: string; text: string; retryAfter: string | null }): Answer {
  const { status } = options;
  const parsed = parseBody(options.text, options.contentType);
  if (!parsed) return { kind: "unknown", detail: `HTTP ${status} with a body that is not JSON or XML` };
  const { root, value } = parsed;
  const message = text(value.message) ?? text(value.Message) ?? text(value.errorMessage);
  if (root === "ThrottlingException" || /ThrottlingException/.test(text(value.__type) ?? "") || message === "Rate exceeded") {
    const after = retryAfterMs(options.retryAfter);
    return { kind: "throttled", ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  const agcodResponse = isRecord(value.agcodResponse) ? value.agcodResponse : undefined;
  const state = text(agcodResponse?.status) ?? text(value.status);
  const errorCode = text(value.errorCode);
  const errorType = text(value.errorType);
  const withMessage = message !== undefined ? { message } : {};
  if (state === "RESEND" || errorCode === "F400") return { kind: "resend", code: errorType ?? "SystemTemporarilyUnavailable", ...withMessage };
  if (status >= 200 && status < 300 && state === "SUCCESS" && errorCode === undefined) return { kind: "success", body: value };
  if (errorCode !== undefined && /^F[1-5]00$/.test(errorCode) && errorType !== undefined && state !== "SUCCESS") return { kind: "error", errorClass: errorCode, code: errorType, ...withMessage };
  return {
    kind: "unknown",
    detail: `HTTP ${status} with ${state ? `status ${state}` : "no status"}${errorCode ? ` and errorCode ${errorCode}` : ""}`,
    ...(errorCode !== undefined ? { errorClass: errorCode } : {}),
    ...(errorType !== undefined ? { code: errorType } : {}),
  };
}

function parseBody(raw: string, contentType: string): { root?: string; value: Record<string, unknown> } | undefined {
  const trimmed = raw.trim();
  if (trimmed === "") return undefined;
  if (/json/i.test(contentType) || trimmed.startsWith("{")) {
    try {
      const value: unknown = JSON.parse(trimmed);
      return isRecord(value) ? { value } : undefined;
    } catch {
      return undefined;
    }
  }
  if (trimmed.startsWith("<") && XMLValidator.validate(trimmed) === true) {
    const document: unknown = xml.parse(trimmed);
    if (!isRecord(document)) return undefined;
    const entries = Object.entries(document).filter(([key]) => !key.startsWith("?"));
    const [root, value] = entries[0] ?? [];
    if (entries.length !== 1 || root === undefined) return undefined;
    return { root, value: isRecord(value) ? value : {} };
  }
  return undefined;
}

function describeAnswer(answer: Answer): string {
  switch (answer.kind) {
    case "success":
      return "SUCCESS";
    case "error":
      return `${answer.errorClass} ${answer.code}`;
    case "resend":
      return `RESEND ${answer.code}`;
    case "throttled":
      return "ThrottlingException (Rate exceeded)";
    default:
      return answer.detail;
  }
}
