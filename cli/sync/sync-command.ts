import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { packageVersion } from "../../generator/package-root.js";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { readSpecDir, type SpecDir } from "../../generator/spec/read-spec-dir.js";
import { changelogLines } from "../../generator/sync/changelog.js";
import type { Change } from "../../generator/sync/diff-page.js";
import { PAGE_KINDS } from "../../generator/sync/page-kinds.js";
import { syncPage, type QuotedSentence } from "../../generator/sync/sync-page.js";
import { EXIT } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../terminal.js";
import { fetchPage, isAddress } from "./fetch-page.js";
import { FLOW_SENTENCES } from "./flow-sentences.js";
import { syncWithOverlay } from "./sync-overlay.js";
import { writeAllOrNothing } from "./write-all-or-nothing.js";

/** How long `faultproof sync <url>` waits for a page, unless `--timeout` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What one page's sync needs. */
export interface SyncOptions {
  readonly io: CliIo;
  /** A file's path, or an http(s) address. */
  readonly page: string;
  readonly pageName: string;
  readonly check: boolean;
  readonly specDir: string;
  /** Sentences quoted outside the spec, checked against the page too; the flows' by default. */
  readonly quoted?: readonly QuotedSentence[];
  readonly timeoutMs?: number;
  /** The team's spec overlay (absolute): edits go there, never into the bundled spec. */
  readonly into?: string;
  /** The team's project, which the overlay's paths are shown from. */
  readonly cwd?: string;
}

/**
 * `faultproof sync <page>`: the file system (or the network) around
 * `syncPage`. The page is a saved file or an http(s) address, fetched with a
 * timeout and its redirects followed up to a limit. Exit 0 when the spec
 * agrees with the page or was updated, 1 when `--check` finds them apart or
 * the spec would not load with the page (a section or a quoted sentence it no
 * longer has), 2 when the page or the spec folder cannot be read (a timeout, a
 * redirect loop, an HTTP error, an answer that is not HTML or text) or the
 * page is not one faultproof knows. A page whose rows and quoted sentences
 * agree but whose digest is not the one spec/sources.yaml records changed in
 * ways the spec does not track: `--check` says so and exits 0.
 */
export async function syncCommand(options: SyncOptions): Promise<number> {
  return (await syncOne(options)).code;
}

/**
 * `faultproof sync --all`: every page spec/sources.yaml gives an address for,
 * fetched and synced (or, with `--check`, checked) in turn; a document
 * without an address is skipped with a note. The output opens with one line
 * per page saying what changed, then each page's own report. Exit 2 when a
 * page could not be read, else 1 when one disagrees, else 0.
 */
export async function syncAllCommand(options: {
  io: CliIo;
  check: boolean;
  specDir: string;
  quoted?: readonly QuotedSentence[];
  timeoutMs?: number;
  into?: string;
  cwd?: string;
}): Promise<number> {
  const { io } = options;
  let documents: { id: string; title?: string; url?: string }[];
  try {
    documents = readSources(options.specDir);
  } catch (error) {
    io.stderr.write(`faultproof: cannot read the spec folder ${options.specDir}: ${reason(error)}\n`);
    return EXIT.usage;
  }
  const verb = options.check ? "checked" : "synced";
  const summary: string[] = [];
  const details: string[] = [];
  let code: number = EXIT.ok;
  // A page a reader knows, by its address or (in a copy of the spec pointed at saved pages) its title.
  const readable = (doc: { title?: string; url?: string }) => PAGE_KINDS.some((kind) => kind.url === doc.url || kind.title === doc.title);
  const withUrl = documents.filter((doc) => doc.url && readable(doc));
  for (const doc of documents) {
    const label = `doc ${doc.id}${doc.title ? ` (${doc.title})` : ""}`;
    if (!doc.url) {
      summary.push(`  skipped ${label}: spec/sources.yaml gives it no url`);
      continue;
    }
    // A page the spec cites but no reader of generator/sources/ reads yet: its quotes stay unchecked, said so.
    if (!readable(doc)) {
      summary.push(`  skipped ${label}: faultproof has no reader for this page yet, so the sentences the spec quotes from it are not checked`);
      continue;
    }
    const out = bufferIo(io);
    const result = await syncOne({ ...options, io: out, page: doc.url, pageName: doc.url });
    code = Math.max(code, result.code);
    summary.push(`  ${result.code === EXIT.ok ? "ok" : result.code === EXIT.invalid ? "DIFFERS" : "FAILED"} ${label}: ${result.summary}`);
    details.push(`--- ${doc.url}\n${out.out()}${out.err()}`);
  }
  const outcome = code === EXIT.ok ? "the spec agrees with every page" : code === EXIT.invalid ? "the spec is out of date" : "a page could not be read";
  io.stdout.write(`faultproof sync${options.check ? " --check" : ""} --all: ${withUrl.length} page${withUrl.length === 1 ? "" : "s"} ${verb}; ${outcome}\n${summary.map((line) => `${line}\n`).join("")}`);
  if (details.length > 0) io.stdout.write(`\n${details.join("\n")}`);
  return code;
}

/** The documents spec/sources.yaml lists (the spec file with a `sources` list). */
function readSources(specDir: string): { id: string; title?: string; url?: string }[] {
  const { files } = readSpecDir(specDir);
  for (const file of files) {
    const data: unknown = parse(file.text);
    const sources = (data as { sources?: unknown } | null)?.sources;
    if (Array.isArray(sources)) {
      return sources.flatMap((doc: unknown) => {
        if (typeof doc !== "object" || doc === null) return [];
        const { id, title, url } = doc as Record<string, unknown>;
        return [{ id: String(id), ...(typeof title === "string" ? { title } : {}), ...(typeof url === "string" && url ? { url } : {}) }];
      });
    }
  }
  throw new Error("no spec file lists sources (spec/sources.yaml)");
}

/** Streams that keep what is written, to print a page's report after the summary. */
function bufferIo(io: CliIo): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { ...io, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, out: () => out, err: () => err };
}

/** One page synced or checked: the exit code, and what happened in a few words for `--all`'s summary. */
async function syncOne(options: SyncOptions): Promise<{ code: number; summary: string }> {
  const { io, pageName } = options;
  const fail = (code: number, message: string, summary = message) => {
    io.stderr.write(`faultproof: ${message}\n`);
    return { code, summary };
  };
  let content: string;
  let address: string | undefined;
  if (isAddress(options.page)) {
    const fetched = await fetchPage({ address: options.page, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    if (!fetched.ok) return fail(EXIT.usage, `cannot read the page ${pageName}: ${fetched.reason}`, `cannot read the page: ${fetched.reason}`);
    content = fetched.content;
    address = options.page;
  } else {
    try {
      content = readFileSync(options.page, "utf8");
    } catch (error) {
      return fail(EXIT.usage, `cannot read the page ${pageName}: ${reason(error)}`);
    }
  }
  if (options.into !== undefined) {
    const page = { name: pageName, content, ...(address !== undefined ? { address } : {}) };
    return syncWithOverlay({ ...options, page, into: options.into, cwd: options.cwd ?? process.cwd(), quoted: options.quoted ?? FLOW_SENTENCES });
  }
  let spec: SpecDir;
  try {
    spec = readSpecDir(options.specDir);
  } catch (error) {
    return fail(EXIT.usage, `cannot read the spec folder ${options.specDir}: ${reason(error)}`);
  }

  const result = syncPage({
    page: { name: pageName, content, ...(address !== undefined ? { address } : {}) },
    spec,
    quoted: options.quoted ?? FLOW_SENTENCES,
    toolVersion: packageVersion,
  });
  if (!result.ok) {
    if (result.diagnostics && result.diagnostics.length > 0) {
      const colors = colorsFor({ stream: io.stderr, env: io.env });
      io.stderr.write(result.diagnostics.map((d) => colors.red("error ") + formatDiagnostic(d)).join("\n") + "\n");
    }
    const count = result.diagnostics?.length ?? 0;
    return fail(result.problem === "page" ? EXIT.usage : EXIT.invalid, result.message, count > 0 ? `${result.message} (${count} problem${count === 1 ? "" : "s"})` : result.message);
  }

  const about = `${pageName} (${result.kind.title}, doc ${result.docId})`;
  const { digest } = result;
  const pageChanged = digest.recorded !== digest.page;
  if (result.changes.length === 0 && (options.check || !pageChanged)) {
    io.stdout.write(`spec agrees with ${about}; nothing to write\n`);
    if (pageChanged) {
      const since = digest.recorded === undefined ? `spec/sources.yaml records no digest of doc ${result.docId}` : `its digest was ${short(digest.recorded)} when the spec was last synced`;
      io.stdout.write(
        `note: the page is ${short(digest.page)}, but ${since}: it changed in ways the spec does not track (or was saved in another form); ` +
          `\`faultproof sync ${pageName}\` records its digest\n`,
      );
    }
    return { code: EXIT.ok, summary: pageChanged ? "rows and quotes agree; the page changed elsewhere (new digest)" : "agrees" };
  }
  const count = `${result.changes.length} change${result.changes.length === 1 ? "" : "s"}`;
  const lines = changelogLines(result.changes);
  const log = lines.map((line) => `  ${line}\n`).join("");
  const tally = tallyOf(result.changes);
  if (options.check) {
    io.stdout.write(`spec disagrees with ${about}: ${count}\n${log}`);
    return fail(EXIT.invalid, `the spec is out of date with ${pageName}; run \`faultproof sync ${pageName}\` and review the changes`, `${count} (${tally})`);
  }
  try {
    writeAllOrNothing(result.writes.map((write) => ({ path: join(dirname(options.specDir), write.path), text: write.text })));
  } catch (error) {
    return fail(EXIT.usage, `cannot write the spec folder ${options.specDir}: ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
  }
  const wrote = `wrote ${result.writes.map((write) => write.path).join(", ")}\n`;
  if (result.changes.length === 0) {
    io.stdout.write(`spec agrees with ${about}; recorded the page's digest ${short(digest.page)}\n${wrote}`);
    return { code: EXIT.ok, summary: "agrees; recorded the page's new digest" };
  }
  io.stdout.write(
    `synced ${about}: ${count}\n${log}${wrote}` + `next: confirm the entries marked for review (faultproof spec lists them), then run faultproof generate\n`,
  );
  return { code: EXIT.ok, summary: `synced ${count} (${tally})` };
}

/** "1 new, 2 changed, 1 removed from the page": the changes by kind. */
function tallyOf(changes: readonly Change[]): string {
  const of = (kind: Change["kind"]) => changes.filter((change) => change.kind === kind).length;
  return [
    [of("added"), "new"],
    [of("changed"), "changed"],
    [of("removed"), "removed from the page"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(", ");
}

/** `sha256:` and the first 12 hex digits: enough to tell two digests apart in a message. */
function short(digest: string): string {
  return digest.slice(0, "sha256:".length + 12);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EISDIR") return "it is a folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** What is wrong with `faultproof sync`'s arguments, if anything: a page or `--all` (not both), and a timeout in seconds. */
export function syncUsageProblem(options: { page: string | undefined; all: boolean; timeout: string }): string | undefined {
  if (options.page === undefined && !options.all) return "missing required argument 'page' (a saved page or its address), or --all";
  if (options.page !== undefined && options.all) return "give a page or --all, not both";
  const seconds = Number(options.timeout);
  if (!options.timeout.trim() || !Number.isFinite(seconds) || seconds <= 0) return `--timeout takes a number of seconds greater than 0, not "${options.timeout}"`;
  return undefined;
}
