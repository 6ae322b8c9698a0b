import type { OverlayEntry } from "../../generator/spec/overlay-entries.js";

/**
 * The team's spec overlay a certification ran against (`spec:` in
 * faultproof.config.ts): its folder and every entry, with what it did to the
 * bundled spec, so a reader of the report knows which failures are the
 * team's own reading of Amazon's pages rather than faultproof's.
 */
export interface ReportOverlay {
  /** The folder, as the team's project names it (`faultproof/spec`). */
  readonly folder: string;
  readonly entries: readonly ReportOverlayEntry[];
}

/** An overlay entry as the report shows it: the loader's own account of it. */
export type ReportOverlayEntry = OverlayEntry;

/** `+ f2049-card-expired (CardExpired), added at faultproof/spec/incentives/errors.yaml:5`. */
export function overlayEntryLine(entry: ReportOverlayEntry): string {
  const mark = { added: "+", changed: "~", removed: "-", redundant: "=" }[entry.effect];
  const fields = entry.fields && entry.effect === "changed" ? ` (${entry.fields.join(", ")})` : "";
  const effect = entry.effect === "redundant" ? "redundant: the bundled spec holds it as it is" : `${entry.effect}${fields}`;
  return `${mark} ${entry.id} (${entry.code}), ${effect}, at ${entry.file}:${entry.line}`;
}

/** "spec overlay faultproof/spec: 1 added, 1 changed". */
export function overlaySummary(overlay: ReportOverlay): string {
  const effects = ["added", "changed", "removed", "redundant"] as const;
  const tally = effects
    .map((effect) => [overlay.entries.filter((entry) => entry.effect === effect).length, effect] as const)
    .filter(([n]) => n > 0)
    .map(([n, effect]) => `${n} ${effect}`)
    .join(", ");
  return `spec overlay ${overlay.folder}: ${tally || "no entries"}`;
}
