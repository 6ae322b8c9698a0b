/**
 * A conforming Amazon Pay API v2 client built on Amazon's own Node SDK
 * (`@amazonpay/amazon-pay-api-sdk-nodejs`), wrapping every SDK call:
 *
 * - The SDK declares retries but never performs one (it tests `statusCode` on
 *   a Promise), so this wrapper retries 408, 429, 500, 502, 503, 504 and
 *   network errors itself: the first retry immediately, then 1 s, 2 s, 4 s,
 *   10 s, 30 s, up to `maxAttempts`, then hands the case over.
 * - Every logical POST gets a new idempotency key (a UUID without dashes, 32
 *   characters); its retries reuse it. The SDK re-signs each retry.
 * - Other 4xx answers are never retried: 401, 403 and 426 are handed over
 *   for manual follow-up, the rest are failures carrying the reasonCode.
 * - InvalidCheckoutSessionStatus on Complete Checkout Session reads the
 *   session (GET) and concludes from its state.
 * - Nothing is a success without a 2xx answer carrying the object.
 */
import type { KeyObject } from "node:crypto";
import { createRequire } from "node:module";
import { REFERENCE_TEST_PAY_KEY } from "./test-credentials.js";
import { backoffOf, conductOf, describeError, isRecord, retryAfterMs, text, uniqueToken, wait, type ClientResult, type ConductOptions, type RetryConduct } from "./retry.js";

/** The SDK resolves with the whole axios response; its `data` is the parsed body (a string when the body is not JSON). */
export interface SdkResponse {
  readonly status: number;
  readonly data: unknown;
  readonly headers?: unknown;
}

type SdkHeaders = Readonly<Record<string, string>> | null;

/** The parts of the SDK's WebStoreClient this client uses (the SDK ships no types). */
export interface WebStoreClient {
  createCheckoutSession(payload: object, headers: SdkHeaders): Promise<SdkResponse>;
  getCheckoutSession(checkoutSessionId: string, headers?: SdkHeaders): Promise<SdkResponse>;
  updateCheckoutSession(checkoutSessionId: string, payload: object, headers?: SdkHeaders): Promise<SdkResponse>;
  completeCheckoutSession(checkoutSessionId: string, payload: object, headers: SdkHeaders): Promise<SdkResponse>;
  getChargePermission(chargePermissionId: string, headers?: SdkHeaders): Promise<SdkResponse>;
  closeChargePermission(chargePermissionId: string, payload: object, headers?: SdkHeaders): Promise<SdkResponse>;
  createCharge(payload: object, headers: SdkHeaders): Promise<SdkResponse>;
  getCharge(chargeId: string, headers?: SdkHeaders): Promise<SdkResponse>;
  captureCharge(chargeId: string, payload: object, headers: SdkHeaders): Promise<SdkResponse>;
  cancelCharge(chargeId: string, payload: object, headers?: SdkHeaders): Promise<SdkResponse>;
  createRefund(payload: object, headers: SdkHeaders): Promise<SdkResponse>;
  getRefund(refundId: string, headers?: SdkHeaders): Promise<SdkResponse>;
}

export interface WebStoreClientConfig {
  readonly publicKeyId: string;
  /** PEM text, or a parsed key: the SDK hands it to `crypto.sign`, which must otherwise parse the PEM for every request. */
  readonly privateKey: string | KeyObject;
  readonly region: "us" | "eu" | "de" | "uk" | "jp";
  readonly sandbox?: boolean;
  readonly algorithm?: "AMZN-PAY-RSASSA-PSS" | "AMZN-PAY-RSASSA-PSS-V2";
}

interface AmazonPaySdk {
  readonly WebStoreClient: new (config: WebStoreClientConfig) => WebStoreClient;
}

const require = createRequire(import.meta.url);

/** The official SDK's WebStoreClient, configured for the sandbox unless told otherwise. */
export function createWebStoreClient(config: Partial<WebStoreClientConfig> = {}): WebStoreClient {
  const sdk = require("@amazonpay/amazon-pay-api-sdk-nodejs") as AmazonPaySdk;
  // No overrideServiceUrl: it would set NODE_TLS_REJECT_UNAUTHORIZED=0 for the whole process.
  return new sdk.WebStoreClient({
    // The reference's test key: the sandbox checks the signature against its public key (referenceTestCredentials).
    publicKeyId: config.publicKeyId ?? REFERENCE_TEST_PAY_KEY.publicKeyId,
    privateKey: config.privateKey ?? REFERENCE_TEST_PAY_KEY.privateKey,
    region: config.region ?? "us",
    sandbox: config.sandbox ?? true,
    algorithm: config.algorithm ?? "AMZN-PAY-RSASSA-PSS-V2",
  });
}

export interface AmazonPayClientOptions extends ConductOptions {
  /** The SDK client to wrap; by default one is made from `sdkConfig` on first use. */
  readonly sdk?: WebStoreClient;
  readonly sdkConfig?: Partial<WebStoreClientConfig>;
  readonly storeId?: string;
  readonly checkoutReviewReturnUrl?: string;
  readonly checkoutResultReturnUrl?: string;
  /** Give up waiting for one answer after this long and retry (the SDK sets no timeout). */
  readonly timeoutMs?: number;
  /**
   * HTTP statuses retried (default 408, 429, 500, 502, 503 and 504). A
   * transient status left out is handed over at its first answer. Conforming:
   * at least 408, 429, 500 and 503 (000: "You should immediately retry").
   */
  readonly retryStatuses?: readonly number[];
  /**
   * Which attempts of a POST carry the idempotency key. Conforming:
   * "every-attempt"; "first-attempt-only" drops it on retries, "none" never
   * sends one.
   */
  readonly idempotencyKeys?: "every-attempt" | "first-attempt-only" | "none";
  /** Makes the idempotency key of a new logical POST. Default: 32 hexadecimal characters. Conforming: any 1 to 32 of [A-Za-z0-9_-], new for each logical POST. */
  readonly newIdempotencyKey?: () => string;
  /**
   * What InvalidCheckoutSessionStatus on Complete Checkout Session leads to.
   * "reconcile" (default) reads the session and concludes from its state;
   * "fail" reports the failure without reading it (conforming too);
   * "succeed" takes it for a completed checkout without reading it (not conforming).
   */
  readonly onInvalidCheckoutSessionStatus?: "reconcile" | "fail" | "succeed";
  /**
   * Reason codes of a declined Create Charge after which the Charge Permission
   * is read and, if still Chargeable, charged again once under a new key.
   * Doc 004 allows it after SoftDeclined and ProcessingFailure; after
   * HardDeclined the buyer updates the instrument first, and after any other
   * code the buyer is reengaged. Default: none (the decline is reported).
   */
  readonly rechargeAfter?: readonly string[];
  /**
   * The objects ("Charge", "Refund") whose pending answer (AuthorizationInitiated,
   * RefundInitiated) is reported as done. Not conforming: doc 005 says to poll
   * Get Charge or wait for the IPN. Default none: such an answer is reported pending.
   */
  readonly reportPendingAsFinal?: readonly ("Charge" | "Refund")[];
  /**
   * Instead of reporting a pending authorization or refund pending, wait this
   * long and read the object once: its final state decides (doc 005: "Poll Get
   * Charge or listen for a Charge IPN"). Default: report it pending at once.
   */
  readonly pollPendingAfterMs?: number;
}

export interface Money {
  readonly amount: number;
  readonly currencyCode: string;
}

/** Statuses the documents say to retry (seed 000), plus the gateway statuses 502 and 504. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Account, authorization and TLS problems: a person must act (manual follow-up). */
const MANUAL_STATUS = new Set([401, 403, 426]);
const MANUAL_CODES = new Set(["UnauthorizedAccess", "InvalidAccountStatus", "InvalidRequestSignature", "InvalidAuthentication", "InvalidAuthorizationToken", "TLSVersionNotSupported"]);
const ZERO_DECIMAL_CURRENCIES = new Set(["JPY"]);
/** Declines of Create Charge (doc 004): the reasonCode decides whether to charge again, under a new key; never a blind retry. */
const NOT_RECHARGED = new Set(["SoftDeclined", "HardDeclined", "AmazonRejected", "TransactionTimedOut", "MFANotCompleted", "PaymentMethodNotAllowed", "TransactionAmountExceeded", "TransactionCountExceeded"]);

/** What one SDK call meant. */
type Answer =
  | { readonly kind: "success"; readonly data: Record<string, unknown> }
  /** A documented error that is not retried. */
  | { readonly kind: "error"; readonly status: number; readonly code: string; readonly message?: string }
  /** A retryable status, or no answer at all. */
  | { readonly kind: "transient"; readonly status?: number; readonly code?: string; readonly detail: string; readonly retryAfterMs?: number; readonly readable: boolean }
  /** Neither a success nor a documented error. */
  | { readonly kind: "unknown"; readonly status?: number; readonly detail: string; readonly retryable: boolean };

interface CallEnd {
  readonly answer: Answer;
  readonly exhausted: boolean;
  readonly key?: string;
  /** The answer before the last one, when the last came on a retry. */
  readonly previous?: Answer;
}

interface CallSpec {
  readonly operation: string;
  /** POSTs carry an idempotency key (the same for every retry). */
  readonly idempotent: boolean;
  readonly send: (sdk: WebStoreClient, headers: SdkHeaders) => Promise<SdkResponse>;
  /** The field a success body must carry. */
  readonly idField: string;
}

export class AmazonPayClient {
  readonly #conduct: RetryConduct;
  readonly #options: AmazonPayClientOptions;
  readonly #retryStatuses: ReadonlySet<number>;
  #sdk: WebStoreClient | undefined;

  constructor(options: AmazonPayClientOptions = {}) {
    this.#conduct = conductOf(options);
    this.#options = options;
    this.#retryStatuses = new Set(options.retryStatuses ?? RETRYABLE_STATUS);
    this.#sdk = options.sdk;
  }

  /** The objects whose pending answer is reported as done (see the option). */
  get reportsPendingAsFinal(): readonly ("Charge" | "Refund")[] {
    return this.#options.reportPendingAsFinal ?? [];
  }

  /** How long to wait before reading a pending object once (see the option), if at all. */
  get pollPendingAfterMs(): number | undefined {
    return this.#options.pollPendingAfterMs;
  }

  get sdk(): WebStoreClient {
    this.#sdk ??= createWebStoreClient(this.#options.sdkConfig);
    return this.#sdk;
  }

  /** A new idempotency key: 32 characters of [0-9a-f]. */
  newIdempotencyKey(): string {
    if (this.#conduct.oneKeyForAllOperations) return "faultproof-fixed-idempotency-key";
    return this.#options.newIdempotencyKey?.() ?? uniqueToken();
  }

  createCheckoutSession(request: Money): Promise<ClientResult> {
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: this.#options.checkoutReviewReturnUrl ?? "https://shop.example/checkout/review" },
      storeId: this.#options.storeId ?? "amzn1.application-oa2-client.faultproofreference000000",
      paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: price(request) },
    };
    return this.#run({ operation: "CreateCheckoutSession", idempotent: true, idField: "checkoutSessionId", send: (sdk, headers) => sdk.createCheckoutSession(payload, headers) });
  }

  getCheckoutSession(checkoutSessionId: string): Promise<ClientResult> {
    return this.#run({ operation: "GetCheckoutSession", idempotent: false, idField: "checkoutSessionId", send: (sdk) => sdk.getCheckoutSession(checkoutSessionId) });
  }

  updateCheckoutSession(request: Money & { readonly checkoutSessionId: string }): Promise<ClientResult> {
    const payload = {
      webCheckoutDetails: { checkoutResultReturnUrl: this.#options.checkoutResultReturnUrl ?? "https://shop.example/checkout/result" },
      paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: price(request) },
    };
    return this.#run({ operation: "UpdateCheckoutSession", idempotent: false, idField: "checkoutSessionId", send: (sdk) => sdk.updateCheckoutSession(request.checkoutSessionId, payload) });
  }

  /** Completes the session; after InvalidCheckoutSessionStatus it reads the session and concludes from its state. */
  async completeCheckoutSession(request: Money & { readonly checkoutSessionId: string }): Promise<ClientResult> {
    const payload = { chargeAmount: price(request) };
    const spec: CallSpec = { operation: "CompleteCheckoutSession", idempotent: true, idField: "checkoutSessionId", send: (sdk, headers) => sdk.completeCheckoutSession(request.checkoutSessionId, payload, headers) };
    const end = await this.#call(spec);
    if (end.answer.kind !== "error" || end.answer.code !== "InvalidCheckoutSessionStatus") return this.#conclude(spec, end);
    const status = end.answer;
    const onStatus = this.#options.onInvalidCheckoutSessionStatus ?? "reconcile";
    if (onStatus === "fail") return { status: "failed", code: status.code, ...(status.message !== undefined ? { message: status.message } : {}) };
    if (onStatus === "succeed") return { status: "succeeded", body: { checkoutSessionId: request.checkoutSessionId } };
    const read = await this.getCheckoutSession(request.checkoutSessionId);
    if (read.status !== "succeeded") {
      return { status: "handed-over", code: status.code, reason: `CompleteCheckoutSession ${request.checkoutSessionId} answered ${status.code} and reading the session failed (${read.status}${"code" in read && read.code ? ` ${read.code}` : ""})` };
    }
    const details = isRecord(read.body.statusDetails) ? read.body.statusDetails : {};
    const state = text(details.state);
    if (state === "Completed") return read;
    if (state === "Canceled") {
      const reason = text(details.reasonCode);
      return { status: "failed", code: status.code, message: `the CheckoutSession is Canceled${reason ? ` (${reason})` : ""}` };
    }
    return { status: "handed-over", code: status.code, reason: `CompleteCheckoutSession ${request.checkoutSessionId} answered ${status.code} but the session is ${state ?? "in an unknown state"}` };
  }

  getChargePermission(chargePermissionId: string): Promise<ClientResult> {
    return this.#run({ operation: "GetChargePermission", idempotent: false, idField: "chargePermissionId", send: (sdk) => sdk.getChargePermission(chargePermissionId) });
  }

  closeChargePermission(request: { readonly chargePermissionId: string; readonly reason: string }): Promise<ClientResult> {
    const payload = { closureReason: request.reason, cancelPendingCharges: false };
    return this.#run({ operation: "CloseChargePermission", idempotent: false, idField: "chargePermissionId", send: (sdk) => sdk.closeChargePermission(request.chargePermissionId, payload) });
  }

  async createCharge(request: Money & { readonly chargePermissionId: string; readonly captureNow: boolean }): Promise<ClientResult> {
    const payload = { chargePermissionId: request.chargePermissionId, chargeAmount: price(request), captureNow: request.captureNow, canHandlePendingAuthorization: false };
    const charge = () => this.#run({ operation: "CreateCharge", idempotent: true, idField: "chargeId", send: (sdk, headers) => sdk.createCharge(payload, headers) });
    const first = await charge();
    if (first.status !== "failed" || !(this.#options.rechargeAfter ?? []).includes(first.code)) return first;
    // Doc 004: "Call Get Charge Permission to confirm that the Charge Permission is in a Chargeable state", then charge.
    const permission = await this.getChargePermission(request.chargePermissionId);
    const details = permission.status === "succeeded" && isRecord(permission.body.statusDetails) ? permission.body.statusDetails : {};
    return text(details.state) === "Chargeable" ? charge() : first;
  }

  getCharge(chargeId: string): Promise<ClientResult> {
    return this.#run({ operation: "GetCharge", idempotent: false, idField: "chargeId", send: (sdk) => sdk.getCharge(chargeId) });
  }

  captureCharge(request: Money & { readonly chargeId: string }): Promise<ClientResult> {
    const payload = { captureAmount: price(request) };
    return this.#run({ operation: "CaptureCharge", idempotent: true, idField: "chargeId", send: (sdk, headers) => sdk.captureCharge(request.chargeId, payload, headers) });
  }

  cancelCharge(request: { readonly chargeId: string; readonly reason: string }): Promise<ClientResult> {
    const payload = { cancellationReason: request.reason };
    return this.#run({ operation: "CancelCharge", idempotent: false, idField: "chargeId", send: (sdk) => sdk.cancelCharge(request.chargeId, payload) });
  }

  createRefund(request: Money & { readonly chargeId: string }): Promise<ClientResult> {
    const payload = { chargeId: request.chargeId, refundAmount: price(request) };
    return this.#run({ operation: "CreateRefund", idempotent: true, idField: "refundId", send: (sdk, headers) => sdk.createRefund(payload, headers) });
  }

  getRefund(refundId: string): Promise<ClientResult> {
    return this.#run({ operation: "GetRefund", idempotent: false, idField: "refundId", send: (sdk) => sdk.getRefund(refundId) });
  }

  async #run(spec: CallSpec): Promise<ClientResult> {
    return this.#conclude(spec, await this.#call(spec));
  }

  /** One logical operation: one idempotency key, retried until an answer that is not retried or the attempts are spent. */
  async #call(spec: CallSpec): Promise<CallEnd> {
    const conduct = this.#conduct;
    const backoff = backoffOf(conduct);
    const keys = this.#options.idempotencyKeys ?? "every-attempt";
    let key = spec.idempotent && keys !== "none" ? this.newIdempotencyKey() : undefined;
    let previous: Answer | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const sent = keys === "first-attempt-only" && attempt > 1 ? undefined : key;
      const headers = sent !== undefined ? { "x-amz-pay-idempotency-key": sent } : null;
      const answer = await this.#exchange(spec, headers);
      const withKey = { ...(key !== undefined ? { key } : {}), ...(previous !== undefined ? { previous } : {}) };
      if (conduct.acceptUnknownAnswers && ((answer.kind === "unknown") || (answer.kind === "transient" && !answer.readable && answer.status !== undefined))) {
        return { answer: { kind: "success", data: {} }, exhausted: false, ...withKey };
      }
      const transient = answer.kind === "transient" && (answer.status === undefined || this.#retryStatuses.has(answer.status));
      const retryable = transient || (answer.kind === "unknown" && answer.retryable) || (answer.kind === "error" && conduct.retryFinalErrors && !(spec.operation === "CreateCharge" && NOT_RECHARGED.has(answer.code)));
      if (!retryable) return { answer, exhausted: false, ...withKey };
      if (attempt >= conduct.maxAttempts) return { answer, exhausted: true, ...withKey };
      await wait(backoff.next(answer.kind === "transient" ? (answer.retryAfterMs ?? 0) : 0));
      previous = answer;
      if (conduct.newKeyPerAttempt && key !== undefined) key = this.newIdempotencyKey();
    }
  }

  #conclude(spec: CallSpec, end: CallEnd): ClientResult {
    const { answer } = end;
    const conduct = this.#conduct;
    switch (answer.kind) {
      case "success": {
        if (conduct.reportFailedAfterRetry && end.previous) return { status: "failed", code: codeOf(end.previous), message: `${spec.operation} was retried` };
        return { status: "succeeded", body: answer.data };
      }
      case "error": {
        const code = conduct.surfaceErrorClass ? String(answer.status) : answer.code;
        const manual = MANUAL_STATUS.has(answer.status) || MANUAL_CODES.has(answer.code);
        if (!manual || conduct.failInsteadOfHandOver) return { status: "failed", code, ...(answer.message !== undefined ? { message: answer.message } : {}) };
        return { status: "handed-over", code, reason: `${spec.operation}: HTTP ${answer.status} ${answer.code}${answer.message ? ` (${answer.message})` : ""}; not retried, needs manual follow-up` };
      }
      default: {
        const code = answer.kind === "transient" ? answer.code : undefined;
        const attempts = end.exhausted ? ` after ${conduct.maxAttempts} attempt${conduct.maxAttempts === 1 ? "" : "s"}` : "";
        if (conduct.succeedWhenExhausted && end.exhausted) return { status: "succeeded", body: {} };
        if (conduct.failWhenExhausted) return { status: "failed", code: code ?? (answer.status !== undefined ? String(answer.status) : "NetworkError") };
        return { status: "handed-over", ...(code !== undefined ? { code } : {}), reason: `${spec.operation}${end.key ? ` (idempotency key ${end.key})` : ""}: ${answer.detail}${attempts}; needs manual follow-up` };
      }
    }
  }

  /** One SDK call, bounded by the timeout, and what its answer means. */
  async #exchange(spec: CallSpec, headers: SdkHeaders): Promise<Answer> {
    let response: SdkResponse;
    try {
      response = await within(this.#options.timeoutMs ?? 30_000, () => spec.send(this.sdk, headers));
    } catch (error) {
      return failureOf(error);
    }
    const data = response.data;
    if (response.status >= 200 && response.status < 300 && isRecord(data) && text(data[spec.idField]) !== undefined) return { kind: "success", data };
    // A 2xx whose body cannot be read: the request may have taken effect; retrying with the same key is safe.
    return { kind: "unknown", status: response.status, detail: `HTTP ${response.status} without a readable ${spec.operation} body`, retryable: true };
  }
}

/** The code an answer carried, or what stands for it. */
function codeOf(answer: Answer): string {
  if (answer.kind === "error") return answer.code;
  if (answer.kind === "transient" && answer.code !== undefined) return answer.code;
  return "status" in answer && answer.status !== undefined ? String(answer.status) : "NetworkError";
}

/** What a rejected SDK call meant: the SDK rejects with an AxiosError carrying the response, if there was one. */
function failureOf(error: unknown): Answer {
  const response = isRecord(error) && isRecord(error.response) ? error.response : undefined;
  if (!response || typeof response.status !== "number") {
    return { kind: "transient", detail: error instanceof TimeoutError ? error.message : `no answer (${describeError(error)})`, readable: false };
  }
  const status = response.status;
  const data = response.data;
  const code = isRecord(data) ? text(data.reasonCode) : undefined;
  const message = isRecord(data) ? text(data.message) : undefined;
  if (RETRYABLE_STATUS.has(status)) {
    const after = retryAfterMs(headerOf(response.headers, "retry-after"));
    return {
      kind: "transient",
      status,
      ...(code !== undefined ? { code } : {}),
      detail: `HTTP ${status}${code ? ` ${code}` : isRecord(data) ? "" : " with a body that is not JSON"}`,
      ...(after !== undefined ? { retryAfterMs: after } : {}),
      readable: isRecord(data),
    };
  }
  if (code !== undefined) return { kind: "error", status, code, ...(message !== undefined ? { message } : {}) };
  // Another status without a reason code (a proxy's page): not documented, never retried blindly, never a success.
  return { kind: "unknown", status, detail: `HTTP ${status} without a reason code`, retryable: false };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;
  const get = headers.get;
  if (typeof get === "function") {
    const value: unknown = get.call(headers, name);
    return typeof value === "string" ? value : undefined;
  }
  return text(headers[name]);
}

class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/**
 * Waits for `work` at most `ms`. The SDK takes no timeout or signal, so a
 * request that outlives it is abandoned, not aborted; the retry that follows
 * carries the same idempotency key, so Amazon Pay applies the operation once.
 */
async function within<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const timer = new AbortController();
  const timeout = wait(ms, timer.signal).then(
    () => {
      throw new TimeoutError(`no answer within ${ms / 1000} s`);
    },
    () => new Promise<never>(() => {}),
  );
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    timer.abort();
  }
}

/** An amount as Amazon Pay takes it: a string with two decimals (none for JPY). */
export function price(money: Money): { amount: string; currencyCode: string } {
  return { amount: money.amount.toFixed(ZERO_DECIMAL_CURRENCIES.has(money.currencyCode) ? 0 : 2), currencyCode: money.currencyCode };
}
