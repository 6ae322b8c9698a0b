import type { Catalogue } from "./catalogue.js";
import type { Diagnostic } from "./diagnostic.js";
import { loadSpec } from "./load-spec.js";
import { mergeOverlay } from "./merge-overlay.js";
import { checkOverlayFiles } from "./overlay-files.js";
import type { OverlayEntry } from "./overlay-entries.js";
import type { SpecFile } from "./spec-document.js";

export type OverlayLoadResult =
  | { readonly ok: true; readonly catalogue: Catalogue; readonly entries: readonly OverlayEntry[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * The catalogue of the bundled spec with a team's overlay on it, through the
 * same loader (parse → schema → cross-check → catalogue): an overlay entry
 * that names an unknown operation, repeats a code or misspells a handling is
 * reported at its own file, line and column. Pure, like loadSpec.
 */
export function loadSpecWithOverlay(options: {
  bundled: readonly SpecFile[];
  overlay: readonly SpecFile[];
  pages?: ReadonlyMap<string, string>;
  toolVersion: string;
}): OverlayLoadResult {
  const checked = checkOverlayFiles(options.overlay);
  if (!checked.ok) return checked;
  const merged = mergeOverlay({ bundled: options.bundled, overlay: checked.files });
  const loaded = loadSpec({ files: merged.files, keepOrder: true, toolVersion: options.toolVersion, ...(options.pages ? { pages: options.pages } : {}) });
  return loaded.ok ? { ok: true, catalogue: loaded.catalogue, entries: merged.entries } : loaded;
}
