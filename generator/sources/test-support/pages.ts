import { readFileSync } from "node:fs";

/*
 * Small pages written for the tests, in the layouts Amazon publishes its error
 * pages in: a few rows each, headings and the sentences the test spec
 * (generator/sync/test-support/spec/) cites. They are not copies of Amazon's
 * pages, which faultproof does not keep.
 */
const page = (name: string) => readFileSync(new URL(`./pages/${name}`, import.meta.url), "utf8");

export const PAGES = {
  /** Amazon Pay "Manage errors": a status line, the reason code, then the description's paragraphs, per row. */
  payErrors: page("pay-errors.txt"),
  /** Amazon Pay "Frequently asked questions": `Q: Why is <Operation> returning an <Code> error response?` and its answer. */
  payFaq: page("pay-faq.txt"),
  /** The Incentives "Errors and Mock Errors" page as its English page renders: a row's first cell on a line of its own, then `message | Mock: F2000 |`. */
  incentives: page("incentives-errors.txt"),
  /** The same page as pipe tables, one row a line, as its HTML's tables read. */
  incentivesPipe: page("incentives-errors-pipe.txt"),
} as const;

/** The line a page carries at its top when it is shown to a visitor of another locale. */
export const LOCALE_BANNER = "Merci de votre visite. Cette page n’est disponible qu’en anglais pour le moment.\n\n";

/** `text` with `replace` replaced; it must occur exactly once, so a fixture cannot silently stop testing. */
export function edit(text: string, replace: string, by: string): string {
  const count = text.split(replace).length - 1;
  if (count !== 1) throw new Error(`fixture: ${JSON.stringify(replace)} occurs ${count} times`);
  return text.replace(replace, () => by);
}
