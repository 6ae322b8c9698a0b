import type { CertificationReport } from "./report.js";

/**
 * The last guard before a report reaches people and CI logs: whatever a journal
 * or a message carries, no renderer prints a credential. The sandbox already
 * redacts what it records; this also covers reports written by older versions,
 * by other tools, or edited by hand.
 */

/** The same marker the sandbox's journal uses. */
export const REDACTED = "[redacted]";

/** Headers whose values are credentials, compared without case. */
const SECRET_HEADERS = new Set(["authorization", "x-amz-pay-authorization", "x-amz-security-token"]);

/** Keys (compared without case, `_` and `-`) whose string values are secrets: AWS secret keys, session tokens, private keys. */
const SECRET_KEYS = new Set(["awssecretaccesskey", "secretaccesskey", "secretkey", "sessiontoken", "awssessiontoken", "securitytoken", "privatekey"]);

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[-_]/g, "");

/** Text patterns, each replaced wherever it appears in any string (values and object keys). */
const TEXT_RULES: readonly { readonly pattern: RegExp; readonly replace: (match: string, ...groups: string[]) => string }[] = [
  // A PEM private key, whole; one cut short (no END line) is redacted to the end of the text.
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\s\S]*$)/g, replace: () => "[redacted private key]" },
  // A secret key after its name: `aws_secret_access_key = …`, `"secretKey": "…"`.
  {
    pattern: /(aws_secret_access_key|secret_?access_?key|secret_?key)(["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    replace: (_match, name = "", separator = "") => `${name}${separator}${REDACTED}`,
  },
  // A session token after its name, as an SDK's credentials print it: `"sessionToken":"…"`, `aws_session_token = …`.
  {
    pattern: /(session_?token|security_?token)(["']?\s*[:=]\s*["']?)(?!\[redacted)[A-Za-z0-9/+=]{16,}/gi,
    replace: (_match, name = "", separator = "") => `${name}${separator}${REDACTED}`,
  },
  // An access key id (long-lived AKIA…, temporary ASIA…).
  { pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g, replace: () => REDACTED },
  // A credential header written out as text, e.g. in a raw request dump or as JSON text.
  {
    pattern: /\b(x-amz-pay-authorization|x-amz-security-token|authorization)(["']?\s*:\s*)(?:(["'])[^"'\r\n]*\3|[^\r\n]*)/gi,
    replace: (_match, name = "", separator = "", quote = "") => `${name}${separator}${quote}${REDACTED}${quote}`,
  },
  // The signature part of an Authorization header or a presigned URL (`X-Amz-Signature=`), and credentials as query parameters.
  { pattern: /\b(Signature=|X-Amz-Security-Token=|Authorization=)[^\s,;&"']+/gi, replace: (_match, name = "") => `${name}${REDACTED}` },
];

export function redactText(text: string): string {
  let out = text;
  for (const rule of TEXT_RULES) out = out.replace(rule.pattern, rule.replace);
  return out;
}

/**
 * A deep copy of `value` with every credential redacted: values of credential
 * headers and secret-key fields (in objects, and in `[name, value]` pairs), and
 * anything in any string that looks like a private key, an access key id, a
 * secret key after its name, or a signature.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, new Set()) as T;
}

function walk(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (ancestors.has(value)) return "[circular]";
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: readonly unknown[] = value;
      const [name, secret] = items;
      if (items.length === 2 && typeof name === "string" && typeof secret === "string" && isSecretName(name)) {
        return [redactText(name), redactSecretValue(name, secret)];
      }
      return items.map((inner) => walk(inner, ancestors));
    }
    // fromEntries defines own properties, so a `__proto__` key stays a key.
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [redactText(key), typeof inner === "string" && isSecretName(key) ? redactSecretValue(key, inner) : walk(inner, ancestors)]),
    );
  } finally {
    ancestors.delete(value);
  }
}

function isSecretName(key: string): boolean {
  return SECRET_HEADERS.has(key.toLowerCase()) || SECRET_KEYS.has(normaliseKey(key));
}

/** An Authorization header keeps its scheme (useful to read); every other secret goes whole. */
function redactSecretValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  const scheme = lower === "authorization" || lower === "x-amz-pay-authorization" ? /^[A-Za-z][A-Za-z0-9-]{0,39}(?=\s)/.exec(value)?.[0] : undefined;
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

/** The report with every credential redacted; every renderer starts here. */
export function redactReport(report: CertificationReport): CertificationReport {
  return redactDeep(report);
}
