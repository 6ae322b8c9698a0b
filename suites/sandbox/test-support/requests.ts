import type { Sandbox } from "../sandbox.js";

/** A partner id of the documented form: five letters, the first upper case. */
export const PARTNER_ID = "Fproo";

/** A valid body for each Incentives operation, before any mock code is placed. */
export function incentivesBody(operation: string, suffix = "0001"): Record<string, unknown> {
  const money = { currencyCode: "USD", amount: 10 };
  switch (operation) {
    case "CreateGiftCard":
      return { creationRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, value: money };
    case "CancelGiftCard":
      return { creationRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, gcId: "FPGC0000001" };
    case "ActivateGiftCard":
      return { activationRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, cardNumber: "3400000000004400616", value: money };
    case "DeactivateGiftCard":
      return { activationRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, cardNumber: "3400000000004400616" };
    case "ActivationStatusCheck":
      return { statusCheckRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, cardNumber: "3400000000004400616" };
    case "GetGiftCardActivityPage":
      return { requestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, utcStartDate: "2025-01-01T00:00:00", utcEndDate: "2027-01-01T00:00:00", pageIndex: 0, pageSize: 100, showNoOps: false };
    case "GetAvailableFunds":
      return { partnerId: PARTNER_ID };
    case "LoadAmazonBalance":
      return { loadBalanceRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, amount: { currencyCode: "USD", value: 10 }, account: { id: "amzn1.account.TEST", type: 1 }, timestamp: 1464933146000 };
    case "VoidAmazonBalanceLoad":
      return { loadBalanceRequestId: `${PARTNER_ID}${suffix}`, partnerId: PARTNER_ID, amount: { currencyCode: "USD", value: 10 }, account: { id: "amzn1.account.TEST", type: 1 } };
    default:
      throw new Error(`no sample body for ${operation}`);
  }
}

/** Puts `value` at a dotted path (`account.id`) of a copy of `body`. */
export function withField(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy;
}

/** POSTs to the NA sandbox host as the npm clients do (JSON), or as an XML client does. */
export function postIncentives(options: { operation: string; body: Record<string, unknown> | string; format: "json" | "xml"; host?: string }): Promise<Response> {
  const { operation, format } = options;
  const body = typeof options.body === "string" ? options.body : format === "json" ? JSON.stringify(options.body) : toXml(`${operation}Request`, options.body);
  const headers: Record<string, string> =
    format === "json"
      ? { accept: "application/json", "content-type": "application/json" }
      : { "content-type": "application/xml" };
  return fetch(`https://${options.host ?? "agcod-v2-gamma.amazon.com"}/${operation}`, {
    method: "POST",
    headers: { ...headers, "x-amz-date": "20260101T000000Z", "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}`, authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=host, Signature=abc" },
    body,
  });
}

function toXml(root: string, value: unknown): string {
  if (value === null || typeof value !== "object") return `<${root}>${String(value)}</${root}>`;
  return `<${root}>${Object.entries(value).map(([key, inner]) => toXml(key, inner)).join("")}</${root}>`;
}

/** Headers the official Node SDK sends, with a well-formed (unverified) signature. */
export function payHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    accept: "application/json",
    "content-type": "application/json",
    "x-amz-pay-date": "2026-01-01T00:00:00Z",
    "x-amz-pay-host": "pay-api.amazon.com",
    "x-amz-pay-region": "na",
    authorization: "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-TESTKEY, SignedHeaders=accept;content-type;x-amz-pay-date, Signature=c2lnbmF0dXJl",
    ...extra,
  };
}

/** Sends one Amazon Pay operation with sample ids and body. */
export function callAmazonPay(options: { sandbox: Sandbox; operation: string; body?: unknown; headers?: Record<string, string>; ids?: Record<string, string> }): Promise<Response> {
  const operation = options.sandbox.amazonPay.model.operations.find((op) => op.id === options.operation);
  if (!operation) throw new Error(`no Amazon Pay operation ${options.operation}`);
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => options.ids?.[name] ?? "S01-0000000-TEST");
  const hasBody = operation.method !== "GET";
  const headers = payHeaders({ ...(operation.method === "POST" ? { "x-amz-pay-idempotency-key": "key0001" } : {}), ...options.headers });
  return fetch(`https://pay-api.amazon.com/sandbox/v2/${path}`, {
    method: operation.method,
    headers,
    ...(hasBody ? { body: JSON.stringify(options.body ?? {}) } : {}),
  });
}
