import { readFileSync } from "node:fs";

/** A 1-based line and column; 0 and 0 when the problem concerns a file as a whole. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export const WHOLE_FILE: Position = { line: 0, column: 0 };

/**
 * Where the first of `patterns` first matches in a file: at its `at` group
 * when it has one, else where the match starts. Used to point at the export
 * or key to edit in a module that loaded but holds the wrong thing, where no
 * parser gives a position. The whole file when nothing matches.
 */
export function findInFile(file: string, ...patterns: readonly RegExp[]): Position {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return WHOLE_FILE;
  }
  for (const pattern of patterns) {
    const match = new RegExp(pattern.source, pattern.flags.includes("d") ? pattern.flags : `${pattern.flags}d`).exec(text);
    if (match) return positionAt(text, match.indices?.groups?.at?.[0] ?? match.index);
  }
  return WHOLE_FILE;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

// A path as the team reads it: relative to the folder certify runs in, absolute when it is outside that folder.
export { shownPath } from "../../generator/spec/shown-path.js";

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
