import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "./generate.js";

export interface Staleness {
  /** Files whose text differs from what the spec produces, or that are missing. */
  readonly stale: readonly string[];
  /** Files in the folder the generator would not write. */
  readonly orphaned: readonly string[];
}

/** Compares generated/ on disk with what the spec would produce. */
export function checkGenerated(options: { dir: string; files: readonly GeneratedFile[] }): Staleness {
  const stale = options.files.filter((file) => read(join(options.dir, file.path)) !== file.contents).map((file) => file.path);
  const wanted = new Set(options.files.map((file) => file.path));
  const orphaned = listFiles(options.dir).filter((path) => !wanted.has(path));
  return { stale, orphaned };
}

/**
 * Writes generated/ as a whole or not at all: the new files are staged in a
 * sibling folder, then swapped in with two renames. A run interrupted at any
 * point leaves either the previous folder or the new one, and the next run
 * restores the previous one if the swap was cut between its two renames.
 * Nothing is written when nothing changed.
 */
export function writeGenerated(options: { dir: string; files: readonly GeneratedFile[] }): { readonly changed: readonly string[] } {
  const { dir } = options;
  const staging = `${dir}.staging`;
  const previous = `${dir}.previous`;
  if (!existsSync(dir) && existsSync(previous)) renameSync(previous, dir);
  rmSync(previous, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });

  const { stale, orphaned } = checkGenerated(options);
  if (stale.length === 0 && orphaned.length === 0) return { changed: [] };

  for (const file of options.files) {
    const target = join(staging, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  mkdirSync(staging, { recursive: true });
  if (existsSync(dir)) renameSync(dir, previous);
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Put the previous output back now rather than leave no folder until the next run.
    if (!existsSync(dir) && existsSync(previous)) renameSync(previous, dir);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
  return { changed: [...stale, ...orphaned].sort() };
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}
