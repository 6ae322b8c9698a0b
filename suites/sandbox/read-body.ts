/**
 * Reads a request body up to a limit, so a huge upload is refused after
 * `maxBytes` instead of being buffered whole.
 */
export type BodyText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: "too-large" };

export async function readBody(options: { request: Request; maxBytes: number }): Promise<BodyText> {
  const { request, maxBytes } = options;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: MSW clones the request, and one clone's cancel waits for the other's.
      void reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
