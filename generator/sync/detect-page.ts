import { htmlToText, looksLikeHtml } from "./html-to-text.js";
import { PAGE_KINDS, PROSE_PAGES, type PageKind, type PageRow } from "./page-kinds.js";

export interface DetectedPage {
  readonly kind: PageKind;
  /** The page's text form: what the readers read, what citations are checked against and what the digest is of. */
  readonly text: string;
  readonly rows: readonly PageRow[];
}

export type Detection = { readonly ok: true; readonly page: DetectedPage } | { readonly ok: false; readonly message: string };

/**
 * Which page this is, by its content alone (a saved page's file name says
 * nothing): the kind whose marks it carries and whose reader finds rows in
 * it. HTML is turned into the text form first.
 */
export function detectPage(options: { name: string; content: string }): Detection {
  const text = pageText(options.content);
  const found = PAGE_KINDS.filter((kind) => kind.marked(text)).flatMap((kind) => {
    const rows = kind.read(text);
    return rows.length > 0 ? [{ kind, text, rows }] : [];
  });
  if (found.length === 1) return { ok: true, page: found[0]! };
  const known = PAGE_KINDS.filter((kind) => !PROSE_PAGES.includes(kind)).map((kind) => `"${kind.title}"`).join(", ");
  if (found.length === 0) return { ok: false, message: `${options.name} is not a page faultproof can sync: no error table of ${known} found in it` };
  return { ok: false, message: `${options.name} reads as more than one page (${found.map((f) => `"${f.kind.title}"`).join(", ")}); sync one page at a time` };
}

/** A page's text form: HTML turned into text, text as it is. */
export function pageText(content: string): string {
  return looksLikeHtml(content) ? htmlToText(content) : content;
}

/**
 * A page of prose known by the address it was fetched from: spec/sources.yaml
 * names a document at that address whose title is one of the prose pages'.
 */
export function detectProsePage(options: { content: string; address: string | undefined; sources: readonly { readonly title: string; readonly url?: string }[] }): DetectedPage | undefined {
  if (options.address === undefined) return undefined;
  const doc = options.sources.find((source) => source.url === options.address);
  const kind = doc ? PROSE_PAGES.find((page) => page.title === doc.title) : undefined;
  return kind ? { kind, text: pageText(options.content), rows: [] } : undefined;
}
