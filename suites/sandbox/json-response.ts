import { HttpResponse } from "msw";

/**
 * What `HttpResponse.json` answers (status and its text, `content-type` unless
 * given, `content-length`, the JSON text) without the Blob it builds to count
 * the bytes: that Blob was most of the cost of every JSON answer.
 */
export function jsonResponse(body: unknown, init: { readonly status?: number; readonly headers?: Readonly<Record<string, string>> } = {}): Response {
  const text = JSON.stringify(body);
  return new HttpResponse(text, { ...init, headers: { "content-type": "application/json", ...init.headers, "content-length": String(Buffer.byteLength(text)) } });
}
