import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { JournalEntry } from "../journal.js";

/**
 * Reading what the sandbox answered, whatever the wire format, so a test can
 * say "errorType is X" once for JSON and XML alike.
 */
export interface ReadAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly format: "json" | "xml" | "other";
  /** The XML root element; undefined for JSON. */
  readonly root?: string;
  /** The JSON object, or the content of the XML root element. */
  readonly body: Record<string, unknown>;
  readonly text: string;
  readonly headers: Headers;
}

// Values stay strings, as a client reading the XML sees them.
const xml = new XMLParser({ parseTagValue: false });

export async function readAnswer(response: Response): Promise<ReadAnswer> {
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  const common = { status: response.status, contentType, text, headers: response.headers };
  if (/json/i.test(contentType)) return { ...common, format: "json", body: asRecord(JSON.parse(text)) };
  if (/xml/i.test(contentType)) {
    const parsed = asRecord(xml.parse(text));
    const [root] = Object.keys(parsed);
    if (root === undefined) throw new Error(`an XML answer without a root element: ${text}`);
    return { ...common, format: "xml", root, body: asRecord(parsed[root]) };
  }
  return { ...common, format: "other", body: {} };
}

export function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

/** True when `text` parses as JSON. */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** True when `text` is a well-formed XML document. */
export function isXml(text: string): boolean {
  return XMLValidator.validate(text) === true;
}

/** A SigV4 Authorization header as the npm Incentives clients send it; the secret parts are recognisable. */
export const SIGV4_AUTHORIZATION =
  "AWS4-HMAC-SHA256 Credential=AKIASECRETACCESSKEYID/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date;x-amz-target, Signature=5ec12e7deadbeef0secretsignature";

/**
 * POSTs a raw body to an Incentives operation with the headers a JSON client
 * sends; `headers` overrides them, and a header set to null is left out.
 */
export function sendIncentives(options: {
  operation: string;
  body: string | ReadableStream<Uint8Array>;
  headers?: Readonly<Record<string, string | null>>;
  host?: string;
  signal?: AbortSignal;
}): Promise<Response> {
  const merged: Record<string, string | null> = {
    accept: "application/json",
    "content-type": "application/json",
    "x-amz-date": "20260101T000000Z",
    "x-amz-target": `com.amazonaws.agcod.AGCODService.${options.operation}`,
    authorization: SIGV4_AUTHORIZATION,
    ...options.headers,
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== null) headers[name] = value;
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    headers,
    body: options.body,
    ...(typeof options.body === "string" ? {} : { duplex: "half" }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return fetch(`https://${options.host ?? "agcod-v2-gamma.amazon.com"}/${options.operation}`, init);
}

/** The XML a client such as Incenteev's sends: `<OperationRequest>` with the fields as elements. */
export function toXmlRequest(operation: string, body: Record<string, unknown>): string {
  return element(`${operation}Request`, body);
}

function element(name: string, value: unknown): string {
  if (value === null || typeof value !== "object") return `<${name}>${String(value)}</${name}>`;
  return `<${name}>${Object.entries(value).map(([key, inner]) => element(key, inner)).join("")}</${name}>`;
}

/** Resolves to "pending" if `promise` has not settled within `ms` of real time. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<"settled" | "pending"> {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<"pending">((resolve) => (timer = setTimeout(() => resolve("pending"), ms)));
  const settled = promise.then(
    () => "settled" as const,
    () => "settled" as const,
  );
  try {
    return await Promise.race([settled, pending]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the journal says about an answer, in the fields the rules speak of:
 * status, code, how it came about and which fault. Other fields (such as the
 * spec row's id) are left out so a test states exactly what it checks.
 */
export function outcome(entry: JournalEntry | undefined): { status: number; code?: string; by: string; fault?: string } | undefined {
  if (!entry) return undefined;
  const { status, code, by, fault } = entry.response;
  return { status, ...(code === undefined ? {} : { code }), by, ...(fault === undefined ? {} : { fault }) };
}
