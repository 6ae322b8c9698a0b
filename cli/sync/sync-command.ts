import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { packageVersion } from "../../generator/package-root.js";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { readSpecDir, type SpecDir } from "../../generator/spec/read-spec-dir.js";
import { changelogLines } from "../../generator/sync/changelog.js";
import { syncPage, type QuotedSentence } from "../../generator/sync/sync-page.js";
import { EXIT } from "../run-cli.js";
import { colorsFor, type CliIo } from "../terminal.js";
import { FLOW_SENTENCES } from "./flow-sentences.js";
import { writeAllOrNothing } from "./write-all-or-nothing.js";

/**
 * `faultproof sync <page>`: the file system around `syncPage`. Exit 0 when
 * the spec agrees with the page or was updated, 1 when `--check` finds them
 * apart or the spec would not load with the page (a section or a quoted
 * sentence it no longer has), 2 when the page or the spec folder cannot be
 * read or the page is not one faultproof knows. A page whose rows and quoted
 * sentences agree but whose digest is not the one spec/sources.yaml records
 * changed in ways the spec does not track: `--check` says so and exits 0.
 */
export function syncCommand(options: {
  io: CliIo;
  page: string;
  pageName: string;
  check: boolean;
  specDir: string;
  /** Sentences quoted outside the spec, checked against the page too; the flows' by default. */
  quoted?: readonly QuotedSentence[];
}): number {
  const { io, pageName } = options;
  const fail = (code: number, message: string) => {
    io.stderr.write(`faultproof: ${message}\n`);
    return code;
  };
  let content: string;
  try {
    content = readFileSync(options.page, "utf8");
  } catch (error) {
    return fail(EXIT.usage, `cannot read the page ${pageName}: ${reason(error)}`);
  }
  let spec: SpecDir;
  try {
    spec = readSpecDir(options.specDir);
  } catch (error) {
    return fail(EXIT.usage, `cannot read the spec folder ${options.specDir}: ${reason(error)}`);
  }

  const result = syncPage({ page: { name: pageName, content }, spec, quoted: options.quoted ?? FLOW_SENTENCES, toolVersion: packageVersion });
  if (!result.ok) {
    if (result.diagnostics && result.diagnostics.length > 0) {
      const colors = colorsFor({ stream: io.stderr, env: io.env });
      io.stderr.write(result.diagnostics.map((d) => colors.red("error ") + formatDiagnostic(d)).join("\n") + "\n");
    }
    return fail(result.problem === "page" ? EXIT.usage : EXIT.invalid, result.message);
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
    return EXIT.ok;
  }
  const count = `${result.changes.length} change${result.changes.length === 1 ? "" : "s"}`;
  const log = changelogLines(result.changes).map((line) => `  ${line}\n`).join("");
  if (options.check) {
    io.stdout.write(`spec disagrees with ${about}: ${count}\n${log}`);
    return fail(EXIT.invalid, `the spec is out of date with ${pageName}; run \`faultproof sync ${pageName}\` and review the changes`);
  }
  try {
    writeAllOrNothing(result.writes.map((write) => ({ path: join(dirname(options.specDir), write.path), text: write.text })));
  } catch (error) {
    return fail(EXIT.usage, `cannot write the spec folder ${options.specDir}: ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
  }
  const wrote = `wrote ${result.writes.map((write) => write.path).join(", ")}\n`;
  if (result.changes.length === 0) {
    io.stdout.write(`spec agrees with ${about}; recorded the page's digest ${short(digest.page)}\n${wrote}`);
    return EXIT.ok;
  }
  io.stdout.write(
    `synced ${about}: ${count}\n${log}${wrote}` + `next: confirm the entries marked for review (faultproof spec lists them), then run faultproof generate\n`,
  );
  return EXIT.ok;
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
