import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { SpecFile } from "./spec-document.js";

export interface SpecDir {
  readonly files: SpecFile[];
}

/**
 * Reads a spec folder: `*.yaml` at its top and one level down. Paths in
 * messages are relative to the folder's parent, so they read
 * `spec/incentives/rules.yaml`. The spec holds no copy of the pages it cites
 * (spec/sources.yaml gives their addresses); `faultproof sync` reads a page
 * by its address or from a file the user saved.
 */
export function readSpecDir(dir: string): SpecDir {
  const base = join(dir, "..");
  const files: SpecFile[] = [];
  const visit = (folder: string, depth: number) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) {
        if (depth === 0) visit(full, 1);
      } else if (/\.ya?ml$/.test(name)) {
        files.push({ path: relative(base, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
      }
    }
  };
  visit(dir, 0);
  return { files };
}
