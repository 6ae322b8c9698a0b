import type { Catalogue, CatalogueError } from "../spec/catalogue.js";
import type { AmazonPayModel, IncentivesModel, SandboxError } from "../../suites/sandbox/model.js";
import { ADAPTER_OPERATIONS } from "../../suites/adapter.js";
import { mockVariants, type MockVariants } from "../../suites/sandbox/incentives/mock-variants.js";
import type { ConformanceCase, ConformanceModel } from "../../suites/conformance/model.js";
import { answersView, type AnswersView } from "./answers-view.js";

/**
 * Everything the templates print, computed here so that templates only read:
 * the sandbox models, the MSW routes, and the parity-test cases, each sorted
 * by one comparator so output never depends on key or file order.
 */
export interface SandboxView {
  readonly banner: string;
  readonly incentivesModel: IncentivesModel;
  readonly amazonPayModel: AmazonPayModel;
  readonly incentivesOperations: readonly string[];
  readonly amazonPayOperations: readonly string[];
  readonly incentivesRoutes: readonly { readonly host: string; readonly region: string }[];
  readonly amazonPayRoutes: readonly { readonly host: string; readonly region: string }[];
  readonly incentivesCases: readonly IncentivesCase[];
  readonly amazonPayCases: readonly AmazonPayCase[];
  readonly successMockCases: readonly { readonly operation: string; readonly field: string }[];
  readonly conformanceModel: ConformanceModel;
  /** Every documented code, sorted, for the typed fault helpers. */
  readonly incentivesCodes: readonly string[];
  readonly amazonPayCodes: readonly string[];
  /** The mock codes that stand for several rows, with their errorTypes and row ids: what the typed `preferVariant` takes. */
  readonly incentivesMockVariants: Readonly<Record<string, MockVariants>>;
  readonly incentivesConformanceCases: readonly ConformanceCase[];
  readonly amazonPayConformanceCases: readonly ConformanceCase[];
  /** generated/ANSWERS.md: one answer of each kind per API, as the sandbox gives it. */
  readonly answers: AnswersView;
}

export interface IncentivesCase {
  readonly id: string;
  readonly operation: string;
  readonly via: "mock-code" | "fault";
  readonly format: "json" | "xml";
  readonly code: string;
  readonly errorClass: string;
  readonly mockCode: string | null;
  readonly message: string | null;
  readonly resend: boolean;
}

export interface AmazonPayCase {
  readonly id: string;
  readonly operation: string;
  readonly code: string;
  readonly httpStatus: number;
  readonly message: string;
}

export const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function sandboxError(error: CatalogueError): SandboxError {
  return {
    id: error.id,
    code: error.code,
    ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
    ...(error.errorClass !== undefined ? { errorClass: error.errorClass } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.mockCode !== undefined ? { mockCode: error.mockCode } : {}),
    ...(error.message !== undefined ? { message: error.message } : {}),
    operations: error.operations,
  };
}

export function sandboxView(catalogue: Catalogue): SandboxView {
  const incentives = catalogue.apis.find((api) => api.id === "incentives");
  const pay = catalogue.apis.find((api) => api.id === "amazon-pay");
  if (!incentives || !pay) throw new Error("the catalogue must describe both APIs");
  const rule = (api: string, id: string) => catalogue.rules.find((r) => r.api === api && r.id === id);
  const requestId = rule("incentives", "request-id");
  const tps = rule("incentives", "tps-limits");
  const throttling = rule("incentives", "throttling");
  const idempotency = rule("amazon-pay", "idempotency");
  const ipn = rule("amazon-pay", "ipn-v2");
  const success = catalogue.mockCodes.find((m) => m.api === "incentives" && m.outcome === "success");
  if (!requestId?.maxLength || !tps?.tpsLimit || !throttling?.body?.xml || !idempotency?.header || !idempotency.keyPattern || !ipn?.notificationVersion || !success) {
    throw new Error("the catalogue lacks a rule the sandbox needs (request-id, tps-limits, throttling, idempotency, ipn-v2, success mock code)");
  }
  const incentivesErrors = catalogue.errors.filter((e) => e.api === "incentives").sort(byKey((e) => e.id));
  const payErrors = catalogue.errors.filter((e) => e.api === "amazon-pay").sort(byKey((e) => e.id));
  const operation = (op: { id: string; method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; path: string; resource?: string; family?: string; requestIdField?: string }) => ({
    id: op.id,
    method: op.method,
    path: op.path,
    ...(op.resource ? { resource: op.resource } : {}),
    ...(op.family ? { family: op.family } : {}),
    ...(op.requestIdField ? { requestIdField: op.requestIdField } : {}),
  });

  const incentivesModel: IncentivesModel = {
    api: "incentives",
    hosts: incentives.hosts.map((h) => ({ region: h.region, sandbox: h.sandbox ?? "", production: h.production ?? "", signingRegion: h.signingRegion ?? "" })),
    operations: [...incentives.operations].sort(byKey((o) => o.id)).map(operation),
    errors: incentivesErrors.map(sandboxError),
    mockPlacement: incentives.mockPlacement,
    successMockCode: success.code,
    tpsLimit: tps.tpsLimit,
    tpsLimits: Object.fromEntries((tps.tpsLimits ?? []).map((l) => [l.operation, l.limit])),
    requestIdMaxLength: requestId.maxLength,
    throttleXml: throttling.body.xml,
  };
  const amazonPayModel: AmazonPayModel = {
    api: "amazon-pay",
    hosts: pay.hosts.map((h) => ({ region: h.region, host: h.host ?? "" })),
    operations: [...pay.operations].sort(byKey((o) => o.id)).map(operation),
    errors: payErrors.map(sandboxError),
    idempotency: {
      header: idempotency.header,
      methods: idempotency.methods ?? ["POST"],
      keyPattern: idempotency.keyPattern,
      duplicateCode: idempotency.codes?.[0] ?? "DuplicateIdempotencyKey",
      missingCode: idempotency.missingCode ?? "MissingHeaderValue",
      invalidCode: idempotency.invalidCode ?? "InvalidHeaderValue",
    },
    notificationVersion: ipn.notificationVersion,
  };

  const placed = new Set(incentives.mockPlacement.map((p) => p.operation));
  const incentivesCases = incentivesErrors.flatMap((error) =>
    (["json", "xml"] as const).map((format): IncentivesCase => {
      const mockOperation = error.mockCode ? error.operations.find((op) => placed.has(op)) : undefined;
      return {
        id: error.id,
        operation: mockOperation ?? error.operations[0]!,
        via: mockOperation ? "mock-code" : "fault",
        format,
        code: error.code,
        errorClass: error.errorClass ?? "",
        mockCode: error.mockCode ?? null,
        message: error.message ?? null,
        resend: error.status === "RESEND",
      };
    }),
  );
  const amazonPayCases = payErrors.map((error) => ({ id: error.id, operation: error.operations[0]!, code: error.code, httpStatus: error.httpStatus ?? 400, message: error.message ?? error.code }));

  const urls = new Map(catalogue.sources.map((source) => [source.id, source.url]));
  const retry = catalogue.retryRules.find((r) => r.api === "amazon-pay" && r.kind === "retry");
  const resend = rule("incentives", "resend");
  if (!retry?.maxAttempts || throttling.minDelayMs === undefined) throw new Error("the catalogue lacks the retry limit or the throttling delay");
  const conformanceModel: ConformanceModel = {
    catalogueVersion: catalogue.catalogueVersion,
    failures: [...incentivesErrors, ...payErrors].map((error) => ({
      id: error.id,
      api: error.api,
      code: error.code,
      kind: error.httpStatus !== undefined ? String(error.httpStatus) : (error.errorClass ?? ""),
      ...(error.mockCode ? { mockCode: error.mockCode } : {}),
      handling: error.handling,
      operations: error.operations,
      ...(error.message !== undefined ? { message: error.message } : {}),
      source: { doc: error.source.doc, section: error.source.section },
    })).concat(
      catalogue.pending.map((entry) => ({
        id: entry.id,
        api: entry.api,
        code: entry.state,
        kind: "pending",
        handling: entry.handling,
        operations: entry.operations,
        source: { doc: entry.source.doc, section: entry.source.section },
        pending: { object: entry.object, state: entry.state, settles: entry.settles, afterMs: entry.afterSeconds * 1000 },
      })),
    ),
    outcomes: Object.fromEntries(catalogue.handling.map((term) => [term.id, term.outcomes])),
    advised: Object.fromEntries(catalogue.handling.map((term) => [term.id, term.advised ?? term.outcomes])),
    maxAttempts: retry.maxAttempts,
    throttleMinDelayMs: throttling.minDelayMs,
    compensation: Object.fromEntries((resend?.compensation ?? []).map((step) => [step.operation, step.undo])),
    idempotencyHeader: idempotency.header,
    idempotentMethods: idempotency.methods ?? ["POST"],
    objectStates: catalogue.objects.flatMap((entry) => entry.states.map((state) => ({ object: entry.object, state: state.state, kind: state.kind, ...(state.tookEffect !== undefined ? { tookEffect: state.tookEffect } : {}) }))),
    documents: catalogue.sources.map((source) => ({ id: source.id, title: source.title, ...(source.url ? { url: source.url } : {}) })),
    citations: catalogue.rules.flatMap((entry) =>
      (entry.enforces ?? []).map((sentence) => ({
        api: entry.api,
        verdict: sentence.verdict,
        citation: {
          doc: sentence.source.doc,
          title: sentence.source.title,
          section: sentence.source.section,
          quote: sentence.quote,
          strength: sentence.strength,
          ...(urls.get(sentence.source.doc) ? { url: urls.get(sentence.source.doc)! } : {}),
        },
      })),
    ),
  };
  const casesOf = (errors: readonly Pick<CatalogueError, "id" | "operations">[], adapterOperations: Readonly<Record<string, string>>): ConformanceCase[] => {
    const covered = new Set(Object.values(adapterOperations));
    return errors.flatMap((error) => error.operations.filter((op) => covered.has(op)).sort().map((operation) => ({ failureId: error.id, operation })));
  };

  const codesOf = (errors: readonly CatalogueError[]) => [...new Set(errors.map((error) => error.code))].sort();
  return {
    incentivesCodes: codesOf(incentivesErrors),
    amazonPayCodes: codesOf(payErrors),
    incentivesMockVariants: mockVariants(incentivesModel.errors),
    answers: answersView({ catalogue, incentivesModel, amazonPayModel }),
    conformanceModel,
    incentivesConformanceCases: casesOf(incentivesErrors, ADAPTER_OPERATIONS.incentives),
    amazonPayConformanceCases: casesOf([...payErrors, ...catalogue.pending.filter((entry) => entry.api === "amazon-pay")], ADAPTER_OPERATIONS.amazonPay),
    banner: `Generated by faultproof ${catalogue.tool.version} from catalogue ${catalogue.catalogueVersion}. Do not edit: change spec/ or generator/templates/, then run \`faultproof generate\`.`,
    incentivesModel,
    amazonPayModel,
    incentivesOperations: incentivesModel.operations.map((o) => o.id),
    amazonPayOperations: amazonPayModel.operations.map((o) => o.id),
    incentivesRoutes: incentivesModel.hosts.flatMap((h) => [h.sandbox, h.production].map((host) => ({ host, region: h.region }))).sort(byKey((r) => r.host)),
    amazonPayRoutes: amazonPayModel.hosts.map((h) => ({ host: h.host, region: h.region })).sort(byKey((r) => r.host)),
    incentivesCases,
    amazonPayCases,
    successMockCases: [...incentives.mockPlacement].sort(byKey((p) => p.operation)).map((p) => ({ operation: p.operation, field: p.field })),
  };
}
