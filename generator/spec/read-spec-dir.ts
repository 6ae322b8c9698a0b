import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { SpecFile } from "./spec-document.js";
import type { SpecFileInput } from "./spec-input.js";
import { parse } from "yaml";

export interface SpecDir {
  readonly files: SpecFile[];
  readonly sourceTexts: Map<string, string>;
}

/**
 * Reads a spec folder: `*.yaml` at its top and one level down, and the text
 * of every document `sources.yaml` names. Paths in messages are relative to
 * the folder's parent, so they read `spec/incentives/rules.yaml`.
 */
export function readSpecDir(dir: string): SpecDir {
  const base = join(dir, "..");
  const files: SpecFile[] = [];
  const visit = (folder: string, depth: number) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) {
        if (depth === 0 && name !== "sources") visit(full, 1);
      } else if (/\.ya?ml$/.test(name)) {
        files.push({ path: relative(base, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
      }
    }
  };
  visit(dir, 0);
  return { files, sourceTexts: readSourceTexts({ dir, files }) };
}

function readSourceTexts(options: { dir: string; files: readonly SpecFile[] }): Map<string, string> {
  const texts = new Map<string, string>();
  const sourcesFile = options.files.find((file) => basename(file.path) === "sources.yaml");
  if (!sourcesFile) return texts;
  let input: SpecFileInput;
  try {
    input = parse(sourcesFile.text) as SpecFileInput;
  } catch {
    return texts; // loadSpec reports the syntax error with its position.
  }
  // Any shape at all may be here: the schema check reports a wrong one with its place.
  const sources: unknown = input !== null && typeof input === "object" ? input.sources : undefined;
  for (const source of Array.isArray(sources) ? (sources as unknown[]) : []) {
    const file = source !== null && typeof source === "object" ? (source as { file?: unknown }).file : undefined;
    if (typeof file !== "string") continue;
    const path = join(options.dir, file);
    try {
      // Only a regular file: a device such as /dev/zero would be read forever.
      if (statSync(path).isFile()) texts.set(file, readFileSync(path, "utf8"));
    } catch {
      // A document that cannot be read is reported by loadSpec, at its `file`.
    }
  }
  return texts;
}
