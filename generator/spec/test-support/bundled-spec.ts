import { join } from "node:path";
import { parse } from "yaml";
import { packageRoot, packageVersion } from "../../package-root.js";
import type { Catalogue } from "../catalogue.js";
import { loadSpec, type LoadResult } from "../load-spec.js";
import { readSpecDir, type SpecDir } from "../read-spec-dir.js";

/** The spec bundled with faultproof, read once per test file. */
export const bundledSpecDir = join(packageRoot, "spec");
export const bundledSpec: SpecDir = readSpecDir(bundledSpecDir);

export function loadBundled(): Catalogue {
  const result = loadSpec({ files: bundledSpec.files, toolVersion: packageVersion });
  if (!result.ok) throw new Error(`the bundled spec is invalid:\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.catalogue;
}

/**
 * The bundled spec with one file edited: `replace` must match exactly once,
 * so a fixture cannot silently stop testing what it claims to. `pages` are
 * document texts to check citations against, by document id.
 */
export function loadEdited(options: { file: string; replace: string | RegExp; with: string; pages?: ReadonlyMap<string, string> }): LoadResult {
  const files = bundledSpec.files.map((file) => {
    if (file.path !== options.file) return file;
    const matches = file.text.split(options.replace).length - 1;
    if (matches !== 1) throw new Error(`fixture: ${String(options.replace)} matches ${matches} times in ${options.file}`);
    return { path: file.path, text: file.text.replace(options.replace, options.with) };
  });
  if (!files.some((file) => file.path === options.file)) throw new Error(`fixture: no spec file ${options.file}`);
  return loadSpec({ files, ...(options.pages ? { pages: options.pages } : {}), toolVersion: packageVersion });
}

/**
 * A stand-in for document `doc`'s text, made of the bundled spec's own
 * citations of it: every section it cites and every sentence it quotes, a
 * line each. faultproof keeps no copy of Amazon's pages; with this a test can
 * show that a citation a document's text lacks is reported, and where.
 */
export function citedText(doc: string): string {
  const lines = new Set<string>();
  const isCitation = (node: unknown): node is { doc: string; section: string } =>
    node !== null && typeof node === "object" && typeof (node as { doc?: unknown }).doc === "string" && typeof (node as { section?: unknown }).section === "string";
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    if (isCitation(node) && node.doc === doc) lines.add(node.section);
    const { source, enforces } = node as { source?: unknown; enforces?: unknown };
    if (Array.isArray(enforces)) {
      for (const sentence of enforces as { quote: string; source?: unknown }[]) {
        const cited = isCitation(sentence.source) ? sentence.source : isCitation(source) ? source : undefined;
        if (cited?.doc === doc) lines.add(sentence.quote);
      }
    }
    Object.values(node).forEach(visit);
  };
  for (const file of bundledSpec.files) visit(parse(file.text));
  return [...lines].join("\n");
}
