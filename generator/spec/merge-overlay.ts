import { isMap, isSeq, parseDocument } from "yaml";
import { effectOf, type OverlayEntry } from "./overlay-entries.js";
import type { OverlayFile } from "./overlay-files.js";
import { parseSpecFile, type SpecFile } from "./spec-document.js";
import type { ErrorInput, SpecFileInput } from "./spec-input.js";

export interface MergedSpec {
  /**
   * The files the loader reads: the bundled ones, each without the entries
   * the overlay replaces, then the overlay's own. An entry the overlay
   * replaces is the overlay's from then on, so every problem with it is
   * reported at the overlay's line. In the order the loader reads them
   * (loadSpec's keepOrder): the bundled files by path, then the overlay's.
   */
  readonly files: readonly SpecFile[];
  /** Every overlay entry and what it does, in file then entry order. */
  readonly entries: readonly OverlayEntry[];
}

/** `incentives\0f2002-…`: error ids are unique within one API. */
const keyOf = (api: string, id: string) => `${api}\u0000${id}`;

/**
 * Bundled spec + a team's overlay, as spec files, without the file system.
 * An overlay entry whose id the bundled spec has replaces that entry; any
 * other is added. Bundled files the overlay does not touch are passed on
 * byte for byte.
 */
export function mergeOverlay(options: { bundled: readonly SpecFile[]; overlay: readonly OverlayFile[] }): MergedSpec {
  const bundledEntries = new Map<string, { path: string; entry: ErrorInput }>();
  for (const file of options.bundled) {
    const parsed = parseSpecFile(file);
    if (!parsed.ok) continue; // the loader reports it
    const input = parsed.document.data as SpecFileInput | null;
    if (input?.api === undefined) continue;
    for (const entry of Array.isArray(input.errors) ? input.errors : []) bundledEntries.set(keyOf(input.api, entry.id), { path: file.path, entry });
  }

  const entries: OverlayEntry[] = [];
  const replaced = new Map<string, Set<string>>();
  for (const overlay of options.overlay) {
    (overlay.input.errors ?? []).forEach((entry, index) => {
      const bundled = bundledEntries.get(keyOf(overlay.api, entry.id));
      if (bundled) replaced.set(bundled.path, (replaced.get(bundled.path) ?? new Set()).add(entry.id));
      const at = overlay.document.diagnose({ at: ["errors", index, "id"], message: "" });
      const { effect, fields } = effectOf({ overlay: entry, bundled: bundled?.entry });
      entries.push({ effect, api: overlay.api, id: entry.id, code: entry.code, file: at.file, line: at.line, column: at.column, ...(fields ? { fields } : {}) });
    });
  }
  const files = [...options.bundled].sort((a, b) => a.path.localeCompare(b.path)).map((file) => {
    const ids = replaced.get(file.path);
    return ids ? withoutEntries({ file, ids }) : file;
  });
  return { files: [...files, ...options.overlay.map((overlay) => overlay.file)], entries };
}

/** The file with the `errors` entries of these ids taken out, everything else as written. */
function withoutEntries(options: { file: SpecFile; ids: ReadonlySet<string> }): SpecFile {
  const doc = parseDocument(options.file.text);
  const errors = doc.get("errors", true);
  if (isSeq(errors)) errors.items = errors.items.filter((item) => !(isMap(item) && options.ids.has(String(item.get("id")))));
  return { path: options.file.path, text: doc.toString({ lineWidth: 0 }) };
}

