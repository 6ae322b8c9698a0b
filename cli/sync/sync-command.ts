import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { packageVersion } from "../../generator/package-root.js";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { readSpecDir, type SpecDir } from "../../generator/spec/read-spec-dir.js";
import { changelogLines } from "../../generator/sync/changelog.js";
import { syncPage } from "../../generator/sync/sync-page.js";
import { EXIT } from "../run-cli.js";
import { colorsFor, type CliIo } from "../terminal.js";
import { writeAllOrNothing } from "./write-all-or-nothing.js";

/**
 * `faultproof sync <page>`: the file system around `syncPage`. Exit 0 when
 * the spec agrees with the page or was updated, 1 when `--check` finds them
 * apart or the updated spec would not load, 2 when the page or the spec
 * folder cannot be read or the page is not one faultproof knows.
 */
export function syncCommand(options: { io: CliIo; page: string; pageName: string; check: boolean; specDir: string }): number {
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

  const result = syncPage({ page: { name: pageName, content }, spec, toolVersion: packageVersion });
  if (!result.ok) {
    if (result.diagnostics && result.diagnostics.length > 0) {
      const colors = colorsFor({ stream: io.stderr, env: io.env });
      io.stderr.write(result.diagnostics.map((d) => colors.red("error ") + formatDiagnostic(d)).join("\n") + "\n");
    }
    return fail(result.problem === "page" ? EXIT.usage : EXIT.invalid, result.message);
  }

  const about = `${pageName} (${result.kind.title}, doc ${result.docId})`;
  if (result.changes.length === 0) {
    io.stdout.write(`spec agrees with ${about}; nothing to write\n`);
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
  io.stdout.write(
    `synced ${about}: ${count}\n${log}` +
      `wrote ${result.writes.map((write) => write.path).join(", ")}\n` +
      `next: confirm the entries marked for review (faultproof spec lists them), then run faultproof generate\n`,
  );
  return EXIT.ok;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EISDIR") return "it is a folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? (error instanceof Error ? error.message : String(error));
}
