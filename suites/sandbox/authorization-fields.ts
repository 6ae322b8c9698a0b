/**
 * An Authorization header of both APIs' schemes, `ALGORITHM Name=value, Name=value`,
 * split into its algorithm and named fields. Only the first `=` of a field
 * separates its name: a Base64 signature ends in `=`.
 */
export function authorizationFields(value: string): { readonly algorithm: string | undefined; readonly fields: ReadonlyMap<string, string> } {
  const [algorithm, ...rest] = value.trim().split(/\s+/);
  const fields = new Map<string, string>();
  for (const part of rest.join(" ").split(",")) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return { algorithm, fields };
}
