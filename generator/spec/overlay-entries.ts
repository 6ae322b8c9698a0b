import type { ErrorInput } from "./spec-input.js";
import type { ApiId } from "./spec-input.js";

/**
 * What one overlay entry does to the bundled spec: adds a failure, changes
 * one (a message, a status, a handling the team reviewed), flags one removed
 * from its page, or nothing at all (`redundant`: the bundled spec holds it
 * as it is, so the entry can go).
 */
export type OverlayEffect = "added" | "changed" | "removed" | "redundant";

export interface OverlayEntry {
  readonly effect: OverlayEffect;
  readonly api: ApiId;
  readonly id: string;
  readonly code: string;
  /** Where the entry is, in the team's project. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** For `changed` and `removed`: the fields that differ from the bundled entry, in the entry's key order. */
  readonly fields?: readonly string[];
}

/** How an overlay entry compares with the bundled entry of the same id, if there is one. */
export function effectOf(options: { overlay: ErrorInput; bundled: ErrorInput | undefined }): { effect: OverlayEffect; fields?: string[] } {
  const { overlay, bundled } = options;
  if (bundled === undefined) return { effect: "added" };
  const mine = new Map<string, unknown>(Object.entries(overlay));
  const theirs = new Map<string, unknown>(Object.entries(bundled));
  const keys = [...new Set([...mine.keys(), ...theirs.keys()])];
  const fields = keys.filter((key) => canonical(mine.get(key)) !== canonical(theirs.get(key)));
  if (fields.length === 0) return { effect: "redundant" };
  const removed = overlay.removedFromPage === true && bundled.removedFromPage !== true;
  return { effect: removed ? "removed" : "changed", fields };
}

/** JSON with object keys sorted: `{ doc, section }` and `{ section, doc }` are one citation. */
export function canonical(value: unknown): string {
  if (value === undefined) return "";
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** "1 added, 1 changed": the entries by effect, in a fixed order. */
export function tallyOfEntries(entries: readonly OverlayEntry[]): string {
  const effects: readonly OverlayEffect[] = ["added", "changed", "removed", "redundant"];
  return effects
    .map((effect) => [entries.filter((entry) => entry.effect === effect).length, effect] as const)
    .filter(([n]) => n > 0)
    .map(([n, effect]) => `${n} ${effect}`)
    .join(", ") || "no entries";
}
