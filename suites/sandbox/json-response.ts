import { STATUS_CODES } from "node:http";

/**
 * What `HttpResponse.json` answers (status and its text, `content-type` unless
 * given, `content-length`, the JSON text) without the Blob it builds to count
 * the bytes, nor the header copies of MSW's Response subclass: together most
 * of the cost of every JSON answer. The sandbox's statuses are all ordinary
 * (200-599), which a plain Response carries.
 */
export function jsonResponse(body: unknown, init: { readonly status?: number; readonly headers?: Readonly<Record<string, string>> } = {}): Response {
  const text = JSON.stringify(body);
  const status = init.status ?? 200;
  return new Response(text, { status, statusText: STATUS_CODES[status] ?? "", headers: { "content-type": "application/json", ...init.headers, "content-length": String(Buffer.byteLength(text)) } });
}
