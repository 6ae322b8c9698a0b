import { HttpResponse } from "msw";
import type { SandboxConfig } from "../config.js";
import { retryAfter } from "../fault-response.js";
import { jsonResponse } from "../json-response.js";
import type { SandboxError } from "../model.js";
import { buildXml, parseXml } from "../xml.js";

export type Format = "json" | "xml";

/**
 * The answer's format: JSON when the client accepts it, else the configured
 * default (XML, as inferred from clients that had to force JSON).
 */
export function responseFormat(options: { request: Request; config: SandboxConfig["incentives"] }): Format {
  const accept = options.request.headers.get("accept") ?? "";
  if (/application\/json/i.test(accept)) return "json";
  if (/xml/i.test(accept)) return "xml";
  return options.config.defaultFormat;
}

export type Decoded = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly reason: string };

/** The request body as an object, from JSON or from `<OperationRequest>` XML. */
export function decodeBody(options: { text: string; contentType: string; operation: string }): Decoded {
  const { text, operation } = options;
  if (text.trim() === "") return { ok: false, reason: "empty body" };
  const looksXml = /xml/i.test(options.contentType) || text.trimStart().startsWith("<");
  if (looksXml) {
    const xml = parseXml(text);
    if (!xml.ok) return { ok: false, reason: xml.reason };
    if (xml.root !== `${operation}Request`) return { ok: false, reason: `root element <${xml.root}> is not <${operation}Request>` };
    return { ok: true, body: isRecord(xml.value) ? xml.value : {} };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? { ok: true, body: parsed } : { ok: false, reason: "the body is not a JSON object" };
  } catch {
    return { ok: false, reason: "not valid JSON" };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function successResponse(options: { operation: string; format: Format; body: Record<string, unknown> }): Response {
  if (options.format === "json") return jsonResponse(options.body, { status: 200 });
  return xmlResponse(buildXml(`${options.operation}Response`, options.body), 200);
}

/**
 * A documented error in the shapes of seed 003 (XML) and of captured sandbox
 * answers (JSON): `errorCode`, `errorType`, `message`, `agcodResponse.status`
 * (RESEND for F400). Balance-load answers use the LoadAmazonBalanceException
 * shape the seed shows.
 */
export function errorResponse(options: {
  error: SandboxError;
  operation: string;
  family: string | undefined;
  format: Format;
  config: SandboxConfig["incentives"];
  retryAfterSeconds?: number;
}): Response {
  const headers = retryAfter(options.retryAfterSeconds);
  const parts = errorParts(options);
  return parts.format === "json" ? jsonResponse(parts.body, { status: parts.status, headers }) : xmlResponse(parts.xml, parts.status, headers);
}

/** An error answer's status and body, before it is a Response: what generated/ANSWERS.md prints. */
export type ErrorParts = { readonly status: number } & ({ readonly format: "json"; readonly body: Readonly<Record<string, unknown>> } | { readonly format: "xml"; readonly xml: string });

export function errorParts(options: { error: SandboxError; operation: string; family: string | undefined; format: Format; config: SandboxConfig["incentives"] }): ErrorParts {
  const { error, operation, format, config } = options;
  if (error.errorClass === "Throttled") {
    return format === "json"
      ? { status: config.throttleStatus, format, body: config.throttleJson }
      : { status: config.throttleStatus, format, xml: buildXml("ThrottlingException", { Message: error.message ?? "Rate exceeded" }) };
  }
  const errorCode = error.errorClass ?? "F500";
  const status = error.status ?? "FAILURE";
  const message = error.message ?? config.fallbackMessages[errorCode] ?? "General Error";
  const httpStatus = config.errorStatus[errorCode] ?? 400;
  if (options.family === "balance-load") {
    const body = { errorCode, errorType: error.code, errorMessage: message, status };
    return format === "json" ? { status: httpStatus, format, body } : { status: httpStatus, format, xml: buildXml(config.xmlErrorRoot.balanceLoad, body) };
  }
  if (format === "json") {
    // Captured CreateGiftCard errors carry the success fields as nulls (reference A5); other operations' shapes are unverified.
    const nulls = operation === "CreateGiftCard" ? { cardInfo: null, creationRequestId: null, gcClaimCode: null, gcExpirationDate: null, gcId: null } : {};
    const agcodResponse = { __type: `${operation}Response:http://internal.amazon.com/coral/com.amazonaws.agcod/`, ...nulls, status };
    return { status: httpStatus, format, body: { agcodResponse, errorCode, errorType: error.code, message } };
  }
  const validation = /Input$/.test(error.code);
  const body = validation
    ? { errorType: error.code, agcodResponse: { status }, errorCode, Message: message }
    : { agcodResponse: { status }, errorType: error.code, errorCode, Message: message };
  return { status: httpStatus, format, xml: buildXml(validation ? config.xmlErrorRoot.validation : config.xmlErrorRoot.other, body) };
}

function xmlResponse(xml: string, status: number, headers: Record<string, string> = {}): Response {
  return new HttpResponse(xml, { status, headers: { "content-type": "application/xml", ...headers } });
}
