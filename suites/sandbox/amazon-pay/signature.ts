import { authorizationFields } from "../authorization-fields.js";
import { constants, createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import type { SandboxContext } from "../context.js";
import type { AmazonPayPublicKey } from "../credentials.js";

/**
 * Amazon Pay's request signature (reference B3, Amazon's "Signing requests"
 * page): a canonical request of the method, the path, the sorted query, the
 * signed headers and the payload's SHA-256; a string to sign of the algorithm
 * and the canonical request's SHA-256; RSASSA-PSS with SHA-256 and a salt of
 * 32 bytes (V2) or 20, Base64 encoded, in
 * `authorization: <ALGO> PublicKeyId=…, SignedHeaders=…, Signature=…`.
 */
const SALT_LENGTH: Readonly<Record<string, number>> = { "AMZN-PAY-RSASSA-PSS-V2": 32, "AMZN-PAY-RSASSA-PSS": 20 };

/** Why a request is refused: the reason code of seed 000 and the message, which says what was wrong. */
export interface PayRefusal {
  readonly code: string;
  readonly message: string;
}

/**
 * Checks the signature of an Amazon Pay request against the configured
 * public keys, on the sandbox's clock. A missing header is MissingHeaderValue,
 * a malformed or stale x-amz-pay-date InvalidHeaderValue, an unknown public
 * key id UnauthorizedAccess, and any fault of the signature itself
 * InvalidRequestSignature (seed 000; the settings say which are UNVERIFIED).
 */
export class PaySignatures {
  readonly #keys = new Map<string, KeyObject | Error>();

  constructor(private readonly context: SandboxContext) {}

  /** Why the request is refused; undefined when it is signed as Amazon Pay requires, or when checking is off. */
  refuse(options: { request: Request; bodyText: string }): PayRefusal | undefined {
    const { config } = this.context;
    if (!config.verifySignatures) return undefined;
    const { request } = options;
    const settings = config.amazonPay.signature;
    const authorization = request.headers.get("authorization");
    if (authorization === null) return { code: "MissingHeaderValue", message: "The header authorization is missing" };
    const parsed = parseAuthorization(authorization);
    if ("problem" in parsed) return invalid(parsed.problem);
    const known = config.credentials.amazonPay.find((candidate) => candidate.publicKeyId === parsed.publicKeyId);
    // The key id is not repeated: an answer's text may end up in a report.
    if (!known) return { code: settings.unknownKeyCode, message: "The public key id is none of the sandbox's credentials.amazonPay" };

    const date = request.headers.get("x-amz-pay-date");
    if (date === null) return { code: "MissingHeaderValue", message: "The header x-amz-pay-date is missing" };
    const signedAt = parsePayDate(date);
    if (signedAt === undefined) return { code: "InvalidHeaderValue", message: `x-amz-pay-date ${JSON.stringify(date)} is not an ISO 8601 time (2019-09-23T23:19:08Z or 20190923T231908Z)` };
    const now = this.context.clock.now();
    if (Math.abs(now - signedAt) > settings.maxSkewMs) {
      return { code: settings.staleDateCode, message: `x-amz-pay-date ${date} is more than ${settings.maxSkewMs / 1000} s from the time of the request (${new Date(now).toISOString()})` };
    }
    const unsigned = settings.requiredSignedHeaders.filter((name) => !parsed.signedHeaders.includes(name));
    if (unsigned.length > 0) return invalid(`the signature does not cover ${unsigned.join(", ")}`);
    const absent = parsed.signedHeaders.filter((name) => request.headers.get(name) === null);
    if (absent.length > 0) return { code: "MissingHeaderValue", message: `The signed headers ${absent.join(", ")} are missing` };
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(parsed.signature)) return invalid("the Signature is not Base64");

    const key = this.#publicKey(known);
    if (key instanceof Error) return { code: settings.unknownKeyCode, message: `The public key of ${known.publicKeyId} in the sandbox's credentials.amazonPay cannot be read: ${key.message}` };
    const url = new URL(request.url);
    const stringToSign = `${parsed.algorithm}\n${sha256Hex(canonicalRequest({ request, url, signedHeaders: parsed.signedHeaders, signedHeaderList: parsed.signedHeaderList, payload: options.bodyText }))}`;
    const valid = verify("sha256", Buffer.from(stringToSign, "utf8"), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: SALT_LENGTH[parsed.algorithm]! }, Buffer.from(parsed.signature, "base64"));
    return valid ? undefined : invalid("the signature does not match the request under the key id's public key (another private key, or headers or body changed after signing)");
  }

  #publicKey(entry: AmazonPayPublicKey): KeyObject | Error {
    let key = this.#keys.get(entry.publicKey);
    if (!key) {
      try {
        key = createPublicKey(entry.publicKey);
      } catch (error) {
        key = error instanceof Error ? error : new Error(String(error));
      }
      this.#keys.set(entry.publicKey, key);
    }
    return key;
  }
}

function invalid(problem: string): PayRefusal {
  return { code: "InvalidRequestSignature", message: `The signature in the Authorization header is invalid: ${problem}` };
}

/** The parts of the Authorization header, or why it is none of Amazon Pay's. */
export function parseAuthorization(value: string): { algorithm: string; publicKeyId: string; signedHeaders: readonly string[]; signedHeaderList: string; signature: string } | { problem: string } {
  const { algorithm, fields } = authorizationFields(value);
  if (algorithm === undefined || SALT_LENGTH[algorithm] === undefined) return { problem: `the algorithm ${JSON.stringify(algorithm)} is neither AMZN-PAY-RSASSA-PSS-V2 nor AMZN-PAY-RSASSA-PSS` };
  const publicKeyId = fields.get("PublicKeyId");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!publicKeyId || !signedHeaders || !signature) return { problem: "it lacks PublicKeyId, SignedHeaders or Signature" };
  // The list as sent goes into the canonical request; its lower-case names say which headers to read.
  return { algorithm, publicKeyId, signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()), signedHeaderList: signedHeaders, signature };
}

/**
 * Reference B3: `METHOD\n/<path>\n<sorted query>\n<lower-case "name:value\n" per
 * signed header>\n<signed header names>\n<hex sha256(payload)>`.
 */
function canonicalRequest(options: { request: Request; url: URL; signedHeaders: readonly string[]; signedHeaderList: string; payload: string }): string {
  const { url } = options;
  const query = [...url.searchParams]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join("&");
  const headers = options.signedHeaders.map((name) => `${name}:${(options.request.headers.get(name) ?? "").trim()}\n`).join("");
  return [options.request.method.toUpperCase(), url.pathname, query, headers, options.signedHeaderList, sha256Hex(options.payload)].join("\n");
}

/** x-amz-pay-date in either ISO 8601 form (reference B3: the doc's basic, the Node SDK's extended), as epoch milliseconds. */
export function parsePayDate(value: string): number | undefined {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const extended = value.includes("-") || value.includes(":");
  if (extended && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(time);
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60 ? time : undefined;
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
