import { HttpResponse } from "msw";
import type { Fault } from "./faults.js";

/**
 * Turns a transport-level fault into what the client sees. Documented errors
 * are rendered by each API's engine; these are the faults that look the same
 * for every API.
 */
export async function transportFault(options: {
  fault: Exclude<Fault, { kind: "error" } | { kind: "pass" } | { kind: "truncated-body" } | { kind: "state" }>;
  signal: AbortSignal;
  /** Resolves when the sandbox is reset, so a hang never outlives its test. */
  released: Promise<void>;
}): Promise<Response> {
  const { fault } = options;
  switch (fault.kind) {
    case "network-error":
      return HttpResponse.error();
    case "hang":
      await new Promise<void>((resolve) => {
        if (options.signal.aborted) return resolve();
        options.signal.addEventListener("abort", () => resolve(), { once: true });
        void options.released.then(resolve);
      });
      return HttpResponse.error();
    case "status":
      return new HttpResponse(fault.body ?? "", {
        status: fault.status,
        headers: { ...(fault.contentType ? { "content-type": fault.contentType } : {}), ...retryAfter(fault.retryAfterSeconds) },
      });
    case "malformed-body":
      return new HttpResponse('{"status":"SUCCESS",', { status: fault.status ?? 200, headers: { "content-type": "application/json" } });
    case "gateway-html":
      return new HttpResponse(gatewayPage(fault.status), { status: fault.status, headers: { "content-type": "text/html", ...retryAfter(fault.retryAfterSeconds) } });
  }
}

export function retryAfter(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { "retry-after": String(seconds) };
}

/** The normal answer with its body cut in half: the client reads a broken document. */
export async function truncate(response: Response): Promise<Response> {
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new HttpResponse(text.slice(0, Math.floor(text.length / 2)), { status: response.status, headers });
}

/** The HTML page a gateway in front of the API sends (the gateway-html fault; generated/ANSWERS.md prints it). */
export function gatewayPage(status: number): string {
  const title = { 502: "502 Bad Gateway", 503: "503 Service Temporarily Unavailable", 504: "504 Gateway Time-out" }[status] ?? `${status}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}
