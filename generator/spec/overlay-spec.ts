import { dirname, resolve } from "node:path";
import { packageRoot, packageVersion } from "../package-root.js";
import type { Catalogue } from "./catalogue.js";
import type { Diagnostic } from "./diagnostic.js";
import { loadSpecWithOverlay } from "./load-with-overlay.js";
import type { OverlayEntry } from "./overlay-entries.js";
import { readOverlayDir } from "./read-overlay-dir.js";
import { readSpecDir } from "./read-spec-dir.js";
import { shownPath } from "./shown-path.js";

/** Where certify's workers find the overlay: the folder, and the project its paths are shown from. */
export const OVERLAY_ENV = { dir: "FAULTPROOF_SPEC_OVERLAY", base: "FAULTPROOF_SPEC_BASE" } as const;

export interface LoadedOverlay {
  readonly dir: string;
  /** The folder as the team names it, from its project (`faultproof/spec`). */
  readonly folder: string;
  readonly catalogue: Catalogue;
  readonly entries: readonly OverlayEntry[];
}

/** The folder a config's `spec:` names, relative to the config as its adapter path is. */
export function overlayDirOf(options: { configPath: string; spec: string }): string {
  return resolve(dirname(options.configPath), options.spec);
}

/**
 * The bundled spec with the team's overlay on it, read and loaded: the
 * catalogue certify runs against, or the overlay's problems at their
 * file:line:col. A folder that does not exist is a problem too: a config
 * that names an overlay means to use one.
 */
export function loadOverlaySpec(options: { dir: string; base: string }): { ok: true; overlay: LoadedOverlay } | { ok: false; diagnostics: readonly Diagnostic[] } {
  const folder = shownPath(options.dir, options.base);
  const files = readOverlayDir(options);
  if (files.length === 0) {
    return { ok: false, diagnostics: [{ file: folder, line: 0, column: 0, field: "", message: "the config's spec: names an overlay folder with no YAML files in it", hint: "`faultproof sync <page> --into <folder>` writes one; or remove spec: from the config" }] };
  }
  const loaded = loadSpecWithOverlay({ bundled: readSpecDir(resolve(packageRoot, "spec")).files, overlay: files, toolVersion: packageVersion });
  if (!loaded.ok) return loaded;
  return { ok: true, overlay: { dir: options.dir, folder, catalogue: loaded.catalogue, entries: loaded.entries } };
}
