import type {
  ApiId,
  CommonCauseInput,
  ErrorClassInput,
  HandlingId,
  HandlingInput,
  HostInput,
  HttpMethod,
  Outcome,
  ObjectStateInput,
  PayObjectInput,
  PendingStateInput,
  RuleInput,
  SentenceInput,
} from "./spec-input.js";

/**
 * The normalised catalogue: what `faultproof spec --json` prints and every
 * generator and suite reads. Operations are expanded, citations carry their
 * document's title, and every list is in a stable order.
 */
export interface Catalogue {
  readonly tool: { readonly name: "faultproof"; readonly version: string };
  /** Hash of the spec's content: changes exactly when the catalogue does. */
  readonly catalogueVersion: string;
  readonly sources: readonly SourceDocument[];
  readonly handling: readonly HandlingInput[];
  readonly apis: readonly ApiModel[];
  readonly errors: readonly CatalogueError[];
  /** Answers that are not final: certified like errors, each pending state on each of its operations. */
  readonly pending: readonly CataloguePending[];
  /** Amazon Pay's objects and their states (spec/amazon-pay/objects.yaml). */
  readonly objects: readonly CatalogueObject[];
  readonly mockCodes: readonly MockCode[];
  /** The rules that govern retrying: retry, throttling and resend. */
  readonly retryRules: readonly CatalogueRule[];
  readonly rules: readonly CatalogueRule[];
}

export interface SourceDocument {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
}

export interface Cited {
  readonly doc: string;
  readonly section: string;
  readonly title: string;
  readonly note?: string;
}

export interface ApiModel {
  readonly id: ApiId;
  readonly title: string;
  readonly hosts: readonly HostInput[];
  readonly operations: readonly CatalogueOperation[];
  readonly errorClasses: readonly ErrorClassInput[];
  readonly commonCauses: readonly CommonCauseInput[];
  readonly mockPlacement: readonly MockPlacement[];
}

export interface CatalogueOperation {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly resource?: string;
  readonly family?: string;
  readonly requestIdField?: string;
  readonly source: Cited;
}

export interface MockPlacement {
  readonly operation: string;
  readonly field: string;
  readonly requires?: Readonly<Record<string, string | number | boolean>>;
}

export interface CatalogueError {
  readonly api: ApiId;
  readonly id: string;
  readonly code: string;
  readonly httpStatus?: number;
  readonly statusText?: string;
  readonly statusSource?: Cited;
  readonly errorClass?: string;
  /** FAILURE or RESEND, from the error class (Incentives only). */
  readonly status?: "FAILURE" | "RESEND";
  readonly mockCode?: string;
  readonly message?: string;
  readonly details?: readonly string[];
  readonly operations: readonly string[];
  readonly handling: HandlingId;
  /** The outcomes a conforming integration may report, from the handling term. */
  readonly acceptedOutcomes: readonly Outcome[];
  readonly rationale: string;
  readonly documentsSilent: boolean;
  /** Present while a person has yet to confirm the entry (see `faultproof sync`). */
  readonly review?: string;
  /** The cited page no longer has this row; still certified until a person deletes it. */
  readonly removedFromPage?: boolean;
  readonly source: Cited;
}

export interface CatalogueObject {
  readonly api: ApiId;
  readonly object: PayObjectInput["object"];
  readonly states: readonly (Omit<ObjectStateInput, "source" | "reasonCodesSource"> & { readonly source?: Cited; readonly reasonCodesSource?: Cited })[];
  readonly source: Cited;
}

export interface CataloguePending extends Omit<PendingStateInput, "source" | "afterSource"> {
  readonly api: ApiId;
  readonly source: Cited;
  readonly afterSource?: Cited;
}

export interface MockCode {
  readonly code: string;
  readonly api: ApiId;
  readonly outcome: "success" | "failure" | "resend";
  readonly errorClass?: string;
  /** The documented rows this code stands for; several when one code names several errors. */
  readonly variants: readonly MockVariant[];
  /** Where the code goes to trigger it, per operation. */
  readonly placements: readonly MockPlacement[];
  readonly source: Cited;
}

export interface MockVariant {
  readonly errorId: string;
  readonly code: string;
  readonly message?: string;
  readonly operations: readonly string[];
}

export interface CatalogueRule extends Omit<RuleInput, "source" | "detailSource" | "enforces"> {
  readonly api: ApiId;
  readonly source: Cited;
  readonly detailSource?: Cited;
  readonly enforces?: readonly CatalogueSentence[];
}

/** A sentence a verdict enforces, with the document it is in. */
export interface CatalogueSentence extends Omit<SentenceInput, "source"> {
  readonly source: Cited;
}
