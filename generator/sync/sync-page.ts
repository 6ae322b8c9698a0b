import { dirname } from "node:path/posix";
import type { Diagnostic } from "../spec/diagnostic.js";
import { loadSpec } from "../spec/load-spec.js";
import { checkSchema } from "../spec/schema-check.js";
import { parseSpecFile, type SpecFile } from "../spec/spec-document.js";
import type { SpecFileInput } from "../spec/spec-input.js";
import { applyEdits } from "./apply-edits.js";
import { detectPage } from "./detect-page.js";
import { diffPage, type Change, type SpecEntry } from "./diff-page.js";
import type { PageKind } from "./page-kinds.js";

export type SyncResult =
  | {
      readonly ok: true;
      readonly kind: PageKind;
      readonly docId: string;
      readonly changes: readonly Change[];
      /** Files to write, paths as the spec's (`spec/…`); empty when the spec agrees with the page. */
      readonly writes: readonly SpecFile[];
    }
  | {
      readonly ok: false;
      /** "page": the page given is wrong; "spec": the spec cannot take the sync. */
      readonly problem: "page" | "spec";
      readonly message: string;
      readonly diagnostics?: readonly Diagnostic[];
    };

/**
 * `faultproof sync`, without the file system: which page this is, what in the
 * spec differs from it, the edited spec files, and the check that the edited
 * spec still loads. When the edits would bring in a problem the spec did not
 * have, nothing is returned to write.
 */
export function syncPage(options: {
  page: { readonly name: string; readonly content: string };
  spec: { readonly files: readonly SpecFile[]; readonly sourceTexts: ReadonlyMap<string, string> };
  toolVersion: string;
}): SyncResult {
  const { files, sourceTexts } = options.spec;
  const detected = detectPage(options.page);
  if (!detected.ok) return { ok: false, problem: "page", message: detected.message };
  const { kind, rows, text } = detected.page;

  const inputs = readInputs(files);
  if (!inputs.ok) return { ok: false, problem: "spec", message: "the spec has problems to fix before it can be synced", diagnostics: inputs.diagnostics };
  const sourcesFile = files.find((file) => inputs.byPath.get(file.path)?.sources !== undefined);
  const source = sourcesFile && inputs.byPath.get(sourcesFile.path)!.sources!.find((doc) => doc.url === kind.url);
  if (!sourcesFile || !source) {
    return { ok: false, problem: "spec", message: `spec/sources.yaml names no document at ${kind.url}; add "${kind.title}" there (id, file, title, url) to sync it` };
  }
  const folder = dirname(sourcesFile.path);

  const apiFiles = files.filter((file) => inputs.byPath.get(file.path)?.api === kind.api);
  const entries: SpecEntry[] = apiFiles.flatMap((file) => (inputs.byPath.get(file.path)!.errors ?? []).map((entry, index) => ({ file: file.path, index, entry })));
  const retryStatuses = new Set(
    apiFiles.flatMap((file) => (inputs.byPath.get(file.path)!.rules ?? []).filter((rule) => rule.kind === "retry").flatMap((rule) => rule.statuses ?? [])),
  );
  const changes = diffPage({ kind, rows, docId: source.id, entries, folder, retryStatuses });
  if (changes.length === 0) return { ok: true, kind, docId: source.id, changes, writes: [] };

  const writes = applyEdits({ files, changes, api: kind.api });
  // The stored text is what citations are checked against and the completeness tests count.
  const newTexts = new Map(sourceTexts);
  if (source.file !== undefined && sourceTexts.get(source.file) !== text) {
    newTexts.set(source.file, text);
    writes.push({ path: `${folder}/${source.file}`, text });
  }
  const edited = [...files.filter((file) => !writes.some((write) => write.path === file.path)), ...writes.filter((write) => /\.ya?ml$/.test(write.path))];
  const introduced = newProblems({
    before: problemsOf({ files, sourceTexts, toolVersion: options.toolVersion }),
    after: problemsOf({ files: edited, sourceTexts: newTexts, toolVersion: options.toolVersion }),
  });
  if (introduced.length > 0) {
    return { ok: false, problem: "spec", message: `the spec would not load after syncing ${options.page.name}; nothing was written`, diagnostics: introduced };
  }
  return { ok: true, kind, docId: source.id, changes, writes };
}

type Inputs = { ok: true; byPath: Map<string, SpecFileInput> } | { ok: false; diagnostics: Diagnostic[] };

/** Each file parsed and checked against the schema: edits are made only to files that are well-formed. */
function readInputs(files: readonly SpecFile[]): Inputs {
  const byPath = new Map<string, SpecFileInput>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseSpecFile(file);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    const problems = checkSchema(parsed.document);
    diagnostics.push(...problems);
    if (problems.length === 0) byPath.set(file.path, parsed.document.data as SpecFileInput);
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, byPath };
}

function problemsOf(options: { files: readonly SpecFile[]; sourceTexts: ReadonlyMap<string, string>; toolVersion: string }): readonly Diagnostic[] {
  const result = loadSpec(options);
  return result.ok ? [] : result.diagnostics;
}

/**
 * The problems of the edited spec it did not have before. A spec being filled
 * in (say, its error lists emptied and synced one page at a time) has
 * problems until the last page is in; a sync may leave those, never add one.
 */
function newProblems(options: { before: readonly Diagnostic[]; after: readonly Diagnostic[] }): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.file}\u0000${d.field}\u0000${d.message}`;
  const remaining = new Map<string, number>();
  for (const d of options.before) remaining.set(key(d), (remaining.get(key(d)) ?? 0) + 1);
  return options.after.filter((d) => {
    const left = remaining.get(key(d)) ?? 0;
    if (left > 0) remaining.set(key(d), left - 1);
    return left === 0;
  });
}
