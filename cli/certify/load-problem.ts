import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect, stripVTControlCharacters } from "node:util";
import { packageRoot } from "../../generator/package-root.js";
import type { Diagnostic } from "../../generator/spec/diagnostic.js";
import { escapeRegExp, findInFile, shownPath, WHOLE_FILE, type Position } from "./source-position.js";

/** What was being loaded when a module failed: for the message, and for a hint when the failure is in a file it imports. */
export interface LoadContext {
  /** The module certify imported (absolute). */
  readonly module: string;
  /** "the config" or "the adapter". */
  readonly loading: string;
  /** Says which module was loading, for a problem found in another file: "the adapter faultproof/adapter.ts, named by faultproof.config.ts". */
  readonly within: string;
  /** vite's root: the ids in its parse errors are relative to it. */
  readonly root: string;
  /** The folder certify runs in: paths are shown relative to it. */
  readonly cwd: string;
}

/**
 * Why a team's config or adapter module did not import, as a Diagnostic at the
 * place to edit: the parser's position for a syntax error, the import that
 * names a missing module, the innermost line of the team's own code for a
 * throw. What vitest's module runner throws carries these only in its message
 * and stack; a person gets the place and the cause, never the stack.
 */
export function loadProblem(error: unknown, context: LoadContext): Diagnostic {
  const found = syntaxError(error, context) ?? notFound(error, context) ?? thrown(error, context);
  const elsewhere = found.file !== context.module ? `while loading ${context.within}` : undefined;
  const hint = [found.hint, elsewhere].filter(Boolean).join("; ");
  return { file: shownPath(found.file, context.cwd), line: found.line, column: found.column, field: "", message: found.message, ...(hint ? { hint } : {}) };
}

/** A module that the runner could not find: the specifier, and the file that imports it (none when it is the module asked for). */
export function missingModule(error: unknown, root: string): { specifier: string; importer?: string } | undefined {
  const text = messageOf(error);
  const vite = /Failed to load url (\S+) \(resolved id: [^)]*\)(?: in (\S+?))?\. Does the file exist\?/.exec(text);
  const node = /Cannot find (?:module|package) '([^']+)' imported from '?([^'\n]+?)'?$/m.exec(text);
  const match = vite ?? node;
  if (!match) return undefined;
  const importer = match[2] && match[2] !== "undefined" ? fileOfId(match[2], root) : undefined;
  return { specifier: match[1]!, ...(importer ? { importer } : {}) };
}

interface Found extends Position {
  readonly file: string;
  readonly message: string;
  readonly hint?: string;
}

/** oxc (TypeScript) and rolldown (JavaScript) parse errors, as vite reports them. */
function syntaxError(error: unknown, context: LoadContext): Found | undefined {
  const text = messageOf(error);
  const rollup = (error as { __vitest_rollup_error__?: { id?: string; loc?: { file?: string; line: number; column: number } } } | null)?.__vitest_rollup_error__;
  if (!rollup && !/^(Transform failed|Parse failure)/.test(text)) return undefined;
  // oxc: "[PARSE_ERROR] Expected `,` but found `{`"; rolldown: "Parse failed with 1 error:\nUnexpected token".
  const reason = /\[[A-Z_]+\]\s*(.+)/.exec(text)?.[1] ?? /Parse failed with \d+ errors?:\n(.+)/.exec(text)?.[1] ?? firstLine(text);
  const id = rollup?.loc?.file ?? rollup?.id;
  // rollup's loc counts columns from 0; oxc's frame ("╭─[ adapter.ts:3:44 ]") from 1.
  const framed = /─\[\s*\S+?:(\d+):(\d+)\s*\]/.exec(text);
  const position = rollup?.loc ? { line: rollup.loc.line, column: rollup.loc.column + 1 } : framed ? { line: Number(framed[1]), column: Number(framed[2]) } : WHOLE_FILE;
  return { file: (id && fileOfId(id, context.root)) ?? context.module, ...position, message: `syntax error: ${reason.trim()}` };
}

function notFound(error: unknown, context: LoadContext): Found | undefined {
  const missing = missingModule(error, context.root);
  if (!missing) return undefined;
  const hint = "check the path (relative to this file), or install the package";
  if (!missing.importer) return { file: context.module, ...WHOLE_FILE, message: `no such module: ${missing.specifier}` };
  const quoted = new RegExp(`(["'\`])${escapeRegExp(missing.specifier)}\\1`);
  return { file: missing.importer, ...findInFile(missing.importer, quoted), message: `cannot find module "${missing.specifier}"`, hint };
}

function thrown(error: unknown, context: LoadContext): Found {
  if (!(error instanceof Error)) return { file: context.module, ...WHOLE_FILE, message: `loading ${context.loading} threw ${inspect(error, { depth: 1, breakLength: Infinity })}` };
  const frame = ownFrame(error.stack ?? "");
  return { file: frame?.file ?? context.module, line: frame?.line ?? 0, column: frame?.column ?? 0, message: `loading ${context.loading} threw ${error.name}: ${firstLine(error.message)}` };
}

/**
 * The innermost stack frame in the team's own code: not in a dependency, not
 * in Node, not in faultproof's CLI (which did the importing). Positions are
 * the sources', vitest's module runner maps them.
 */
function ownFrame(stack: string): (Position & { file: string }) | undefined {
  const ours = [join(packageRoot, "cli") + sep, join(packageRoot, "dist") + sep];
  for (const line of stack.split("\n")) {
    const match = /^\s+at (?:.*?\()?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^():]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (file.includes(`${sep}node_modules${sep}`) || ours.some((dir) => file.startsWith(dir)) || !existsSync(file)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/** vite names a module by its absolute path, by a path under its root ("/src/x.mjs"), or by "/@fs/<absolute path>". */
function fileOfId(id: string, root: string): string {
  const path = id.replace(/[?#].*$/, "").replace(/^\/@fs\//, "/");
  return existsSync(path) ? path : join(root, path);
}

function messageOf(error: unknown): string {
  return stripVTControlCharacters(error instanceof Error ? error.message : typeof error === "string" ? error : "");
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}
