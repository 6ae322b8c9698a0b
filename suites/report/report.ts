import type { ApiId, HandlingId } from "../../generator/spec/spec-input.js";
import type { Advice, Citation } from "../oracles/citation.js";
import type { ReportOverlay } from "./overlay.js";

/**
 * report.json: what a certification found, one result per documented failure
 * × operation. Every other report (JUnit, Markdown, HTML, step summary) is
 * rendered from this and nothing else.
 */
export interface CertificationReport {
  readonly tool: { readonly name: "faultproof"; readonly version: string };
  readonly catalogueVersion: string;
  readonly adapter: string;
  readonly seed: number;
  readonly runs: number;
  /** When the run happened; the only field allowed to differ between runs with one seed. */
  readonly generatedAt: string;
  /** Whether the sandbox checked request signatures (false: verifySignatures was off, and any signature passed). */
  readonly signaturesVerified?: boolean;
  /** The team's spec overlay the run certified against, when its config names one. */
  readonly overlay?: ReportOverlay;
  /** Set when this report is one shard of a sharded run (`--shard 1/2`). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** handled ÷ applicable; 0 when nothing was applicable. */
  readonly score: number;
  readonly summary: ReportSummary;
  readonly results: readonly CertificationResult[];
}

export interface ReportSummary {
  /** Failure × operation pairs the adapter implements. */
  readonly applicable: number;
  readonly handled: number;
  readonly mishandled: number;
  /** Mishandled, but listed in the baseline of accepted gaps. */
  readonly accepted: number;
  readonly notApplicable: number;
}

export type ResultStatus = "handled" | "mishandled" | "accepted" | "not-applicable";

export interface CertificationResult {
  /** `<failure id>@<operation>`, stable across runs: what baselines and shards key on. */
  readonly key: string;
  readonly failureId: string;
  readonly api: ApiId;
  readonly code: string;
  /** HTTP status (Amazon Pay) or error class (Incentives). */
  readonly kind: string;
  readonly mockCode?: string;
  readonly operation: string;
  readonly handling: HandlingId;
  readonly status: ResultStatus;
  /** The broken rule's id (a file in suites/oracles/), when mishandled. */
  readonly rule?: string;
  readonly message?: string;
  /** The sentence of the document the broken rule enforces, when mishandled. */
  readonly citation?: Citation;
  /** What rules the documents leave open found: advice, never scored. */
  readonly advice?: readonly Advice[];
  readonly counterexample?: Counterexample;
  /** A shell command that replays exactly this failure. */
  readonly replay?: string;
  readonly source: { readonly doc: string; readonly section: string };
}

export interface Counterexample {
  /** The shrunk schedule of answers that made the integration break the rule. */
  readonly schedule: readonly unknown[];
  readonly request: unknown;
  readonly outcome: unknown;
  /** The request journal of the failing run, credentials redacted. */
  readonly journal: readonly unknown[];
  /** The schedule class that broke the rule, when it was one of the enumerated classes. */
  readonly scheduleClass?: string;
  /** fast-check's seed and path, to replay the exact run (a random run; empty for a class). */
  readonly seed: number;
  readonly path: string;
}
