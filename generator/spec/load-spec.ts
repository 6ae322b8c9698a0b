import { buildCatalogue } from "./build-catalogue.js";
import type { Catalogue } from "./catalogue.js";
import { crossCheck, type CheckedFile } from "./cross-check.js";
import { compareDiagnostics, type Diagnostic } from "./diagnostic.js";
import { checkSchema } from "./schema-check.js";
import { parseSpecFile, type SpecDocument, type SpecFile } from "./spec-document.js";
import type { SpecFileInput } from "./spec-input.js";

export type LoadResult = { readonly ok: true; readonly catalogue: Catalogue } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * The spec pipeline, pure from end to end: parse each file → check it
 * against the JSON Schema → check references across files → build the
 * catalogue. Every problem of a stage is reported before the run stops.
 */
export function loadSpec(options: {
  /** The spec files; paths look like `spec/<api>/<name>.yaml` or `spec/<name>.yaml`. */
  files: readonly SpecFile[];
  /**
   * The text of cited documents at hand, by document id, to check citations
   * and quotes against. faultproof keeps no copy of Amazon's pages: only
   * `faultproof sync` passes one, the page it was given. Without it, sections
   * and quotes are taken as written.
   */
  pages?: ReadonlyMap<string, string>;
  /**
   * Read the files in the order given rather than by path: a team's overlay
   * comes after the bundled spec, so a code it repeats is reported at the
   * overlay's line, not at faultproof's.
   */
  keepOrder?: boolean;
  toolVersion: string;
}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const checked: CheckedFile[] = [];
  const files = options.keepOrder ? options.files : [...options.files].sort((a, b) => a.path.localeCompare(b.path));
  for (const file of files) {
    const shaped = parseAndShape(file);
    if (!shaped.ok) {
      diagnostics.push(...shaped.diagnostics);
      continue;
    }
    const folderApi = folderOf(file.path);
    checked.push({ document: shaped.document, input: shaped.document.data as SpecFileInput, ...(folderApi ? { folderApi } : {}) });
  }
  if (diagnostics.length === 0) diagnostics.push(...crossCheck({ files: checked, ...(options.pages ? { pages: options.pages } : {}) }));
  if (diagnostics.length > 0) return { ok: false, diagnostics: diagnostics.sort(compareDiagnostics) };
  return { ok: true, catalogue: buildCatalogue({ inputs: checked.map((file) => file.input), toolVersion: options.toolVersion }) };
}

/** `spec/incentives/rules.yaml` → `incentives`; `spec/sources.yaml` → undefined. */
function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  return parts.length >= 3 ? parts[parts.length - 2] : undefined;
}

/** The loader's first two stages for one file: YAML with positions, then the JSON Schema. */
export function parseAndShape(file: SpecFile): { readonly ok: true; readonly document: SpecDocument } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  const parsed = parseSpecFile(file);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const schemaProblems = checkSchema(parsed.document);
  if (schemaProblems.length > 0) return { ok: false, diagnostics: schemaProblems };
  return { ok: true, document: parsed.document };
}
