import type { Change } from "./diff-page.js";

/** One line per change (two for an entry to review), in the order the page lists its rows. */
export function changelogLines(changes: readonly Change[]): string[] {
  return changes.flatMap((change) => {
    switch (change.kind) {
      case "added": {
        const { entry } = change;
        const mock = typeof entry.mockCode === "string" ? ` (mock ${entry.mockCode})` : "";
        const status = typeof entry.httpStatus === "number" ? ` ${entry.httpStatus}` : "";
        return [`+ ${entry.id}: new${status} ${entry.code}${mock} in ${change.file}, handling ${String(entry.handling)}, marked for review`];
      }
      case "changed":
        return [
          ...(change.restored ? [`~ ${change.id}: back on the page, removedFromPage cleared`] : []),
          ...change.edits.map((edit) => `~ ${change.id}: ${edit.field} ${show(edit.from)} → ${show(edit.to)}`),
          ...(change.review !== undefined ? [`  ${change.id} marked for review: ${change.review}`] : []),
        ];
      case "removed":
        return [`- ${change.id}: ${change.code}${change.mockCode ? ` (mock ${change.mockCode})` : ""} is no longer on the page; flagged removedFromPage (still certified until you delete it)`];
    }
  });
}

function show(value: unknown): string {
  return value === undefined ? "(none)" : JSON.stringify(value);
}
