/**
 * A documentation page read from its address, for `faultproof sync <url>`:
 * Node's fetch, redirects followed by hand (so that a loop and a long chain
 * are told apart and named), one timeout over the whole exchange, and only
 * an HTML or text answer taken. Problems are values: a one-line reason.
 */

export type FetchedPage = { readonly ok: true; readonly content: string; readonly address: string } | { readonly ok: false; readonly reason: string };

/** The redirects followed before giving up. */
export const MAX_REDIRECTS = 10;

/** The answers taken as a page: its HTML, or its text form. */
const PAGE_TYPES = new Set(["text/html", "application/xhtml+xml", "text/plain"]);

export function isAddress(page: string): boolean {
  return /^https?:\/\//i.test(page);
}

export async function fetchPage(options: { address: string; timeoutMs: number; maxRedirects?: number }): Promise<FetchedPage> {
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const seconds = `${Number((options.timeoutMs / 1000).toFixed(3))} s`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const visited = [options.address];
  let address = options.address;
  try {
    for (;;) {
      const response = await fetch(address, { redirect: "manual", signal, headers: { accept: "text/html, application/xhtml+xml, text/plain;q=0.9" } });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (!location) return { ok: false, reason: `HTTP ${response.status} redirect without a Location header` };
        const next = new URL(location, address).href;
        if (!isAddress(next)) return { ok: false, reason: `redirected to ${next}, which is not an http(s) address` };
        if (visited.includes(next)) return { ok: false, reason: `redirect loop (${[...visited.slice(visited.indexOf(next)), next].join(" → ")})` };
        if (visited.length > maxRedirects) return { ok: false, reason: `more than ${maxRedirects} redirects (the last to ${next})` };
        visited.push(next);
        address = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${address === options.address ? "" : ` from ${address}`}` };
      }
      const type = response.headers.get("content-type");
      const mediaType = type?.split(";")[0]!.trim().toLowerCase();
      if (!mediaType || !PAGE_TYPES.has(mediaType)) {
        await response.body?.cancel();
        return { ok: false, reason: type ? `the answer is ${mediaType}, not an HTML or text page` : "the answer has no content type, so it is not known to be an HTML or text page" };
      }
      return { ok: true, content: await response.text(), address };
    }
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: `no answer within ${seconds}` };
    return { ok: false, reason: networkReason(error) };
  }
}

/** What undici's "fetch failed" was, from its cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was closed before the answer was complete";
  if (code) return code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
