import type { Citation } from "../oracles/citation.js";
import type { OracleContext } from "../oracles/index.js";
import { SIGNATURE_MISMATCH } from "../sandbox/incentives/signature-check.js";
import type { JournalEntry } from "../sandbox/journal.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import type { HandlingId } from "../../generator/spec/spec-input.js";
import type { ConformanceFailure, ConformanceModel } from "./model.js";

/*
 * What a run's answers mean, looked up in the catalogue once per case: the
 * handling of a documented row, its error class, the row quoted as a
 * citation, and which field carries a logical operation's identity.
 */

export type HandlingOf = (answer: { errorId?: string; code: string; operation: string }) => HandlingId | undefined;

/** Built once per model: every case of a certification looks answers up in the same catalogue. */
function perModel<T>(build: (model: ConformanceModel) => T): (model: ConformanceModel) => T {
  const built = new WeakMap<ConformanceModel, T>();
  return (model) => {
    let value = built.get(model);
    if (value === undefined) built.set(model, (value = build(model)));
    return value;
  };
}

export const handlingIndex = perModel((model): HandlingOf => {
  const byOperation = new Map<string, HandlingId>();
  const byCode = new Map<string, HandlingId>();
  const byId = new Map(model.failures.map((failure) => [failure.id, failure.handling]));
  for (const failure of model.failures) {
    if (!byCode.has(failure.code)) byCode.set(failure.code, failure.handling);
    for (const op of failure.operations) if (!byOperation.has(`${op}|${failure.code}`)) byOperation.set(`${op}|${failure.code}`, failure.handling);
  }
  return ({ errorId, code, operation }) => (errorId ? byId.get(errorId) : undefined) ?? byOperation.get(`${operation}|${code}`) ?? byCode.get(code);
});

/** The documented row an answer came from, quoted: what the API meant by it. */
export const rowCitations = perModel((model): ((entry: JournalEntry) => Citation | undefined) => {
  const documents = new Map(model.documents.map((doc) => [doc.id, doc]));
  const rows = new Map(model.failures.map((failure) => [failure.id, failure]));
  const byCode = new Map<string, ConformanceFailure>();
  for (const failure of model.failures) if (!byCode.has(`${failure.api}|${failure.code}`)) byCode.set(`${failure.api}|${failure.code}`, failure);
  return (entry) => {
    const code = entry.response.code;
    if (code === undefined) return undefined;
    // A refused signature is answered from seed 003's common cause, no row of the catalogue: quote the seed's sentence.
    if (entry.response.errorId === SIGNATURE_MISMATCH.id) return signatureCitation(documents.get(SIGNATURE_MISMATCH.source.doc));
    const row = (entry.response.errorId ? rows.get(entry.response.errorId) : undefined) ?? byCode.get(`${entry.api}|${code}`);
    if (!row) return undefined;
    const doc = documents.get(row.source.doc);
    return { doc: row.source.doc, title: doc?.title ?? row.source.doc, section: row.source.section, quote: row.message ?? row.code, strength: "states", ...(doc?.url ? { url: doc.url } : {}) };
  };
});

function signatureCitation(doc: { readonly title: string; readonly url?: string } | undefined): Citation {
  const { source, quote } = SIGNATURE_MISMATCH;
  return { doc: source.doc, title: doc?.title ?? source.doc, section: source.section, quote, strength: "states", ...(doc?.url ? { url: doc.url } : {}) };
}

export const rowKinds = perModel((model): ((entry: JournalEntry) => string | undefined) => {
  const kinds = new Map(model.failures.map((failure) => [failure.id, failure.kind]));
  const byCode = new Map<string, string>();
  for (const failure of model.failures) if (!byCode.has(`${failure.api}|${failure.code}`)) byCode.set(`${failure.api}|${failure.code}`, failure.kind);
  return (entry) => (entry.response.errorId ? kinds.get(entry.response.errorId) : undefined) ?? (entry.response.code ? byCode.get(`${entry.api}|${entry.response.code}`) : undefined);
});

export function identityOf(model: ConformanceModel, sandbox: Sandbox): OracleContext["identity"] {
  const fields = new Map(sandbox.incentives.model.operations.map((op) => [op.id, op.requestIdField]));
  return (entry) => {
    if (entry.api === "amazon-pay") return model.idempotentMethods.includes(entry.method) ? entry.headers[model.idempotencyHeader] : undefined;
    const field = fields.get(entry.operation ?? "");
    const body = entry.body as Record<string, unknown> | undefined;
    const value = field ? body?.[field] : undefined;
    return typeof value === "string" ? value : undefined;
  };
}
