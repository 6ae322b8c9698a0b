import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";
import { captureIo } from "../../cli/test-support/capture.js";
import { packageVersion } from "../package-root.js";
import { formatDiagnostic, type Diagnostic } from "./diagnostic.js";
import { loadSpec, type LoadResult } from "./load-spec.js";
import type { SpecFile } from "./spec-document.js";
import { bundledSpec, bundledSpecDir } from "./test-support/bundled-spec.js";

/*
 * Hostile and broken spec files: whatever a person (or a merge, or a disk)
 * does to the YAML, the loader either loads it or rejects it with
 * diagnostics that carry file, line, column and a message, never an
 * exception; and the CLI exits 1 with those diagnostics, never a stack trace.
 */

const PATHS = bundledSpec.files.map((file) => file.path);

/** One edit of a file's lines; `a` and `b` in [0, 1) choose where and what. */
type Mutation = (lines: readonly string[], a: number, b: number, text: string) => string[];

const at = (length: number, r: number) => Math.min(length - 1, Math.floor(r * length));
const SCALARS = ["0", "-1", "3.5", "true", "null", "~", "[]", "{}", "[1, [2]]", "{ a: { b: 1 } }", '"str"', "2026-01-01", ".nan", "0x1F", "&anchor x", "*nope", "!!binary aGVsbG8=", "!!js/function 'f'", "!custom x", "|", ">-", "'", '"', "@", "`", "%", "- item", "? key", "{", "]", "a: b: c"];
const KEYS = ["x", "retries", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "id", "api", "<<"];

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  "delete a line": (lines, a) => lines.filter((_, i) => i !== at(lines.length, a)),
  "duplicate a line": (lines, a) => {
    const i = at(lines.length, a);
    return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)];
  },
  "swap two lines": (lines, a, b) => {
    const copy = [...lines];
    const [i, j] = [at(lines.length, a), at(lines.length, b)];
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    return copy;
  },
  "change a scalar to another type": (lines, a, b) => {
    const copy = [...lines];
    const i = at(lines.length, a);
    copy[i] = /:\s/.test(copy[i]!) ? copy[i]!.replace(/:\s.*$/, `: ${SCALARS[at(SCALARS.length, b)]}`) : `${copy[i]} ${SCALARS[at(SCALARS.length, b)]}`;
    return copy;
  },
  "insert an unknown key": (lines, a, b) => {
    const i = at(lines.length, a);
    const indent = (/^\s*(?:- )?/.exec(lines[i]!)?.[0] ?? "").replace("- ", "  ");
    return [...lines.slice(0, i + 1), `${indent}${KEYS[at(KEYS.length, b)]}: 1`, ...lines.slice(i + 1)];
  },
  truncate: (_lines, a, _b, text) => text.slice(0, Math.floor(a * text.length)).split("\n"),
  "indent a line differently": (lines, a, b) => {
    const copy = [...lines];
    const i = at(lines.length, a);
    copy[i] = b < 0.4 ? ` ${copy[i]}` : b < 0.8 ? copy[i]!.replace(/^ {1,2}/, "") : copy[i]!.replace(/^ +/, "\t");
    return copy;
  },
};

const mutationArbitrary = fc.record({
  file: fc.constantFrom(...PATHS),
  edits: fc.array(fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true })), { minLength: 1, maxLength: 3 }),
  // Random bytes and code points, read as text the way a file with them would be.
  bytes: fc.option(
    fc.tuple(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
        fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
        fc.constantFrom("\0", "\uFEFF", "\u2028", "\r", "\uFFFD", "\t", "\u0085"),
      ),
    ),
    { freq: 3 },
  ),
});

function mutate(file: SpecFile, edits: readonly [string, number, number][], bytes: [number, string] | null): string {
  let text = file.text;
  for (const [name, a, b] of edits) {
    const lines = text.split("\n");
    text = MUTATIONS[name]!(lines.length > 0 ? lines : [""], a, b, text).join("\n");
  }
  if (bytes) {
    const [where, inserted] = bytes;
    const offset = Math.floor(where * text.length);
    text = text.slice(0, offset) + inserted + text.slice(offset);
  }
  return text;
}

function withFile(path: string, text: string): SpecFile[] {
  return bundledSpec.files.map((file) => (file.path === path ? { path, text } : file));
}

function load(files: readonly SpecFile[]): LoadResult {
  return loadSpec({ files, toolVersion: packageVersion });
}

/** A diagnostic a person can act on: a spec file, a place in it, and words. */
function expectLocated(diagnostics: readonly Diagnostic[]): void {
  expect(diagnostics.length).toBeGreaterThan(0);
  for (const d of diagnostics) {
    const shown = formatDiagnostic(d);
    expect(PATHS, shown).toContain(d.file);
    expect(d.line, shown).toBeGreaterThanOrEqual(1);
    expect(d.column, shown).toBeGreaterThanOrEqual(1);
    expect(d.message.trim().length, shown).toBeGreaterThan(0);
    expect(shown).not.toMatch(/\n\s+at /);
  }
}

/** Hostile files a fuzzer would rarely build: nesting, bombs, tags, line ends, and shapes the loader reads before the schema does. */
const HOSTILE: readonly (readonly [string, string, (text: string) => string])[] = [
  ["an empty file", "spec/handling.yaml", () => ""],
  ["a document separator only", "spec/handling.yaml", () => "---\n"],
  ["two documents", "spec/incentives/rules.yaml", (text) => `${text}---\n${text}`],
  ["flow sequences nested 20 000 deep", "spec/amazon-pay/errors.yaml", () => `errors: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`],
  ["mappings nested 3 000 deep", "spec/amazon-pay/rules.yaml", () => `${Array.from({ length: 3_000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} 1\n`],
  ["an alias bomb", "spec/sources.yaml", () => `a: &a [x,x,x,x,x,x,x,x,x,x]\n${["b", "c", "d", "e", "f", "g"].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${i === 0 ? "a" : ["b", "c", "d", "e", "f"][i - 1]}`).join(",")}]`).join("\n")}\n`],
  ["a JavaScript function tag", "spec/handling.yaml", () => "handling: !!js/function 'function () { process.exit(1) }'\n"],
  ["an unknown tag", "spec/handling.yaml", (text) => text.replace("handling:", "handling: !include /etc/passwd\nx:")],
  ["a NUL byte", "spec/incentives/classes.yaml", (text) => text.replace("errorClasses:", "errorClasses:\0")],
  ["CR-only line ends", "spec/incentives/operations.yaml", (text) => text.replace(/\n/g, "\r")],
  ["U+2028 line separators", "spec/incentives/operations.yaml", (text) => text.replace(/\n/g, "\u2028")],
  ["a collection as a key", "spec/handling.yaml", (text) => `? [a, b]\n: 1\n${text}`],
  ["__proto__ as a key", "spec/handling.yaml", (text) => `${text}__proto__: { polluted: true }\n`],
  ["sources as a mapping instead of a list", "spec/sources.yaml", (text) => text.replace(/^sources:[\s\S]*$/m, "sources: { a: 1 }\n")],
  ["sources as a number", "spec/sources.yaml", (text) => text.replace(/^sources:[\s\S]*$/m, "sources: 5\n")],
  ["a source entry that is a list", "spec/sources.yaml", (text) => text.replace(/^sources:\n/m, "sources:\n  - [file, x]\n")],
  // The spec keeps no copy of a page: a `file` is refused, never read (a device such as /dev/zero would be read forever).
  ["a document that names a file", "spec/sources.yaml", (text) => withDocument003(text, `    file: ${"../".repeat(24)}dev/zero\n`)],
  ["a document whose digest is not a sha256", "spec/sources.yaml", (text) => text.replace(/(- id: "003"[\s\S]*?digest: )sha256:/, "$1sha1:")],
  ["a document whose digest is a number", "spec/sources.yaml", (text) => text.replace(/(- id: "003"[\s\S]*?digest: )sha256:[0-9a-f]+/, "$1 12")],
];

/** sources.yaml with `lines` added to document 003's entry. */
function withDocument003(text: string, lines: string): string {
  const url = "    url: https://developer.amazon.com/docs/incentives-api/gift-codes-errors.html\n";
  if (!text.includes(url)) throw new Error("fixture: document 003 has no url line");
  return text.replace(url, `${url}${lines}`);
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A copy of the bundled spec folder where `path` holds `text`. */
function specDirWith(path: string, text: string): string {
  const root = mkdtempSync(join(tmpdir(), "faultproof-fuzz-"));
  roots.push(root);
  cpSync(bundledSpecDir, join(root, "spec"), { recursive: true });
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  return join(root, "spec");
}

async function specCli(dir: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ NO_COLOR: "1" });
  const code = await runCli({ ...io, argv: ["spec", "--json", "--spec-dir", dir] });
  return { code, out: io.out(), err: io.err() };
}

/** Exit 1 with located diagnostics and nothing on stdout, or exit 0 with the catalogue; never a stack trace. */
function expectCliAnswer(run: { code: number; out: string; err: string }, loads: boolean): void {
  expect(run.err).not.toMatch(/\n\s+at /);
  expect(run.err).not.toMatch(/faultproof: (internal error|cannot read the spec folder)/);
  if (loads) {
    expect(run.code, run.err).toBe(0);
    return;
  }
  expect(run.code, run.err).toBe(1);
  expect(run.out).toBe("");
  const errors = run.err.split("\n").filter((line) => line.startsWith("error "));
  expect(errors.length).toBeGreaterThan(0);
  for (const line of errors) expect(line).toMatch(/^error spec\/[\w/-]+\.yaml:\d+:\d+: /);
  expect(run.err).toMatch(/the spec has \d+ problems?; nothing was written/);
}

describe("a fuzzed spec loads or is rejected with located diagnostics, never an exception", () => {
  it("holds for random line edits, type changes, unknown keys, truncation, bytes and indentation", () => {
    const seen = { loaded: 0, rejected: 0 };
    fc.assert(
      fc.property(mutationArbitrary, ({ file, edits, bytes }) => {
        const text = mutate(bundledSpec.files.find((f) => f.path === file)!, edits, bytes);
        const result = load(withFile(file, text));
        if (result.ok) seen.loaded += 1;
        else {
          seen.rejected += 1;
          expectLocated(result.diagnostics);
        }
      }),
      // A fixed seed: the same cases on every run, so a failure here is a bug, not bad luck.
      { numRuns: 40, seed: 6 },
    );
    // The fuzzer reaches the diagnostics, and edits that keep a spec valid load.
    expect(seen.rejected).toBeGreaterThan(10);
    expect(seen.loaded).toBeGreaterThan(0);
  }, 60_000);

  it.each(HOSTILE)("%s", (_name, path, edit) => {
    const original = bundledSpec.files.find((f) => f.path === path)!.text;
    const result = load(withFile(path, edit(original)));
    expect(result.ok).toBe(false);
    if (!result.ok) expectLocated(result.diagnostics);
  });
});

describe("faultproof spec --spec-dir on a broken spec: exit 1, located errors, no stack trace", () => {
  it("answers fuzzed folders as the loader does", async () => {
    const samples = fc.sample(mutationArbitrary, { numRuns: 6, seed: 16 });
    for (const { file, edits, bytes } of samples) {
      const text = mutate(bundledSpec.files.find((f) => f.path === file)!, edits, bytes);
      expectCliAnswer(await specCli(specDirWith(file, text)), load(withFile(file, text)).ok);
    }
  }, 60_000);

  // The loader's own cases are above; through the CLI, those that reach readSpecDir's own reading of sources.yaml, and a few of the rest.
  const THROUGH_CLI = HOSTILE.filter(([name, path]) => path === "spec/sources.yaml" || /nested|NUL/.test(name));
  it.each(THROUGH_CLI)("%s", async (_name, path, edit) => {
    const original = bundledSpec.files.find((f) => f.path === path)!.text;
    expectCliAnswer(await specCli(specDirWith(path, edit(original))), false);
  });

  it("names a document's file at its place: the spec keeps no copy of a page", async () => {
    const sources = bundledSpec.files.find((f) => f.path === "spec/sources.yaml")!.text;
    const run = await specCli(specDirWith("spec/sources.yaml", withDocument003(sources, "    file: sources/003.txt\n")));
    expect(run.err).toMatch(/^error spec\/sources\.yaml:\d+:5: sources\[2\]\.file: unknown key "file"$/m);
  });
});
