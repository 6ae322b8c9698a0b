import { authorizationFields } from "../authorization-fields.js";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * AWS Signature Version 4 as the Incentives API uses it (reference A2:
 * `AWS4-HMAC-SHA256`, scope `<yyyymmdd>/<region>/AGCODService/aws4_request`),
 * computed from the request as it arrived, so that the sandbox can check a
 * signature the way the service does.
 */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly scope: { readonly date: string; readonly region: string; readonly service: string; readonly terminator: string };
  /** The signed header names, lower case: which headers to read. */
  readonly signedHeaders: readonly string[];
  /** The SignedHeaders list as sent: what the canonical request carries. */
  readonly signedHeaderList: string;
  readonly signature: string;
}

/** The header's parts, or why it is not a SigV4 Authorization header. */
export function parseSigV4Authorization(value: string): SigV4Authorization | { readonly problem: string } {
  const { algorithm, fields } = authorizationFields(value);
  if (algorithm !== SIGV4_ALGORITHM) return { problem: `the Authorization header's algorithm is ${JSON.stringify(algorithm)}, not ${SIGV4_ALGORITHM}` };
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) return { problem: "the Authorization header lacks Credential, SignedHeaders or Signature" };
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((part) => part === "")) return { problem: `the Credential ${JSON.stringify(credential.replace(/^[^/]*/, "<access key>"))} is not <access key>/<yyyymmdd>/<region>/<service>/aws4_request` };
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (!/^[0-9a-f]{64}$/.test(signature)) return { problem: "the Signature is not 64 lower-case hexadecimal digits" };
  return { accessKeyId, scope: { date, region, service, terminator }, signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()), signedHeaderList: signedHeaders, signature };
}

/**
 * The canonical request (method, URI, query, headers, signed header names,
 * payload hash). The path is normalised and each segment encoded once more,
 * as SigV4 does for every service but S3.
 */
export function canonicalRequest(options: { method: string; url: URL; signedHeaders: readonly string[]; signedHeaderList: string; headerValue: (name: string) => string; payload: string }): string {
  const { url, signedHeaders } = options;
  const query = [...url.searchParams]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const headers = signedHeaders.map((name) => `${name}:${options.headerValue(name).trim().replace(/\s+/g, " ")}\n`).join("");
  return [options.method.toUpperCase(), canonicalPath(url.pathname), query, headers, options.signedHeaderList, sha256Hex(options.payload)].join("\n");
}

/** The signature of a canonical request under a secret, for the scope and time given. */
export function sigV4Signature(options: { secretAccessKey: string; amzDate: string; scope: SigV4Authorization["scope"]; canonical: string }): string {
  const { scope } = options;
  const scopeText = [scope.date, scope.region, scope.service, scope.terminator].join("/");
  const stringToSign = [SIGV4_ALGORITHM, options.amzDate, scopeText, sha256Hex(options.canonical)].join("\n");
  let key: Buffer = hmac(`AWS4${options.secretAccessKey}`, scope.date);
  for (const part of [scope.region, scope.service, scope.terminator]) key = hmac(key, part);
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

/** Compares two hexadecimal signatures in constant time. */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `20260101T000000Z` as epoch milliseconds, or undefined when it is no such time. */
export function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(time);
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60 ? time : undefined;
}

function canonicalPath(pathname: string): string {
  const segments: string[] = [];
  for (const segment of pathname.replace(/\/{2,}/g, "/").split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== ".") segments.push(encodeRfc3986(segment));
  }
  const path = segments.join("/");
  return path.startsWith("/") ? path : `/${path}`;
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
