import { parse } from "yaml";
import type { Diagnostic } from "../spec/diagnostic.js";
import { loadSpecWithOverlay } from "../spec/load-with-overlay.js";
import { mergeOverlay } from "../spec/merge-overlay.js";
import { checkOverlayFiles } from "../spec/overlay-files.js";
import { canonical, type OverlayEntry } from "../spec/overlay-entries.js";
import type { SpecFile } from "../spec/spec-document.js";
import type { ApiId, ErrorInput, SpecFileInput } from "../spec/spec-input.js";
import { appendEntries } from "./apply-edits.js";
import type { Change } from "./diff-page.js";
import type { PageKind } from "./page-kinds.js";
import { syncPage, type QuotedSentence } from "./sync-page.js";

/** What a new overlay file says about itself: the bundled spec's schema comment would point nowhere in a team's project. */
const OVERLAY_HEADER = [
  " Your differences from the spec faultproof bundles: entries it lacks or words otherwise.",
  " An entry whose id the bundled spec has replaces it. `faultproof sync <page> --into <this folder>`",
  " writes here; `faultproof spec --overlay <this folder>` lists what each entry changes.",
].join("\n");

export type OverlaySyncResult =
  | {
      readonly ok: true;
      readonly kind: PageKind;
      readonly docId: string;
      /** What differs between the page and bundled spec + overlay; each change's file is the overlay file it goes to. */
      readonly changes: readonly Change[];
      /** The overlay files to write (paths as the overlay's, from the team's project); empty when nothing changes. */
      readonly writes: readonly SpecFile[];
      /** The overlay after the writes: every entry and what it does to the bundled spec. */
      readonly entries: readonly OverlayEntry[];
    }
  | { readonly ok: false; readonly problem: "page" | "spec" | "overlay"; readonly message: string; readonly diagnostics?: readonly Diagnostic[] };

/**
 * `faultproof sync <page> --into <overlay>`, without the file system: the
 * page synced against the bundled spec with the team's overlay on it, and
 * every edit landing in the overlay. An edit to an overlay entry is made in
 * place (comments kept); an entry of the bundled spec the page adds or
 * changes is written whole into `<overlay>/<api>/errors.yaml`, so the
 * overlay holds the team's differences and nothing else. The bundled spec,
 * spec/sources.yaml's digests included, is never written. The new overlay
 * goes through the loader before anything is returned to write.
 */
export function syncIntoOverlay(options: {
  page: { readonly name: string; readonly content: string; readonly address?: string };
  bundled: readonly SpecFile[];
  overlay: readonly SpecFile[];
  /** The overlay folder as its files' paths start (`faultproof/spec`). */
  overlayFolder: string;
  quoted?: readonly QuotedSentence[];
  toolVersion: string;
}): OverlaySyncResult {
  const checked = checkOverlayFiles(options.overlay);
  if (!checked.ok) return { ok: false, problem: "overlay", message: `the overlay ${options.overlayFolder} has problems to fix before it can be synced`, diagnostics: checked.diagnostics };
  const merged = mergeOverlay({ bundled: options.bundled, overlay: checked.files });
  const synced = syncPage({ page: options.page, spec: { files: merged.files }, ...(options.quoted ? { quoted: options.quoted } : {}), toolVersion: options.toolVersion });
  if (!synced.ok) return synced;

  const overlayFiles = new Map(options.overlay.map((file) => [file.path, file]));
  const writes = new Map<string, SpecFile>();
  const moved = new Map<ApiId, ErrorInput[]>();
  const movedTo = new Map<string, string>();
  for (const write of synced.writes) {
    if (overlayFiles.has(write.path)) {
      writes.set(write.path, write);
      continue;
    }
    const before = merged.files.find((file) => file.path === write.path);
    const entries = changedEntries({ before: before?.text, after: write.text });
    if (entries.api === undefined || entries.list.length === 0) continue; // spec/sources.yaml's digest: the bundled spec's record
    const target = `${options.overlayFolder}/${entries.api}/errors.yaml`;
    moved.set(entries.api, [...(moved.get(entries.api) ?? []), ...entries.list]);
    movedTo.set(write.path, target);
  }
  for (const [api, entries] of moved) {
    const path = `${options.overlayFolder}/${api}/errors.yaml`;
    const file = writes.get(path) ?? overlayFiles.get(path);
    writes.set(path, appendEntries({ path, file, api, entries: entries.map((entry) => ({ ...entry })), comment: OVERLAY_HEADER }));
  }
  const changes = synced.changes.map((change) => (movedTo.has(change.file) ? { ...change, file: movedTo.get(change.file)! } : change));

  const after = new Map(overlayFiles);
  for (const write of writes.values()) after.set(write.path, write);
  const loaded = loadSpecWithOverlay({ bundled: options.bundled, overlay: [...after.values()], toolVersion: options.toolVersion });
  if (!loaded.ok) return { ok: false, problem: "spec", message: `the overlay would not load after syncing ${options.page.name}; nothing was written`, diagnostics: loaded.diagnostics };
  return { ok: true, kind: synced.kind, docId: synced.docId, changes, writes: [...writes.values()], entries: loaded.entries };
}

/** The entries of a bundled file that a sync added or edited: the ones the overlay must now hold. */
function changedEntries(options: { before: string | undefined; after: string }): { api?: ApiId; list: ErrorInput[] } {
  const read = (text: string | undefined) => (text === undefined ? undefined : (parse(text) as SpecFileInput | null) ?? undefined);
  const before = new Map((read(options.before)?.errors ?? []).map((entry) => [entry.id, canonical(entry)]));
  const after = read(options.after);
  const list = (after?.errors ?? []).filter((entry) => before.get(entry.id) !== canonical(entry));
  return { ...(after?.api ? { api: after.api } : {}), list };
}
