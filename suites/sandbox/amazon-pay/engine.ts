import type { Answer, SandboxContext } from "../context.js";
import { retryAfter, transportFault, truncate } from "../fault-response.js";
import type { Fault } from "../faults.js";
import { jsonResponse } from "../json-response.js";
import type { AmazonPayModel, SandboxError } from "../model.js";
import { readBody } from "../read-body.js";
import { checkBody } from "./check-body.js";
import { IdempotencyStore, requestFingerprint } from "./idempotency.js";
import { isRecord } from "./objects.js";
import { PayResources, type PayOutcome } from "./resources.js";
import type { PayNotification } from "./notifications.js";
import type { SimulatedPaymentMethod } from "./simulated-payment-methods.js";
import type { StateFault } from "./state-fault.js";
import { PayRouter } from "./router.js";
import { PaySignatures } from "./signature.js";

/**
 * Reason codes the sandbox's state rules can answer that the seeds do not
 * list; their statuses come from the reference (B5, third-party constants).
 */
const STATE_CODE_STATUS: Readonly<Record<string, number>> = {
  InvalidChargeStatus: 422,
  InvalidChargePermissionStatus: 422,
  CheckoutSessionCanceled: 422,
  HardDeclined: 422,
  SoftDeclined: 422,
  AmazonRejected: 422,
  TransactionTimedOut: 422,
  TransactionAmountExceeded: 400,
};

interface AnswerInput {
  readonly request: Request;
  readonly operation: string;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown> | undefined;
  readonly bodyProblem: string | undefined;
  /** What makes two requests "the same" for idempotency (idempotency.ts). */
  readonly fingerprint: string;
}

const BODY_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/**
 * The Amazon Pay API v2 sandbox: routing, the signature, required headers, idempotency keys,
 * sandbox simulation codes, then the objects' state machines.
 */
export class AmazonPayEngine {
  readonly resources: PayResources;
  readonly idempotency = new IdempotencyStore();
  readonly #router: PayRouter;
  readonly #signatures: PaySignatures;
  readonly #errors: ReadonlyMap<string, SandboxError>;
  readonly #codeOfId: ReadonlyMap<string, string>;

  constructor(
    readonly model: AmazonPayModel,
    private readonly context: SandboxContext,
  ) {
    const { expiry, notificationVersion, pendingPaymentMethodErrorCode, buyerClosedReason } = context.config.amazonPay;
    this.resources = new PayResources(expiry, { notificationVersion, pendingPaymentMethodErrorCode, buyerClosedReason });
    this.#router = new PayRouter(model.operations);
    this.#signatures = new PaySignatures(context);
    this.#errors = new Map(model.errors.map((error) => [error.code, error]));
    this.#codeOfId = new Map(model.errors.map((error) => [error.id, error.code]));
  }

  reset(): void {
    this.resources.clear();
    this.idempotency.clear();
  }

  /**
   * Brings every object up to the sandbox's clock and returns the IPNs the
   * changes made, that no earlier call returned, in the order they were due
   * (each with `at`, when). Objects settle when a request touches them too;
   * their IPNs wait here. Deliver one to an adapter with `ipnDelivery` (ipn.ts).
   */
  advance(): readonly PayNotification[] {
    this.resources.settleAll(this.context.clock.now());
    return this.resources.notifications.take();
  }

  /** Every IPN made since the last reset, returned by `advance` or not, in the order they were due. */
  get notifications(): readonly PayNotification[] {
    return this.resources.notifications.all;
  }

  /**
   * The buyer pays the Open checkout session with the sandbox card ending
   * `lastFour` (reference B7 [DOC]): it acts when the session is completed,
   * unless the request carries a simulation string.
   */
  useSimulatedPaymentMethod(options: { readonly checkoutSessionId: string; readonly lastFour: SimulatedPaymentMethod }): void {
    this.resources.useSimulatedPaymentMethod({ ...options, now: this.context.clock.now() });
  }

  /** The buyer closes the charge permission at Amazon: Closed (`amazonPay.buyerClosedReason`), with an IPN that `advance` returns. */
  closeChargePermissionAsBuyer(chargePermissionId: string): void {
    this.resources.closeChargePermissionAsBuyer({ chargePermissionId, now: this.context.clock.now() });
  }

  /** The reason code a fault names: a reason code, or the id of its documented row; undefined when neither. */
  resolveCode(codeOrId: string): string | undefined {
    if (this.#errors.has(codeOrId) || STATE_CODE_STATUS[codeOrId] !== undefined) return codeOrId;
    return this.#codeOfId.get(codeOrId);
  }

  /** The HTTP status of a reason code: configured override, then the spec, then the state-rule table. */
  statusOf(code: string): number {
    return this.context.config.amazonPay.statusOverrides[code] ?? this.#errors.get(code)?.httpStatus ?? STATE_CODE_STATUS[code] ?? 400;
  }

  errorAnswer(options: { code: string; message?: string; by: Answer["journal"]["by"]; retryAfterSeconds?: number; body?: unknown }): Answer {
    const status = this.statusOf(options.code);
    const message = options.message ?? this.#errors.get(options.code)?.message ?? options.code;
    return {
      response: jsonResponse({ reasonCode: options.code, message }, { status, headers: retryAfter(options.retryAfterSeconds) }),
      journal: { status, code: options.code, ...(this.#errors.get(options.code) ? { errorId: this.#errors.get(options.code)!.id } : {}), by: options.by },
      body: options.body,
    };
  }

  async handle(request: Request): Promise<Answer & { operation?: string }> {
    const url = new URL(request.url);
    const route = this.#router.route({ method: request.method, pathname: url.pathname });
    if (route.kind === "unknown") return this.errorAnswer({ code: "UnsupportedOperation", message: `${request.method} ${url.pathname} is not an operation of this API`, by: "sandbox" });
    if (route.kind === "unsupported-version") {
      return this.errorAnswer({ code: "InvalidAPIVersion", message: `${route.version} is not a version of this API; use v2`, by: "sandbox" });
    }
    if (route.kind === "wrong-method") {
      return this.errorAnswer({ code: "RequestNotSupported", message: `${request.method} is not supported here; use ${route.allowed.join(" or ")}`, by: "sandbox" });
    }
    const operation = route.operation;
    const config = this.context.config.amazonPay;
    const text = BODY_METHODS.has(operation.method) ? await readBody({ request, maxBytes: config.maxBodyBytes }) : ({ ok: true, text: "" } as const);
    let body: Record<string, unknown> | undefined;
    let bodyProblem: string | undefined;
    if (!text.ok) bodyProblem = `the request body is larger than ${config.maxBodyBytes} bytes`;
    else if (text.text.trim() !== "") {
      try {
        const parsed: unknown = JSON.parse(text.text);
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        else bodyProblem = "the request body is not a JSON object";
      } catch {
        bodyProblem = "the request body is not valid JSON";
      }
    }
    // Amazon Pay checks the signature before anything else: a request it refuses never reaches the service.
    const refused = text.ok ? this.#signatures.refuse({ request, bodyText: text.text }) : undefined;
    if (refused) return { ...this.errorAnswer({ code: refused.code, message: refused.message, by: "sandbox" }), operation: operation.id, body };
    const result = await this.#answer({ request, operation: operation.id, method: operation.method, params: route.params, body, bodyProblem, fingerprint: requestFingerprint({ operation: operation.id, params: route.params, simulation: request.headers.get("x-amz-pay-simulation-code"), body, raw: text.ok ? text.text : "" }) });
    return { ...result, operation: operation.id, body };
  }

  async #answer(options: AnswerInput): Promise<Answer> {
    const { request } = options;
    const fault = this.context.faults.take(options.operation);
    if (fault?.kind === "state") {
      const answer = await this.#normal(options, fault);
      // Only a request that took effect left its object anywhere; a refusal stays the sandbox's own.
      return answer.journal.status < 300 ? { ...answer, journal: { ...answer.journal, by: "fault", fault: fault.kind } } : answer;
    }
    if (fault && fault.kind !== "pass") return this.#fault({ fault, signal: request.signal, run: () => this.#normal(options) });
    return this.#normal(options);
  }

  async #normal(options: AnswerInput, stateFault?: StateFault): Promise<Answer> {
    const { request } = options;
    const config = this.context.config.amazonPay;
    for (const header of config.requiredHeaders) {
      if (!request.headers.get(header)) return this.errorAnswer({ code: "MissingHeaderValue", message: `The header ${header} is missing`, by: "sandbox" });
    }
    const authorization = request.headers.get("authorization");
    if (authorization !== null && !/^AMZN-PAY-RSASSA-PSS(-V2)? /.test(authorization)) {
      return this.errorAnswer({ code: "InvalidRequestSignature", message: "The Authorization header is not an Amazon Pay signature", by: "sandbox" });
    }
    const rule = this.model.idempotency;
    const key = request.headers.get(rule.header);
    const needsKey = rule.methods.includes(options.method as (typeof rule.methods)[number]);
    if (needsKey && key === null) return this.errorAnswer({ code: rule.missingCode, message: `The header ${rule.header} is missing`, by: "sandbox" });
    if (needsKey && key !== null && !new RegExp(rule.keyPattern).test(key)) {
      return this.errorAnswer({ code: rule.invalidCode, message: `The value of ${rule.header} must match ${rule.keyPattern}`, by: "sandbox" });
    }
    const simulation = request.headers.get("x-amz-pay-simulation-code") ?? undefined;
    if (simulation !== undefined && !(config.simulationCodes[options.operation] ?? []).includes(simulation)) {
      return this.errorAnswer({ code: "InvalidSandboxSimulationSpecified", message: `${simulation} is not a simulation of ${options.operation}`, by: "sandbox" });
    }
    // Seed 002: "Subsequent requests using the same key will return the saved response of the first request",
    // an error as much as a success. Answers to a request refused for its headers above are not saved (README).
    if (!needsKey || key === null) return this.#operate({ input: options, simulation, stateFault });
    const found = this.idempotency.lookup({ key, fingerprint: options.fingerprint });
    if (found.kind === "conflict") return this.errorAnswer({ code: rule.duplicateCode, by: "sandbox" });
    if (found.kind === "replay") return this.idempotency.replay(found.saved);
    const answer = this.#operate({ input: options, simulation, stateFault });
    this.idempotency.save({ key, fingerprint: options.fingerprint, answer });
    return answer;
  }

  /** The request's body checked (request-fields.ts), then the operation run on the objects. */
  #operate(run: { input: AnswerInput; simulation: string | undefined; stateFault: StateFault | undefined }): Answer {
    const { input: options, simulation, stateFault } = run;
    const config = this.context.config.amazonPay;
    if (options.bodyProblem) return this.errorAnswer({ code: "InvalidRequestFormat", message: options.bodyProblem, by: "sandbox" });
    const bodyRule = BODY_METHODS.has(options.method) ? config.bodies[options.operation] : undefined;
    const problem = bodyRule ? checkBody({ body: options.body ?? {}, rule: bodyRule }) : undefined;
    if (problem) return this.errorAnswer({ code: problem.code, message: problem.message, by: "sandbox" });
    const outcome: PayOutcome = this.resources.run({ operation: options.operation, params: options.params, body: options.body ?? {}, now: this.context.clock.now(), ...(simulation ? { simulation } : {}), ...(stateFault ? { stateFault } : {}) });
    if (!outcome.ok) return this.errorAnswer({ code: outcome.code, ...(outcome.message ? { message: outcome.message } : {}), by: "sandbox" });
    const status = config.successStatus[options.operation] ?? 200;
    // The oracles judge a pending answer (AuthorizationInitiated, RefundInitiated) by the state it showed.
    const state = isRecord(outcome.body.statusDetails) && typeof outcome.body.statusDetails.state === "string" ? outcome.body.statusDetails.state : undefined;
    return { response: jsonResponse(outcome.body, { status }), journal: { status, by: "sandbox", ...(state === undefined ? {} : { state }) } };
  }

  async #fault(options: { fault: Exclude<Fault, { kind: "pass" } | { kind: "state" }>; signal: AbortSignal; run: () => Promise<Answer> }): Promise<Answer> {
    const { fault } = options;
    if (fault.kind === "error") {
      if (fault.afterEffect) await options.run();
      const code = this.resolveCode(fault.code);
      if (code === undefined) throw new Error(`faultproof sandbox: no documented Amazon Pay reason code "${fault.code}"`);
      return this.errorAnswer({ code, by: "fault", ...(fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds }) });
    }
    if (fault.kind === "truncated-body") {
      const normal = await options.run();
      return { response: await truncate(normal.response), journal: { ...normal.journal, by: "fault", fault: fault.kind } };
    }
    const response = await transportFault({ fault, signal: options.signal, released: this.context.released() });
    return { response, journal: { status: response.type === "error" ? 0 : response.status, by: "fault", fault: fault.kind } };
  }
}
