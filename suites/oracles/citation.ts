/**
 * The sentence of a document a verdict enforces. A failing verdict always
 * carries one: a rule with no sentence behind it can only give advice.
 */
export interface Citation {
  /** The document's id in spec/sources.yaml ("000", "002", "003", "reference"), or "contract" for faultproof's adapter contract. */
  readonly doc: string;
  readonly title: string;
  readonly section: string;
  /** The sentence, quoted short, as the document words it. */
  readonly quote: string;
  /** How strongly the document words it: what a reader weighs the verdict by. */
  readonly strength: Strength;
  readonly url?: string;
}

/**
 * "requires" / "must": the document demands it. "should": the document tells
 * you to. "recommends": the document recommends it. "states": the document
 * states a fact the verdict follows from (a code's meaning, an answer's status).
 * "contract": faultproof's adapter contract, without which nothing can be judged.
 */
export type Strength = "requires" | "should" | "recommends" | "states" | "contract";

/** Something the documents leave open, said as advice: listed apart from verdicts, never scored. */
export interface Advice {
  readonly rule: string;
  readonly message: string;
}
