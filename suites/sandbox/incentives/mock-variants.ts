import { canonicalJson } from "../canonical-json.js";
import type { SandboxError } from "../model.js";
import { stableHash } from "../stable-hash.js";

/** What one mock code can answer with on the operations where it stands for several documented rows. */
export interface MockVariants {
  /** The errorTypes, sorted. */
  readonly codes: readonly string[];
  /** The rows' ids, sorted: F3001's two rows share their errorType and differ in their message. */
  readonly ids: readonly string[];
}

/**
 * The mock codes that stand for more than one documented row on some
 * operation (seed 003: F1000 for six errorTypes, F2023 for two, F3005 for
 * six; F3001 for two InvalidAccessKey rows on the balance-load endpoints),
 * with what each can answer: what `preferVariant` takes. A code that means a
 * different single error on different operations (F3010, F3011) is not here:
 * the operation decides it.
 */
export function mockVariants(errors: readonly SandboxError[]): Readonly<Record<string, MockVariants>> {
  const rows = new Map<string, SandboxError[]>();
  for (const error of errors) {
    if (!error.mockCode) continue;
    for (const operation of error.operations) rows.set(`${operation}|${error.mockCode}`, [...(rows.get(`${operation}|${error.mockCode}`) ?? []), error]);
  }
  const found = new Map<string, { codes: Set<string>; ids: Set<string> }>();
  for (const [key, group] of rows) {
    if (group.length < 2) continue;
    const mockCode = key.slice(key.indexOf("|") + 1);
    const entry = found.get(mockCode) ?? { codes: new Set<string>(), ids: new Set<string>() };
    for (const error of group) {
      entry.codes.add(error.code);
      entry.ids.add(error.id);
    }
    found.set(mockCode, entry);
  }
  return Object.fromEntries([...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([mockCode, { codes, ids }]) => [mockCode, { codes: [...codes].sort(), ids: [...ids].sort() }]));
}

/**
 * The number that picks a variant when none is preferred: a stable hash of
 * the request's meaning, not of its bytes. The body is parsed and written
 * canonically (keys sorted at every depth, every value as its text), so the
 * same request re-serialised with its keys in another order, or sent as XML
 * instead of JSON, gets the same variant. A body that cannot be read hashes
 * as sent.
 */
export function meaningHash(options: { body: Record<string, unknown> | undefined; raw: string }): number {
  const canonical = options.body === undefined ? undefined : canonicalJson(options.body, { scalars: "text" });
  return stableHash(canonical ?? options.raw);
}
