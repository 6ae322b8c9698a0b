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
  for (const source of input?.sources ?? []) {
    if (typeof source?.file !== "string") continue;
    try {
      texts.set(source.file, readFileSync(join(options.dir, source.file), "utf8"));
    } catch {
      // A missing document is reported by the citation check as it needs to.
    }
  }
  return texts;
}
