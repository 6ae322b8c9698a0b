import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { DEFAULT_EPOCH_MS } from "../../suites/clock/clock.js";
import { PayResources } from "../../suites/sandbox/amazon-pay/resources.js";
import { resolveConfig, type SandboxConfig } from "../../suites/sandbox/config.js";
import type { Fault } from "../../suites/sandbox/faults.js";
import { IncentivesState } from "../../suites/sandbox/incentives/state.js";
import type { AmazonPayModel, IncentivesModel, SandboxError } from "../../suites/sandbox/model.js";
import { gatewayPage } from "../../suites/sandbox/fault-response.js";
import { errorParts } from "../../suites/sandbox/incentives/wire.js";
import type { Catalogue, CatalogueError, Cited } from "../spec/catalogue.js";

/**
 * generated/ANSWERS.md: one answer of each kind per API, as the sandbox
 * gives it with its default settings, signatures unchecked and its clock at
 * its fixed start. `generate` is synchronous and pure, so the answers are
 * built here from the same model, defaults and pure builders the engines use
 * (the objects' state, the XML builder); `answers.test.ts` sends every
 * sample's request to a real sandbox and fails when an answer differs.
 */
export interface AnswerSample {
  readonly id: string;
  readonly title: string;
  /** Markdown: how to get this answer. */
  readonly how: string;
  /** Markdown: the documents the answer's parts come from; UNVERIFIED parts name their setting. */
  readonly source: string;
  /** Requests and what the sandbox answers each: one per API a shared answer is shown for, one per format for the Incentives error. */
  readonly cases: readonly SampleCase[];
}

export interface SampleCase {
  readonly request: SampleRequest;
  readonly answer: SampleAnswer;
}

export interface SampleRequest {
  readonly api: "incentives" | "amazon-pay";
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly faults: readonly Fault[];
  /** Sent this many times at one instant; the last answer is the sample (throttling). */
  readonly times: number;
}

export type SampleAnswer =
  | {
      readonly kind: "response";
      readonly status: number;
      readonly contentType: string;
      readonly retryAfter: string | null;
      /** The body exactly as sent. */
      readonly body: string;
    }
  | { readonly kind: "no-response"; readonly fault: "network-error" | "hang" };

export interface AnswersSection {
  readonly title: string;
  readonly samples: readonly RenderedSample[];
}

/** A sample as the page prints it: its distinct answers, in order. */
export interface RenderedSample extends AnswerSample {
  readonly blocks: readonly RenderedAnswer[];
}

export interface RenderedAnswer {
  readonly statusLine: string;
  readonly language: string;
  /** The body pretty-printed (JSON indented, XML indented, HTML with plain line ends); empty for no response. */
  readonly display: string;
  readonly hasBody: boolean;
}

export interface AnswersView {
  readonly epoch: string;
  readonly sections: readonly AnswersSection[];
}

const INCENTIVES_HOST = "https://agcod-v2-gamma.amazon.com";
const PAY_BASE = "https://pay-api.amazon.com/sandbox/v2";
const PARTNER_ID = "Fproo";
const GIFT_CARD = { creationRequestId: `${PARTNER_ID}0001`, partnerId: PARTNER_ID, value: { currencyCode: "USD", amount: 10 } } as const;
const SESSION = {
  webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/checkout/review" },
  storeId: "amzn1.application-oa2-client.faultproofsample0000000",
  paymentDetails: { paymentIntent: "Authorize", chargeAmount: { amount: "10.00", currencyCode: "USD" } },
} as const;
const COMPLETE = { chargeAmount: { amount: "10.00", currencyCode: "USD" } } as const;

/** The settings the page's sandbox runs with: the defaults, signatures unchecked. */
export const answersConfig: SandboxConfig = resolveConfig({ verifySignatures: false });

function incentivesRequest(options: { body: Record<string, unknown>; format: "json" | "xml"; faults?: readonly Fault[]; times?: number }): SampleRequest {
  const operation = "CreateGiftCard";
  return {
    api: "incentives",
    operation,
    method: "POST",
    url: `${INCENTIVES_HOST}/${operation}`,
    headers: {
      // A client that does not ask for JSON gets XML (`incentives.defaultFormat`).
      ...(options.format === "json" ? { accept: "application/json" } : {}),
      "content-type": "application/json",
      "x-amz-date": "20260101T000000Z",
      "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}`,
      authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=host;x-amz-date, Signature=0",
    },
    body: JSON.stringify(options.body),
    faults: options.faults ?? [],
    times: options.times ?? 1,
  };
}

function payRequest(options: { operation: string; path: string; body: Record<string, unknown>; faults?: readonly Fault[] }): SampleRequest {
  return {
    api: "amazon-pay",
    operation: options.operation,
    method: "POST",
    url: `${PAY_BASE}/${options.path}`,
    headers: {
      accept: "application/json",
      "content-type": "application/json",
      "x-amz-pay-date": "2026-01-01T00:00:00Z",
      "x-amz-pay-host": "pay-api.amazon.com",
      "x-amz-pay-region": "na",
      "x-amz-pay-idempotency-key": "sample-key-0001",
      authorization: "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-SAMPLE, SignedHeaders=accept;content-type;x-amz-pay-date, Signature=c2lnbmF0dXJl",
    },
    body: JSON.stringify(options.body),
    faults: options.faults ?? [],
    times: 1,
  };
}

const json = (body: unknown, status: number, retryAfter: string | null = null): SampleAnswer => ({ kind: "response", status, contentType: "application/json", retryAfter, body: JSON.stringify(body) });
const xml = (text: string, status: number): SampleAnswer => ({ kind: "response", status, contentType: "application/xml", retryAfter: null, body: text });

/** `003, "Throttled"` or `reference B5`. */
export function cite(source: Pick<Cited, "doc" | "section">): string {
  return source.doc === "reference" ? `reference ${source.section}` : `${source.doc}, "${source.section}"`;
}

/** What the Incentives engine answers for a documented error: the engine's own builder. */
function incentivesError(options: { error: SandboxError; operation: string; format: "json" | "xml"; config: SandboxConfig["incentives"] }): SampleAnswer {
  const parts = errorParts({ ...options, family: undefined });
  return parts.format === "json" ? json(parts.body, parts.status) : xml(parts.xml, parts.status);
}

function row(errors: readonly SandboxError[], predicate: (error: SandboxError) => boolean, what: string): SandboxError {
  const found = errors.find(predicate);
  if (!found) throw new Error(`the sandbox model has no ${what}, which generated/ANSWERS.md shows`);
  return found;
}

/** Every sample of the page, in the page's order. */
export function answerSamples(options: { catalogue: Catalogue; incentivesModel: IncentivesModel; amazonPayModel: AmazonPayModel; config?: SandboxConfig }): { incentives: AnswerSample[]; amazonPay: AnswerSample[]; both: AnswerSample[] } {
  const { catalogue, incentivesModel, amazonPayModel } = options;
  const config = options.config ?? answersConfig;
  const inc = config.incentives;
  const pay = config.amazonPay;
  const errorOf = (id: string): CatalogueError => {
    const found = catalogue.errors.find((e) => e.id === id);
    if (!found) throw new Error(`the catalogue has no error ${id}, which generated/ANSWERS.md shows`);
    return found;
  };
  const classOf = (id: string) => catalogue.apis.find((api) => api.id === "incentives")?.errorClasses.find((c) => c.id === id);
  const throttlingRule = catalogue.rules.find((r) => r.api === "incentives" && r.id === "throttling");
  const tpsRule = catalogue.rules.find((r) => r.api === "incentives" && r.id === "tps-limits");
  const placement = catalogue.apis.find((api) => api.id === "incentives")?.mockPlacement.find((p) => p.operation === "CreateGiftCard");
  const mockSource = catalogue.mockCodes.find((m) => m.api === "incentives" && m.outcome === "success")?.source;
  if (!throttlingRule || !tpsRule?.tpsLimit || !placement || !mockSource) throw new Error("the catalogue lacks the throttling rules or the mock-code placement that generated/ANSWERS.md shows");

  // Incentives: a card, as the sandbox's state issues it.
  const state = new IncentivesState(inc);
  const card = state.run({ operation: "CreateGiftCard", body: structuredClone(GIFT_CARD) as unknown as Record<string, unknown>, now: DEFAULT_EPOCH_MS, region: "NA", requestIdMaxLength: incentivesModel.requestIdMaxLength, mock: false });
  if (!card.ok) throw new Error(`the sample gift card is refused: ${card.code}`);

  const insufficient = row(incentivesModel.errors, (e) => e.mockCode === "F3003" && e.operations.includes("CreateGiftCard"), "F3003 on CreateGiftCard");
  const resend = row(incentivesModel.errors, (e) => e.status === "RESEND" && e.mockCode !== undefined && e.operations.includes("CreateGiftCard"), "RESEND mock code on CreateGiftCard");
  const throttled = row(incentivesModel.errors, (e) => e.errorClass === "Throttled", "Throttled error");
  const insufficientCited = errorOf(insufficient.id);
  const resendCited = errorOf(resend.id);
  const f400 = classOf(resend.errorClass ?? "F400");
  const tooMany = Array.from({ length: tpsRule.tpsLimit + 1 });

  const incentives: AnswerSample[] = [
    {
      id: "incentives-success",
      title: "Success: CreateGiftCard",
      how: `a valid request (\`creationRequestId: "${GIFT_CARD.creationRequestId}"\`, partnerId \`${PARTNER_ID}\`, 10 USD) with \`Accept: application/json\`. The same request id again answers the same card`,
      source: `fields: ${cite({ doc: "reference", section: "A4" })}; ids and claim code are the sandbox's own, derived from the request id`,
      cases: [{ request: incentivesRequest({ body: GIFT_CARD, format: "json" }), answer: json(card.body, 200) }],
    },
    {
      id: "incentives-error",
      title: `Error: ${insufficient.errorClass} ${insufficient.code} (JSON and XML)`,
      how: `the mock code \`${insufficient.mockCode}\` as \`${placement.field}\`, or \`sandbox.next("CreateGiftCard").answers("${insufficient.code}")\`. Without \`Accept: application/json\` the same error comes as XML (second block)`,
      source: `code and message: ${cite(insufficientCited.source)}; XML shape: 003, roots \`incentives.xmlErrorRoot\`; JSON shape: reference A5; HTTP ${inc.errorStatus[insufficient.errorClass ?? ""] ?? 400}: UNVERIFIED, \`incentives.errorStatus\`; XML when the client does not ask for JSON: UNVERIFIED, \`incentives.defaultFormat\``,
      cases: (["json", "xml"] as const).map((format) => ({
        request: incentivesRequest({ body: { ...GIFT_CARD, creationRequestId: insufficient.mockCode }, format }),
        answer: incentivesError({ error: insufficient, operation: "CreateGiftCard", format, config: inc }),
      })),
    },
    {
      id: "incentives-resend",
      title: `RESEND: ${resend.errorClass} ${resend.code}`,
      how: `the mock code \`${resend.mockCode}\` as \`${placement.field}\`, or \`sandbox.next("CreateGiftCard").answers("${resend.errorClass}")\`. The status RESEND is in the body, \`agcodResponse.status\`; the HTTP status is that of any error`,
      source: `code: ${cite(resendCited.source)}; status RESEND: ${f400 ? cite(f400.source) : "003"}; message: ${resend.message !== undefined ? "the row" : `reference A5/A6, \`incentives.fallbackMessages\``}; HTTP ${inc.errorStatus[resend.errorClass ?? ""] ?? 400}: UNVERIFIED, \`incentives.errorStatus\``,
      cases: [{ request: incentivesRequest({ body: { ...GIFT_CARD, creationRequestId: resend.mockCode }, format: "json" }), answer: incentivesError({ error: resend, operation: "CreateGiftCard", format: "json", config: inc }) }],
    },
    {
      id: "incentives-throttled-json",
      title: "Throttling, JSON",
      how: `more than ${tpsRule.tpsLimit} requests of one operation in a second of the sandbox's clock (${cite(tpsRule.source)}; here ${tooMany.length} at one instant), or \`sandbox.next("CreateGiftCard").answers("${throttled.code}")\``,
      source: `UNVERIFIED: body \`incentives.throttleJson\`, HTTP ${inc.throttleStatus} \`incentives.throttleStatus\` (${cite(throttlingRule.source)} documents the XML form only)`,
      cases: [{ request: incentivesRequest({ body: GIFT_CARD, format: "json", times: tooMany.length }), answer: incentivesError({ error: throttled, operation: "CreateGiftCard", format: "json", config: inc }) }],
    },
    {
      id: "incentives-throttled-xml",
      title: "Throttling, XML",
      how: "the same, from a client that does not ask for JSON",
      source: `body: ${cite(throttlingRule.source)}; HTTP ${inc.throttleStatus}: UNVERIFIED, \`incentives.throttleStatus\``,
      cases: [{ request: incentivesRequest({ body: GIFT_CARD, format: "xml", times: tooMany.length }), answer: incentivesError({ error: throttled, operation: "CreateGiftCard", format: "xml", config: inc }) }],
    },
  ];

  // Amazon Pay: a checkout session, as the sandbox's objects make it.
  const resources = new PayResources(pay.expiry);
  const session = resources.run({ operation: "CreateCheckoutSession", params: {}, body: structuredClone(SESSION) as unknown as Record<string, unknown>, now: DEFAULT_EPOCH_MS });
  if (!session.ok) throw new Error(`the sample checkout session is refused: ${session.code}`);
  const sessionId = String(session.body.checkoutSessionId);
  const payError = (code: string) => {
    const error = row(amazonPayModel.errors, (e) => e.code === code, `Amazon Pay reason code ${code}`);
    return { error, cited: errorOf(error.id), status: pay.statusOverrides[code] ?? error.httpStatus ?? 400 };
  };
  const statusNote = (cited: CatalogueError, status: number) =>
    cited.statusSource ? `HTTP ${status}: ${cite(cited.statusSource)}, UNVERIFIED, \`amazonPay.statusOverrides\`` : `HTTP ${status}: ${cite(cited.source)}`;
  const invalidStatus = payError("InvalidCheckoutSessionStatus");
  const tooManyRequests = payError("TooManyRequests");
  const completePath = (amazonPayModel.operations.find((op) => op.id === "CompleteCheckoutSession")?.path ?? "").replace("{checkoutSessionId}", sessionId);
  const createPath = amazonPayModel.operations.find((op) => op.id === "CreateCheckoutSession")?.path ?? "";
  const successStatus = pay.successStatus.CreateCheckoutSession ?? 200;

  const amazonPay: AnswerSample[] = [
    {
      id: "amazon-pay-success",
      title: "Success: Create Checkout Session",
      how: `\`POST /sandbox/v2/${createPath}\` with a \`webCheckoutDetails\`, a \`storeId\` and 10.00 USD`,
      source: `fields: reference B8; HTTP ${successStatus}: UNVERIFIED, \`amazonPay.successStatus\`; ids are the sandbox's own`,
      cases: [{ request: payRequest({ operation: "CreateCheckoutSession", path: createPath, body: SESSION }), answer: json(session.body, successStatus) }],
    },
    {
      id: "amazon-pay-error",
      title: `Error: ${invalidStatus.error.code}`,
      how: `\`sandbox.next("CompleteCheckoutSession").answers("${invalidStatus.error.code}")\`, or completing a session that is Completed or Canceled (the message then names its state). Every reason code comes as \`{ reasonCode, message }\` with its status`,
      source: `reasonCode and message: ${cite(invalidStatus.cited.source)}; ${statusNote(invalidStatus.cited, invalidStatus.status)}; the shape: reference B5`,
      cases: [{ request: payRequest({ operation: "CompleteCheckoutSession", path: completePath, body: COMPLETE, faults: [{ kind: "error", code: invalidStatus.error.code }] }), answer: json({ reasonCode: invalidStatus.error.code, message: invalidStatus.error.message ?? invalidStatus.error.code }, invalidStatus.status) }],
    },
    {
      id: "amazon-pay-throttled",
      title: `Throttling: ${tooManyRequests.status} ${tooManyRequests.error.code}`,
      how: `\`sandbox.next("CreateCheckoutSession").answers("${tooManyRequests.error.code}")\` (the sandbox sets no rate limit of its own for Amazon Pay). \`answers(…, { retryAfterSeconds })\` adds a \`retry-after\``,
      source: `${cite(tooManyRequests.cited.source)}; the shape: reference B5`,
      cases: [{ request: payRequest({ operation: "CreateCheckoutSession", path: createPath, body: SESSION, faults: [{ kind: "error", code: tooManyRequests.error.code }] }), answer: json({ reasonCode: tooManyRequests.error.code, message: tooManyRequests.error.message ?? tooManyRequests.error.code }, tooManyRequests.status) }],
    },
  ];

  const onBoth = (fault: Fault, answer: SampleAnswer): SampleCase[] => [
    { request: incentivesRequest({ body: GIFT_CARD, format: "json", faults: [fault] }), answer },
    { request: payRequest({ operation: "CreateCheckoutSession", path: createPath, body: SESSION, faults: [fault] }), answer },
  ];
  const both: AnswerSample[] = [
    {
      id: "gateway-page",
      title: "Gateway page: HTML 503",
      how: '`sandbox.next(op).then({ kind: "gateway-html", status: 503, retryAfterSeconds: 30 })` (also 502 and 504; without `retryAfterSeconds` no `retry-after`). Lines end in CRLF',
      source: "UNVERIFIED: no document shows the page a proxy or load balancer in front of either API sends; this is nginx's form. A fault, not a setting",
      cases: onBoth({ kind: "gateway-html", status: 503, retryAfterSeconds: 30 }, { kind: "response", status: 503, contentType: "text/html", retryAfter: "30", body: gatewayPage(503) }),
    },
    {
      id: "network-error",
      title: "Network error",
      how: '`sandbox.next(op).then({ kind: "network-error" })`. Certification also schedules it',
      source: "faultproof's fault: the connection fails, as a network does",
      cases: onBoth({ kind: "network-error" }, { kind: "no-response", fault: "network-error" }),
    },
    {
      id: "timeout",
      title: "Timeout",
      how: '`sandbox.next(op).then({ kind: "hang" })`. Nothing answers until the client gives up (its `AbortSignal`, `AbortSignal.timeout`, its own timer) or the sandbox is `reset()`: under certification the clock is virtual, so a 30-second timeout takes no time',
      source: "faultproof's fault: an answer that never comes",
      cases: onBoth({ kind: "hang" }, { kind: "no-response", fault: "hang" }),
    },
  ];
  return { incentives, amazonPay, both };
}

const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
const xmlPrinter = new XMLBuilder({ ignoreAttributes: true, format: true, indentBy: "  ", suppressEmptyNode: false });

/** A sample as the page prints it: each distinct answer once. */
export function renderSample(sample: AnswerSample): RenderedSample {
  const seen = new Set<string>();
  const distinct = sample.cases.map((c) => c.answer).filter((answer) => {
    const key = JSON.stringify(answer);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ...sample, blocks: distinct.map(renderAnswer) };
}

function renderAnswer(answer: SampleAnswer): RenderedAnswer {
  if (answer.kind === "no-response") {
    const statusLine =
      answer.fault === "network-error"
        ? "**no response**: no status, no headers, no body. `fetch` rejects with a `TypeError`; the journal records status 0"
        : "**no response** until the client aborts; then `fetch` rejects with the signal's reason (an `AbortError`, or a `TimeoutError` from `AbortSignal.timeout`); the journal records status 0";
    return { statusLine, language: "", display: "", hasBody: false };
  }
  const retryAfter = answer.retryAfter === null ? "no `retry-after`" : `\`retry-after: ${answer.retryAfter}\``;
  const statusLine = `**${answer.status}** · \`content-type: ${answer.contentType}\` · ${retryAfter}`;
  return { statusLine, ...pretty(answer.contentType, answer.body), hasBody: true };
}

function pretty(contentType: string, body: string): { language: string; display: string } {
  if (/json/.test(contentType)) return { language: "json", display: JSON.stringify(JSON.parse(body), null, 2) };
  if (/xml/.test(contentType)) return { language: "xml", display: String(xmlPrinter.build(xmlParser.parse(body))).trimEnd() };
  return { language: "html", display: body.replace(/\r\n/g, "\n").trimEnd() };
}

/** The view the page's template reads. */
export function answersView(options: { catalogue: Catalogue; incentivesModel: IncentivesModel; amazonPayModel: AmazonPayModel }): AnswersView {
  const samples = answerSamples(options);
  return {
    epoch: new Date(DEFAULT_EPOCH_MS).toISOString(),
    sections: [
      { title: "Incentives API", samples: samples.incentives.map(renderSample) },
      { title: "Amazon Pay", samples: samples.amazonPay.map(renderSample) },
      { title: "Both APIs: what is in front of them", samples: samples.both.map(renderSample) },
    ],
  };
}
