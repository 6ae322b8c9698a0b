import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { readSpecDir } from "./read-spec-dir.js";
import type { SpecFile } from "./spec-document.js";

/**
 * Reads a team's spec overlay (`faultproof/spec`, say) as readSpecDir reads
 * the bundled spec, with paths relative to the team's project (`base`), so a
 * problem reads `faultproof/spec/incentives/errors.yaml:12:5`. A folder not
 * made yet is an empty overlay: `sync --into` creates it.
 */
export function readOverlayDir(options: { dir: string; base: string }): SpecFile[] {
  if (!existsSync(options.dir)) return [];
  return readSpecDir(options.dir).files.map((file) => ({ path: overlayPath({ ...options, specPath: file.path }), text: file.text }));
}

/** `spec/incentives/errors.yaml` under `<dir>/..` → the path from `base`, always with a folder above the API's. */
export function overlayPath(options: { dir: string; base: string; specPath: string }): string {
  const path = relative(options.base, join(options.dir, "..", options.specPath)).split("\\").join("/");
  // The loader reads a file's API from the folder above it, so keep one even at the project's top.
  return path.split("/").length >= 3 ? path : `./${path}`;
}
