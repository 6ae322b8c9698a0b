import { join } from "node:path";
import { packageRoot, packageVersion } from "../../package-root.js";
import type { Catalogue } from "../catalogue.js";
import { loadSpec, type LoadResult } from "../load-spec.js";
import { readSpecDir, type SpecDir } from "../read-spec-dir.js";

/** The spec bundled with faultproof, read once per test file. */
export const bundledSpecDir = join(packageRoot, "spec");
export const bundledSpec: SpecDir = readSpecDir(bundledSpecDir);

export function loadBundled(): Catalogue {
  const result = loadSpec({ files: bundledSpec.files, sourceTexts: bundledSpec.sourceTexts, toolVersion: packageVersion });
  if (!result.ok) throw new Error(`the bundled spec is invalid:\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.catalogue;
}

/**
 * The bundled spec with one file edited: `replace` must match exactly once,
 * so a fixture cannot silently stop testing what it claims to.
 */
export function loadEdited(options: { file: string; replace: string | RegExp; with: string }): LoadResult {
  const files = bundledSpec.files.map((file) => {
    if (file.path !== options.file) return file;
    const matches = file.text.split(options.replace).length - 1;
    if (matches !== 1) throw new Error(`fixture: ${String(options.replace)} matches ${matches} times in ${options.file}`);
    return { path: file.path, text: file.text.replace(options.replace, options.with) };
  });
  if (!files.some((file) => file.path === options.file)) throw new Error(`fixture: no spec file ${options.file}`);
  return loadSpec({ files, sourceTexts: bundledSpec.sourceTexts, toolVersion: packageVersion });
}
