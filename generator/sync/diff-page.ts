import type { ErrorInput } from "../spec/spec-input.js";
import { newEntry, type NewEntry } from "./new-entry.js";
import type { PageField, PageKind, PageRow } from "./page-kinds.js";

/** An error entry of the spec, where it is: the file's path and its index in `errors`. */
export interface SpecEntry {
  readonly file: string;
  readonly index: number;
  readonly entry: ErrorInput;
}

export interface FieldEdit {
  readonly field: PageField;
  readonly from: unknown;
  readonly to: unknown;
}

export type Change =
  | { readonly kind: "added"; readonly file: string; readonly entry: NewEntry }
  | {
      readonly kind: "changed";
      readonly file: string;
      readonly index: number;
      readonly id: string;
      readonly edits: readonly FieldEdit[];
      /** The row is back on the page: its removedFromPage flag goes. */
      readonly restored: boolean;
      /** The entry's review note after the change, when the change calls for one. */
      readonly review?: string;
    }
  | { readonly kind: "removed"; readonly file: string; readonly index: number; readonly id: string; readonly code: string; readonly mockCode?: string };

const STATUS_FIELDS: ReadonlySet<PageField> = new Set(["httpStatus", "errorClass"]);

/**
 * What differs between a page's rows and the spec entries that cite it. A row
 * and an entry are the same documented failure when section, code and mock
 * code agree; rows that also agree on the message are paired first, so of two
 * rows with the same code and mock code (the page has such pairs) the one
 * whose message changed is the one reported.
 */
export function diffPage(options: {
  kind: PageKind;
  rows: readonly PageRow[];
  docId: string;
  /** Every error entry of the page's API. */
  entries: readonly SpecEntry[];
  /** The spec folder's name, as spec file paths start with it. */
  folder: string;
  retryStatuses: ReadonlySet<number>;
}): Change[] {
  const { kind, docId } = options;
  const cited = options.entries.filter(({ entry }) => entry.source.doc === docId && kind.listsRows(entry.source.section));
  const pairs = new Map<PageRow, SpecEntry>();
  const paired = new Set<SpecEntry>();
  const looseKey = (section: string, code: string, mockCode: string | undefined) => `${section}\u0000${code}\u0000${mockCode ?? ""}`;
  const passes = [
    (row: PageRow) => `${looseKey(row.section, row.code, row.mockCode)}\u0000${row.message ?? ""}`,
    (row: PageRow) => looseKey(row.section, row.code, row.mockCode),
  ];
  const entryKeys = [
    ({ entry }: SpecEntry) => `${looseKey(entry.source.section, entry.code, entry.mockCode)}\u0000${entry.message ?? ""}`,
    ({ entry }: SpecEntry) => looseKey(entry.source.section, entry.code, entry.mockCode),
  ];
  passes.forEach((rowKey, pass) => {
    for (const row of options.rows) {
      if (pairs.has(row)) continue;
      const match = cited.find((candidate) => !paired.has(candidate) && entryKeys[pass]!(candidate) === rowKey(row));
      if (!match) continue;
      pairs.set(row, match);
      paired.add(match);
    }
  });

  const changes: Change[] = [];
  const takenIds = new Set(options.entries.map(({ entry }) => entry.id));
  for (const row of options.rows) {
    const match = pairs.get(row);
    if (!match) {
      const sameSection = cited.filter(({ entry }) => entry.source.section === row.section).at(-1);
      const file = sameSection?.file ?? `${options.folder}/${kind.place(row).file}`;
      changes.push({ kind: "added", file, entry: newEntry({ kind, row, docId, takenIds, retryStatuses: options.retryStatuses }) });
      continue;
    }
    const changed = changedFields({ kind, row, entry: match.entry });
    if (changed.length === 0 && match.entry.removedFromPage !== true) continue;
    changes.push({ kind: "changed", file: match.file, index: match.index, id: match.entry.id, edits: changed, restored: match.entry.removedFromPage === true, ...reviewFor(match.entry, changed) });
  }
  for (const spec of cited) {
    if (paired.has(spec) || spec.entry.removedFromPage === true) continue;
    const { entry } = spec;
    changes.push({ kind: "removed", file: spec.file, index: spec.index, id: entry.id, code: entry.code, ...(entry.mockCode ? { mockCode: entry.mockCode } : {}) });
  }
  return changes;
}

function changedFields(options: { kind: PageKind; row: PageRow; entry: ErrorInput }): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const field of options.kind.fields) {
    const from = normal(options.entry[field]);
    const to = normal(options.row[field]);
    if (JSON.stringify(from) !== JSON.stringify(to)) edits.push({ field, from, to });
  }
  return edits;
}

/** No details and an empty list of details say the same. */
function normal(value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? undefined : value;
}

// A new status or class can make the chosen handling wrong; a new message cannot.
function reviewFor(entry: ErrorInput, edits: readonly FieldEdit[]): { review?: string } {
  const statusEdits = edits.filter((edit) => STATUS_FIELDS.has(edit.field));
  if (statusEdits.length === 0) return {};
  const what = statusEdits.map((edit) => `${edit.field} ${String(edit.from)} → ${String(edit.to)}`).join(", ");
  const note = `faultproof sync changed ${what}; confirm the handling`;
  return { review: entry.review === undefined ? note : `${entry.review}; ${note}` };
}
