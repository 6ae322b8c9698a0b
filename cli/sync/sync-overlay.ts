import { relative, resolve } from "node:path";
import { packageVersion } from "../../generator/package-root.js";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { readOverlayDir } from "../../generator/spec/read-overlay-dir.js";
import { readSpecDir } from "../../generator/spec/read-spec-dir.js";
import type { SpecFile } from "../../generator/spec/spec-document.js";
import { changelogLines } from "../../generator/sync/changelog.js";
import { syncIntoOverlay } from "../../generator/sync/sync-into-overlay.js";
import { syncPage, type QuotedSentence } from "../../generator/sync/sync-page.js";
import { EXIT } from "../exit-codes.js";
import { colorsFor, type CliIo } from "../terminal.js";
import { writeAllOrNothing } from "./write-all-or-nothing.js";

/** One page's sync or check against the bundled spec with a team's overlay on it. */
export interface OverlaySyncOptions {
  readonly io: CliIo;
  readonly pageName: string;
  readonly page: { readonly name: string; readonly content: string; readonly address?: string };
  readonly check: boolean;
  readonly specDir: string;
  /** The overlay folder (absolute), and the team's project its paths are shown from. */
  readonly into: string;
  readonly cwd: string;
  readonly quoted: readonly QuotedSentence[];
}

/**
 * `faultproof sync <page> --into <overlay>`: edits land in the team's overlay,
 * never in the bundled spec. With `--check`, two kinds of difference are told
 * apart: the page changed (it disagrees with bundled + overlay: exit 1), or
 * the overlay is ahead of the bundled spec (the page agrees with bundled +
 * overlay but not with the bundled spec alone: exit 0, as the overlay is
 * doing its job until a newer faultproof bundles the same).
 */
export function syncWithOverlay(options: OverlaySyncOptions): { code: number; summary: string } {
  const { io, pageName } = options;
  const fail = (code: number, message: string, summary = message) => {
    io.stderr.write(`faultproof: ${message}\n`);
    return { code, summary };
  };
  const folder = relative(options.cwd, options.into).split("\\").join("/") || ".";
  let bundled: readonly SpecFile[];
  let overlay: readonly SpecFile[];
  try {
    bundled = readSpecDir(options.specDir).files;
    overlay = readOverlayDir({ dir: options.into, base: options.cwd });
  } catch (error) {
    return fail(EXIT.usage, `cannot read the spec folder or the overlay ${folder}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const result = syncIntoOverlay({ page: options.page, bundled, overlay, overlayFolder: folder, quoted: options.quoted, toolVersion: packageVersion });
  if (!result.ok) {
    if (result.diagnostics && result.diagnostics.length > 0) {
      const colors = colorsFor({ stream: io.stderr, env: io.env });
      io.stderr.write(result.diagnostics.map((d) => colors.red("error ") + formatDiagnostic(d)).join("\n") + "\n");
    }
    // A page or an overlay that cannot be read is the input's fault; a sync the spec cannot take is the spec's.
    return fail(result.problem === "spec" ? EXIT.invalid : EXIT.usage, result.message);
  }
  const about = `${pageName} (${result.kind.title}, doc ${result.docId})`;
  const count = (n: number) => `${n} change${n === 1 ? "" : "s"}`;
  const log = changelogLines(result.changes).map((line) => `  ${line}\n`).join("");
  if (options.check) {
    if (result.changes.length > 0) {
      io.stdout.write(`the page changed: ${about} disagrees with the bundled spec + your overlay ${folder}: ${count(result.changes.length)}\n${log}`);
      return fail(EXIT.invalid, `the page changed; run \`faultproof sync ${pageName} --into ${folder}\` and review the changes`, `the page changed: ${count(result.changes.length)}`);
    }
    const alone = syncPage({ page: options.page, spec: { files: bundled }, quoted: options.quoted, toolVersion: packageVersion });
    const held = alone.ok ? alone.changes.length : 0;
    if (held > 0) {
      io.stdout.write(
        `your overlay is ahead of the bundled spec: ${about} agrees with the bundled spec + your overlay ${folder}, ` +
          `not with the bundled spec of faultproof ${packageVersion} alone (${count(held)}, all in your overlay); nothing to do until a newer faultproof bundles them\n`,
      );
      return { code: EXIT.ok, summary: `agrees; your overlay is ahead of the bundled spec (${count(held)})` };
    }
    io.stdout.write(`the bundled spec + your overlay ${folder} agree with ${about}; nothing to write\n`);
    return { code: EXIT.ok, summary: "agrees" };
  }
  if (result.writes.length === 0) {
    io.stdout.write(`the bundled spec + your overlay ${folder} agree with ${about}; nothing to write\n`);
    return { code: EXIT.ok, summary: "agrees" };
  }
  try {
    writeAllOrNothing(result.writes.map((write) => ({ path: resolve(options.cwd, write.path), text: write.text })));
  } catch (error) {
    return fail(EXIT.usage, `cannot write the overlay ${folder}: ${error instanceof Error ? error.message : String(error)}; nothing was changed`);
  }
  io.stdout.write(
    `synced ${about} into your overlay ${folder}: ${count(result.changes.length)}\n${log}wrote ${result.writes.map((write) => write.path).join(", ")}\n` +
      `next: review the entries marked for review (faultproof spec --overlay ${folder}), then faultproof certify\n`,
  );
  return { code: EXIT.ok, summary: `synced ${count(result.changes.length)} into ${folder}` };
}
