import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from "yaml";
import type { SpecFile } from "../spec/spec-document.js";
import type { ApiId } from "../spec/spec-input.js";
import type { Change } from "./diff-page.js";
import type { NewEntry } from "./new-entry.js";

/** The order keys of an error entry appear in, so a key sync adds lands where a person would write it. */
const KEY_ORDER = [
  "id", "code", "httpStatus", "statusText", "errorClass", "mockCode", "message", "details", "operations", "handling",
  "rationale", "documentsSilent", "review", "removedFromPage", "source", "statusSource",
];
/** Lists and citations are written inline, as the spec's entries write them. */
const FLOW_KEYS = new Set(["operations", "details", "source"]);
/** With no line width, a long message stays on one line, as in the hand-written files. */
const STRINGIFY = { lineWidth: 0 } as const;

/**
 * The spec files the changes touch, with the changes made through the YAML
 * document model: comments, anchors, key order and quoting of everything else
 * stay as they were, and entries are appended to the end of `errors`.
 * Entries are addressed by index, which stays valid because nothing is
 * deleted or inserted before an existing entry.
 */
export function applyEdits(options: { files: readonly SpecFile[]; changes: readonly Change[]; api: ApiId }): SpecFile[] {
  const byFile = new Map<string, Change[]>();
  for (const change of options.changes) byFile.set(change.file, [...(byFile.get(change.file) ?? []), change]);
  return [...byFile].map(([path, changes]) => {
    const existing = options.files.find((file) => file.path === path);
    const doc = existing ? parseDocument(existing.text) : newFile(options.api);
    for (const change of changes) {
      if (change.kind === "added") appendEntry(doc, change.entry);
      else editEntry(doc, change);
    }
    return { path, text: doc.toString(STRINGIFY) };
  });
}

function newFile(api: ApiId, comment = " yaml-language-server: $schema=../spec.schema.json"): Document {
  const doc = new Document({ api, errors: [] });
  doc.commentBefore = comment;
  return doc;
}

function entryAt(doc: Document, index: number): YAMLMap {
  const node = doc.getIn(["errors", index], true);
  if (!isMap(node)) throw new Error(`sync: errors[${index}] is not a mapping`);
  return node;
}

function editEntry(doc: Document, change: Exclude<Change, { kind: "added" }>): void {
  const entry = entryAt(doc, change.index);
  if (change.kind === "removed") {
    setField(doc, entry, "removedFromPage", true);
    return;
  }
  for (const edit of change.edits) {
    if (edit.to === undefined) entry.delete(edit.field);
    else setField(doc, entry, edit.field, edit.to);
  }
  if (change.restored) entry.delete("removedFromPage");
  if (change.review !== undefined) setField(doc, entry, "review", change.review);
}

/** Sets a key, keeping the comments around its old value, or adds it in KEY_ORDER. */
function setField(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const old = map.get(key, true) as Node | undefined;
  if (isScalar(old) && (value === null || typeof value !== "object")) {
    old.value = value;
    return;
  }
  const node = nodeOf(doc, key, value);
  if (old) {
    if (old.comment) node.comment = old.comment;
    if (old.commentBefore) node.commentBefore = old.commentBefore;
    map.set(key, node);
    return;
  }
  const rank = KEY_ORDER.indexOf(key);
  const at = map.items.findIndex((pair) => KEY_ORDER.indexOf(String((pair.key as { value?: unknown }).value ?? pair.key)) > rank);
  map.items.splice(at < 0 ? map.items.length : at, 0, doc.createPair(key, node));
}

function nodeOf(doc: Document, key: string, value: unknown): Node {
  // Entries share lists (a placement's operations); each gets its own copy, not an alias.
  const node = doc.createNode(value, { aliasDuplicateObjects: false }) as Node;
  if (FLOW_KEYS.has(key) && (isSeq(node) || isMap(node))) node.flow = true;
  return node;
}

function appendEntry(doc: Document, entry: NewEntry): void {
  let errors = doc.get("errors", true);
  if (!isSeq(errors)) {
    errors = doc.createNode([]);
    doc.set("errors", errors);
  }
  if (!isSeq(errors)) throw new Error("sync: cannot create an errors list");
  // `errors: []` in an emptied file: the entries go in block style like everywhere else.
  errors.flow = false;
  const map = doc.createNode({}, { aliasDuplicateObjects: false }) as YAMLMap;
  for (const [key, value] of Object.entries(entry)) map.items.push(doc.createPair(key, nodeOf(doc, key, value)));
  errors.items.push(map);
}

/**
 * A file with entries appended to its `errors`, created (for `api`) when it
 * does not exist yet: how `sync --into` puts an entry of the bundled spec
 * that the page changed into the team's overlay, comments of the file kept.
 */
export function appendEntries(options: { path: string; file: SpecFile | undefined; api: ApiId; entries: readonly NewEntry[]; comment?: string }): SpecFile {
  const doc = options.file ? parseDocument(options.file.text) : newFile(options.api, options.comment);
  for (const entry of options.entries) appendEntry(doc, entry);
  return { path: options.path, text: doc.toString(STRINGIFY) };
}

/**
 * spec/sources.yaml with one document's `digest` set to the page's, through
 * the YAML document model like every other edit: the digest of the text the
 * spec was last synced from, kept instead of a copy of the page.
 */
export function recordDigest(options: { file: SpecFile; index: number; digest: string }): SpecFile {
  const doc = parseDocument(options.file.text);
  const entry = doc.getIn(["sources", options.index], true);
  if (!isMap(entry)) throw new Error(`sync: sources[${options.index}] is not a mapping`);
  const old = entry.get("digest", true) as Node | undefined;
  if (isScalar(old)) old.value = options.digest;
  else entry.set("digest", options.digest);
  return { path: options.file.path, text: doc.toString(STRINGIFY) };
}
