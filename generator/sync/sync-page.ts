import { dirname } from "node:path/posix";
import { appearsIn } from "../spec/cross-check.js";
import type { Diagnostic } from "../spec/diagnostic.js";
import { loadSpec, parseAndShape } from "../spec/load-spec.js";
import type { SpecFile } from "../spec/spec-document.js";
import type { SpecFileInput } from "../spec/spec-input.js";
import { applyEdits, recordDigest } from "./apply-edits.js";
import { detectPage, detectProsePage } from "./detect-page.js";
import { diffPage, type Change, type SpecEntry } from "./diff-page.js";
import { pageDigest } from "./page-digest.js";
import type { PageKind } from "./page-kinds.js";

export type SyncResult =
  | {
      readonly ok: true;
      readonly kind: PageKind;
      readonly docId: string;
      readonly changes: readonly Change[];
      /**
       * Files to write, paths as the spec's (`spec/…`): the edited entries and,
       * when the page's digest is not the one recorded, spec/sources.yaml.
       * Empty when the spec agrees with the page and records its digest.
       */
      readonly writes: readonly SpecFile[];
      /** The page's digest, and the one spec/sources.yaml records (absent when it records none). */
      readonly digest: { readonly page: string; readonly recorded?: string };
    }
  | {
      readonly ok: false;
      /** "page": the page given is wrong; "spec": the spec cannot take the sync. */
      readonly problem: "page" | "spec";
      readonly message: string;
      readonly diagnostics?: readonly Diagnostic[];
    };

/**
 * A sentence faultproof quotes from a page outside the spec (a flow's
 * verdict, say): checked against the page like the spec's own quotes.
 */
export interface QuotedSentence {
  /** Where it is quoted, as a diagnostic names it: the file and the quote's name in it. */
  readonly file: string;
  readonly field: string;
  readonly doc: string;
  readonly section: string;
  readonly quote: string;
}

/**
 * `faultproof sync`, without the file system: which page this is, what in the
 * spec differs from it, the edited spec files, and the check that the edited
 * spec still loads. The spec keeps no copy of the pages it cites, so this is
 * where citations meet a page's text: with the page at hand, every section
 * the whole spec cites in it and every sentence it quotes from it (and each
 * of `quoted`) must be in it. When the edits, or the page, would bring in a
 * problem the spec did not have, nothing is returned to write.
 */
export function syncPage(options: {
  /** `address`: where the page was fetched from, when it was (`faultproof sync <url>`). */
  page: { readonly name: string; readonly content: string; readonly address?: string };
  spec: { readonly files: readonly SpecFile[] };
  quoted?: readonly QuotedSentence[];
  toolVersion: string;
}): SyncResult {
  const { files } = options.spec;
  const inputs = readInputs(files);
  if (!inputs.ok) return { ok: false, problem: "spec", message: "the spec has problems to fix before it can be synced", diagnostics: inputs.diagnostics };
  const sourcesFile = files.find((file) => inputs.byPath.get(file.path)?.sources !== undefined);
  const sources = (sourcesFile && inputs.byPath.get(sourcesFile.path)!.sources) ?? [];
  // A page with rows is known by its content; a page of prose only by the address it came from.
  const detected = detectPage(options.page);
  const prose = detected.ok ? undefined : detectProsePage({ content: options.page.content, address: options.page.address, sources });
  if (!detected.ok && !prose) return { ok: false, problem: "page", message: detected.message };
  const { kind, rows, text } = detected.ok ? detected.page : prose!;
  // A page read from an address spec/sources.yaml names is that document (a
  // mirror, or a page moved and its new address recorded), unless another
  // document there is this kind of page at its usual address.
  const atAddress = options.page.address === undefined ? -1 : sources.findIndex((doc) => doc.url === options.page.address);
  const atKindUrl = sources.findIndex((doc) => doc.url === kind.url);
  if (atAddress >= 0 && atKindUrl >= 0 && atAddress !== atKindUrl) {
    return {
      ok: false,
      problem: "page",
      message: `${options.page.name} reads as "${kind.title}", which spec/sources.yaml names as document ${sources[atKindUrl]!.id} (${kind.url}), not ${sources[atAddress]!.id}`,
    };
  }
  const sourceIndex = atAddress >= 0 ? atAddress : atKindUrl;
  const source = sources[sourceIndex];
  if (!sourcesFile || !source) {
    return { ok: false, problem: "spec", message: `spec/sources.yaml names no document at ${kind.url}; add "${kind.title}" there (id, title, url) to sync it` };
  }
  const folder = dirname(sourcesFile.path);
  const apiFiles = files.filter((file) => inputs.byPath.get(file.path)?.api === kind.api);
  const entries: SpecEntry[] = apiFiles.flatMap((file) => (inputs.byPath.get(file.path)!.errors ?? []).map((entry, index) => ({ file: file.path, index, entry })));
  const retryStatuses = new Set(
    apiFiles.flatMap((file) => (inputs.byPath.get(file.path)!.rules ?? []).filter((rule) => rule.kind === "retry").flatMap((rule) => rule.statuses ?? [])),
  );
  const changes = diffPage({ kind, rows, docId: source.id, entries, folder, retryStatuses });
  const writes = changes.length > 0 ? applyEdits({ files, changes, api: kind.api }) : [];
  const digest = pageDigest(text);
  if (source.digest !== digest) writes.push(recordDigest({ file: sourcesFile, index: sourceIndex, digest }));
  const edited = [...files.filter((file) => !writes.some((write) => write.path === file.path)), ...writes];
  const introduced = newProblems({
    before: problemsOf({ files, toolVersion: options.toolVersion }),
    after: [
      ...problemsOf({ files: edited, pages: new Map([[source.id, text]]), toolVersion: options.toolVersion }),
      ...quotedProblems({ quoted: options.quoted ?? [], doc: source.id, text }),
    ],
  });
  if (introduced.length > 0) {
    return { ok: false, problem: "spec", message: `the spec would not load after syncing ${options.page.name}; nothing was written`, diagnostics: introduced };
  }
  return { ok: true, kind, docId: source.id, changes, writes, digest: { page: digest, ...(source.digest !== undefined ? { recorded: source.digest } : {}) } };
}

type Inputs = { ok: true; byPath: Map<string, SpecFileInput> } | { ok: false; diagnostics: Diagnostic[] };

/** Each file parsed and checked against the schema: edits are made only to files that are well-formed. */
function readInputs(files: readonly SpecFile[]): Inputs {
  const byPath = new Map<string, SpecFileInput>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const shaped = parseAndShape(file);
    if (shaped.ok) byPath.set(file.path, shaped.document.data as SpecFileInput);
    else diagnostics.push(...shaped.diagnostics);
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, byPath };
}

function problemsOf(options: { files: readonly SpecFile[]; pages?: ReadonlyMap<string, string>; toolVersion: string }): readonly Diagnostic[] {
  const result = loadSpec(options);
  return result.ok ? [] : result.diagnostics;
}

/** The sentences quoted outside the spec from this page that are not in it, with where they are quoted. */
function quotedProblems(options: { quoted: readonly QuotedSentence[]; doc: string; text: string }): Diagnostic[] {
  return options.quoted
    .filter((sentence) => sentence.doc === options.doc)
    .flatMap((sentence) => [
      ...(appearsIn({ text: options.text, phrase: sentence.section })
        ? []
        : [{ at: "section", message: `section "${sentence.section}" is not in document ${sentence.doc}`, hint: "quote the heading exactly as the document words it" }]),
      ...(appearsIn({ text: options.text, phrase: sentence.quote })
        ? []
        : [{ at: "quote", message: `the quote is not in document ${sentence.doc}`, hint: "quote the sentence exactly as the document words it (a verdict cites it to the team it fails)" }]),
    ].map(({ at, message, hint }) => ({ file: sentence.file, line: 0, column: 0, field: `${sentence.field}.${at}`, message, hint })));
}

/**
 * The problems of the edited spec it did not have before. A spec being filled
 * in (say, its error lists emptied and synced one page at a time) has
 * problems until the last page is in; a sync may leave those, never add one.
 */
function newProblems(options: { before: readonly Diagnostic[]; after: readonly Diagnostic[] }): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.file}\u0000${d.field}\u0000${d.message}`;
  const remaining = new Map<string, number>();
  for (const d of options.before) remaining.set(key(d), (remaining.get(key(d)) ?? 0) + 1);
  return options.after.filter((d) => {
    const left = remaining.get(key(d)) ?? 0;
    if (left > 0) remaining.set(key(d), left - 1);
    return left === 0;
  });
}
