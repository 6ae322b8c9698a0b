/**
 * A request body written so that two bodies that mean the same are the same
 * text: the keys of every object sorted, at every depth. JSON objects are
 * unordered (RFC 8259, section 4), so a client that re-serialises a retry
 * with its keys in another order sends the same request.
 *
 * `scalars: "text"` also writes every number and boolean as its string, so
 * an XML body (all text) and a JSON body with the same values agree.
 *
 * Undefined when the value cannot be written (nested deeper than the engine
 * can walk): the caller falls back to the raw text.
 */
export function canonicalJson(value: unknown, options: { readonly scalars?: "json" | "text" } = {}): string | undefined {
  const asText = options.scalars === "text";
  try {
    // JSON.stringify walks natively; the replacer only reorders each object's keys (and stringifies scalars).
    return JSON.stringify(value, (_key, inner: unknown) => {
      if (asText && (typeof inner === "number" || typeof inner === "boolean")) return String(inner);
      if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
      const record = inner as Record<string, unknown>;
      // No prototype: a "__proto__" key is a key like any other.
      const sorted = Object.create(null) as Record<string, unknown>;
      for (const key of Object.keys(record).sort()) sorted[key] = record[key];
      return sorted;
    });
  } catch {
    return undefined;
  }
}
