import type { Answer, SandboxContext } from "../context.js";
import { transportFault, truncate } from "../fault-response.js";
import type { Fault } from "../faults.js";
import { jsonResponse } from "../json-response.js";
import type { IncentivesModel, SandboxError, SandboxOperation } from "../model.js";
import { readBody } from "../read-body.js";
import { IncentivesErrors } from "./errors.js";
import { meaningHash } from "./mock-variants.js";
import { IncentivesSignatures, withReason } from "./signature-check.js";
import { IncentivesState } from "./state.js";
import { RateWindow } from "./throttle.js";
import { decodeBody, errorResponse, isRecord, responseFormat, successResponse, type Format } from "./wire.js";

const MOCK_CODE = /^F\d{4}$/;

/**
 * The Incentives API sandbox: one signed POST per operation, answered in
 * order by its signature's check, an injected fault, the TPS limit, a mock code, then the
 * documented request rules and state.
 */
export class IncentivesEngine {
  readonly errors: IncentivesErrors;
  readonly state: IncentivesState;
  readonly #rates = new RateWindow();
  readonly #operations: ReadonlyMap<string, SandboxOperation>;
  readonly #signatures: IncentivesSignatures;

  constructor(
    readonly model: IncentivesModel,
    private readonly context: SandboxContext,
  ) {
    this.errors = new IncentivesErrors(model);
    this.state = new IncentivesState(context.config.incentives);
    this.#operations = new Map(model.operations.map((operation) => [operation.id, operation]));
    this.#signatures = new IncentivesSignatures(model, context, this.errors);
  }

  reset(): void {
    this.state.clear();
    this.#rates.clear();
    this.errors.clearPreferences();
  }

  async handle(options: { request: Request; operationName: string; region: string }): Promise<Answer> {
    const { request, region } = options;
    const config = this.context.config.incentives;
    const operation = this.#operations.get(options.operationName);
    const format = responseFormat({ request, config });
    if (!operation || request.method !== "POST") {
      const response = jsonResponse({ __type: "UnknownOperationException", message: `No operation ${request.method} /${options.operationName}` }, { status: 404 });
      return { response, journal: { status: 404, by: "sandbox" } };
    }
    const bodyText = await readBody({ request, maxBytes: config.maxBodyBytes });
    const decoded = bodyText.ok
      ? decodeBody({ text: bodyText.text, contentType: request.headers.get("content-type") ?? "", operation: operation.id })
      : ({ ok: false, reason: "too large" } as const);
    const body = decoded.ok ? decoded.body : undefined;
    const hash = meaningHash({ body, raw: bodyText.ok ? bodyText.text : "" });
    const answerWith = (error: SandboxError, by: Answer["journal"]["by"], retryAfterSeconds?: number): Answer => ({
      response: errorResponse({ error, operation: operation.id, family: operation.family, format, config, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) }),
      journal: { status: error.errorClass === "Throttled" ? config.throttleStatus : (config.errorStatus[error.errorClass ?? ""] ?? 400), code: error.code, errorId: error.id, by },
      body,
    });

    // Amazon checks the signature before anything else: a request it refuses never reaches the service.
    const refused = bodyText.ok ? this.#signatures.refuse({ request, bodyText: bodyText.text, operation: operation.id }) : undefined;
    if (refused) return withReason(answerWith(refused.error, "sandbox"), refused.reason);
    const fault = this.context.faults.take(operation.id);
    if (fault && fault.kind !== "pass") {
      const faulted = await this.#fault({ fault, operation, hash, answerWith, run: () => this.#normal({ operation, body, decodedOk: decoded.ok, hash, format, region, answerWith }), signal: request.signal });
      return { ...faulted, body };
    }
    return this.#normal({ operation, body, decodedOk: decoded.ok, hash, format, region, answerWith });
  }

  async #fault(options: {
    fault: Exclude<Fault, { kind: "pass" }>;
    operation: SandboxOperation;
    hash: number;
    answerWith: (error: SandboxError, by: "fault", retryAfterSeconds?: number) => Answer;
    run: () => Answer;
    signal: AbortSignal;
  }): Promise<Answer> {
    const { fault } = options;
    if (fault.kind === "error") {
      if (fault.afterEffect) options.run();
      const error = this.errors.resolve({ operation: options.operation.id, code: fault.code, hash: options.hash, ...(fault.variant ? { variant: fault.variant } : {}) });
      if (!error) throw new Error(`faultproof sandbox: no documented Incentives error "${fault.code}"`);
      return options.answerWith(error, "fault", fault.retryAfterSeconds);
    }
    // sandbox.enqueue refuses a state fault for an Incentives operation: there is no state to leave an order in.
    if (fault.kind === "state") throw new Error(`faultproof sandbox: a state fault is for Amazon Pay, not ${options.operation.id}`);
    if (fault.kind === "truncated-body") {
      const normal = options.run();
      return { response: await truncate(normal.response), journal: { ...normal.journal, by: "fault", fault: fault.kind } };
    }
    const response = await transportFault({ fault, signal: options.signal, released: this.context.released() });
    return { response, journal: { status: response.type === "error" ? 0 : response.status, by: "fault", fault: fault.kind } };
  }

  #normal(options: {
    operation: SandboxOperation;
    body: Record<string, unknown> | undefined;
    decodedOk: boolean;
    hash: number;
    format: Format;
    region: string;
    answerWith: (error: SandboxError, by: "sandbox" | "mock-code") => Answer;
  }): Answer {
    const { operation, body, answerWith } = options;
    const config = this.context.config.incentives;
    const now = this.context.clock.now();
    if (!options.decodedOk || !body) return answerWith(this.errors.row(operation.id, "InvalidRequestInput"), "sandbox");
    // Seed 003: a JSON body whose element names are not camelCase is answered F500.
    if (!camelCase(body)) return answerWith(this.errors.resolve({ operation: operation.id, code: "F5000", hash: options.hash })!, "sandbox");
    if (config.throttling) {
      const limit = this.model.tpsLimits[operation.id] ?? this.model.tpsLimit;
      if (this.#rates.exceeds({ key: `${String(body.partnerId)}|${operation.id}`, now, limit })) return answerWith(this.errors.throttled, "sandbox");
    }
    const mock = this.#mockCode({ operation, body });
    if (mock !== undefined && mock.code !== this.model.successMockCode) {
      const variants = this.errors.variants(operation.id, mock.code);
      if (variants.length > 0) return answerWith(this.errors.pick({ variants, hash: options.hash }), "mock-code");
    }
    // Seed 003 documents mock codes per operation: one this operation does not document is an ordinary value, and
    // only the success mock F0000 in the request id goes without the partnerId prefix.
    const success = mock?.code === this.model.successMockCode;
    const outcome = this.state.run({ operation: operation.id, body, now, region: options.region, requestIdMaxLength: this.model.requestIdMaxLength, mock: success && mock?.inRequestId === true });
    if (!outcome.ok) return answerWith(this.errors.row(operation.id, outcome.code), "sandbox");
    return { response: successResponse({ operation: operation.id, format: options.format, body: outcome.body }), journal: { status: 200, by: success ? "mock-code" : "sandbox" }, body };
  }

  /** The mock code in the documented place for this operation (seed 003), if the request carries one, and whether that place is the request id. */
  #mockCode(options: { operation: SandboxOperation; body: Record<string, unknown> }): { readonly code: string; readonly inRequestId: boolean } | undefined {
    const placement = this.model.mockPlacement.find((p) => p.operation === options.operation.id);
    if (!placement) return undefined;
    const value = valueAt(options.body, placement.field);
    if (typeof value !== "string" || !MOCK_CODE.test(value)) return undefined;
    const required = Object.entries(placement.requires ?? {}).every(([field, wanted]) => String(valueAt(options.body, field)) === String(wanted));
    return required ? { code: value, inRequestId: placement.field === options.operation.requestIdField } : undefined;
  }
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), body);
}

/** Every element name, at every depth, is camelCase (seed 003: otherwise F500). */
function camelCase(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(camelCase);
  if (!isRecord(value)) return true;
  return Object.entries(value).every(([key, inner]) => /^[a-z][A-Za-z0-9]*$/.test(key) && camelCase(inner));
}
