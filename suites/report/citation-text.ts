import type { Advice, Citation } from "../oracles/citation.js";

const STRENGTH: Readonly<Record<Citation["strength"], string>> = {
  requires: "the document requires",
  should: "the document says you should",
  recommends: "the document recommends",
  states: "the document states",
  contract: "faultproof's adapter contract",
};

/** The sentence a verdict enforces, as one line: how strongly, the quote, and where it is. */
export function citationText(citation: Citation): string {
  return `${STRENGTH[citation.strength] ?? citation.strength}: “${citation.quote}” — ${citation.title}, “${citation.section}”${citation.url ? ` (${citation.url})` : ""}`;
}

/** Advice as one line; it never fails a case. */
export function adviceText(advice: Advice): string {
  return `advice (${advice.rule}, not scored): ${advice.message}`;
}
