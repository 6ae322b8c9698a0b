import { isMap, isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { Diagnostic, FieldPath } from "./diagnostic.js";
import { fieldName } from "./diagnostic.js";

/** A spec file as read from disk: its path (for messages) and its text. */
export interface SpecFile {
  readonly path: string;
  readonly text: string;
}

/** A parsed spec file that can point back at the line and column of any field. */
export interface SpecDocument {
  readonly path: string;
  readonly data: unknown;
  /** A diagnostic located at `at` (or at the key `key` of the map at `at`). */
  diagnose(options: { at: FieldPath; key?: string; message: string; hint?: string }): Diagnostic;
}

export type Parsed = { ok: true; document: SpecDocument } | { ok: false; diagnostics: Diagnostic[] };

export function parseSpecFile(file: SpecFile): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      diagnostics: problems.map((problem) => {
        const pos = lineCounter.linePos(problem.pos[0]);
        return { file: file.path, line: pos.line, column: pos.col, field: "", message: `invalid YAML: ${firstLine(problem.message)}` };
      }),
    };
  }
  let data: unknown;
  try {
    // A bounded alias count keeps a "billion laughs" file from expanding without limit.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, diagnostics: [{ file: file.path, line: 1, column: 1, field: "", message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return { ok: true, document: { path: file.path, data, diagnose: (options) => locate({ doc, lineCounter, path: file.path, ...options }) } };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function locate(options: {
  doc: Document;
  lineCounter: LineCounter;
  path: string;
  at: FieldPath;
  key?: string;
  message: string;
  hint?: string;
}): Diagnostic {
  const { doc, lineCounter, at, key } = options;
  // Walk up from the deepest node that exists, so a missing field points at its parent.
  let offset = 0;
  for (let depth = at.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(at.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    offset = node.range[0];
    if (depth === at.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
      if (pair && isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    break;
  }
  const pos = lineCounter.linePos(offset);
  const field = fieldName(key === undefined ? at : [...at, key]);
  return { file: options.path, line: pos.line, column: pos.col, field, message: options.message, ...(options.hint ? { hint: options.hint } : {}) };
}
