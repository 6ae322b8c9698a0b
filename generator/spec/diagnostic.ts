/**
 * A problem found in a spec file, pointing at the exact place a person has to
 * edit. Every loader stage reports these instead of throwing, so one run shows
 * every problem and never a stack trace.
 */
export interface Diagnostic {
  /** Path of the file, relative to the spec folder's parent (for example `spec/incentives/rules.yaml`). */
  readonly file: string;
  /** 1-based line and column; 0 when the problem concerns a file as a whole. */
  readonly line: number;
  readonly column: number;
  /** The field in `errors[3].handling` form; empty for syntax errors. */
  readonly field: string;
  readonly message: string;
  /** What to do about it, when there is something useful to say. */
  readonly hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const field = d.field ? ` ${d.field}:` : "";
  const hint = d.hint ? `\n    ${d.hint}` : "";
  return `${where}:${field} ${d.message}${hint}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}

export type FieldPath = readonly (string | number)[];

export function fieldName(path: FieldPath): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}
