import type { Sandbox } from "./sandbox.js";

/** Why a request to a host the sandbox does not serve is refused. */
export const NOT_SERVED = "not an Amazon Pay or Incentives API request; the sandbox sends nothing to the network";

/** Journals and prints a request or connection outside the sandbox; returns how it is named. */
export function announceOutside(sandbox: Sandbox, request: { readonly method: string; readonly url: string }): string {
  // Not MSW's own message: it prints the whole URL, and a presigned URL's query carries credentials.
  const named = sandbox.journal.recordOutside(request);
  process.stderr.write(`faultproof: ${named} is ${NOT_SERVED}\n`);
  return named;
}

/**
 * Journals what the sandbox refused (`GET https://host/path`, `CONNECT
 * tcp://host:port`, …), prints it, and returns the error the client sees: it
 * names what was refused, as the journal does, and says why. ECONNREFUSED, as
 * a connection nobody listens to gives, so the client's own handling of
 * network errors runs.
 */
export function refuseOutside(sandbox: Sandbox, target: { readonly method: string; readonly url: string }, why: string): Error & { code: string } {
  const named = sandbox.journal.recordOutside(target);
  const error = Object.assign(new Error(`faultproof: ${named} refused; ${why}`), { code: "ECONNREFUSED" });
  process.stderr.write(`${error.message}\n`);
  return error;
}

/** `host` as a URL spells it: an IPv6 address in brackets. */
export function urlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
