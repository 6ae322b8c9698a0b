import type { QuotedSentence } from "../../generator/sync/sync-page.js";
import { CITATIONS } from "../../suites/flows/citations.js";

/**
 * The sentences the model-based flows quote from Amazon's pages. They live in
 * suites/flows/citations.ts, not in the spec, and faultproof keeps no copy of
 * the pages: `faultproof sync` checks them against the page it is given,
 * beside the spec's own sections and quotes.
 */
export const FLOW_SENTENCES: readonly QuotedSentence[] = Object.entries(CITATIONS)
  .filter(([, citation]) => citation.doc !== "contract")
  .map(([name, citation]) => ({ file: "suites/flows/citations.ts", field: `CITATIONS.${name}`, doc: citation.doc, section: citation.section, quote: citation.quote }));
