/**
 * Headers whose values are credentials. They never reach the journal, a
 * report or a failure message: a test run's output is read by people and
 * kept by CI.
 */
const SECRET_HEADERS = new Set(["authorization", "x-amz-pay-authorization", "x-amz-security-token", "proxy-authorization", "cookie"]);

export const REDACTED = "[redacted]";

export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    out[name] = SECRET_HEADERS.has(name) ? redactAuthorization(value) : value;
  }
  return out;
}

/** Keeps the scheme and the public key id (useful to read), drops the signature and credential. */
function redactAuthorization(value: string): string {
  const scheme = /^[A-Z0-9-]+(?=\s)/.exec(value)?.[0];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}
