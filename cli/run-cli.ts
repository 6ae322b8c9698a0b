import { relative, resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { packageRoot, packageVersion } from "../generator/package-root.js";
import { formatDiagnostic } from "../generator/spec/diagnostic.js";
import { loadSpec } from "../generator/spec/load-spec.js";
import { readSpecDir } from "../generator/spec/read-spec-dir.js";
import { loadSpecWithOverlay } from "../generator/spec/load-with-overlay.js";
import type { OverlayEntry } from "../generator/spec/overlay-entries.js";
import { readOverlayDir } from "../generator/spec/read-overlay-dir.js";
import type { Catalogue } from "../generator/spec/catalogue.js";
import { generate } from "../generator/generate.js";
import { checkGenerated, writeGenerated } from "../generator/write-generated.js";
import { EXIT } from "./exit-codes.js";
import { certifyCommand, mergeCommand, type CertifyFlags } from "./certify/certify-command.js";
import { initCommand } from "./init/init-command.js";
import { renderOverlaySection, renderSpecTable } from "./spec-table.js";
import { CLOSED_PIPE_EXIT, colorsFor, onClosedPipe, type CliIo } from "./terminal.js";

export { EXIT };

export async function runCli(options: CliIo & { argv: readonly string[]; cwd?: string }): Promise<number> {
  // The executable on a terminal can ask (init's API); a test passes its own `ask`, or none.
  const io: CliIo = options.ask || options.stdout !== process.stdout || !process.stdin.isTTY ? options : { ...options, ask: askOnTerminal };
  // `faultproof certify | head -1`: when the reader goes away, stop quietly, as a process killed by SIGPIPE would.
  if (options.stdout === process.stdout) onClosedPipe(process.stdout, () => process.exit(CLOSED_PIPE_EXIT));
  let exitCode: number = EXIT.ok;
  const program = new Command("faultproof")
    .description("Certify that an integration handles every failure Amazon Pay and the Incentives API document.")
    .version(packageVersion)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });

  program
    .command("spec")
    .description("validate the spec and print the catalogue of documented failures")
    .option("--json", "print the normalised catalogue as JSON")
    .option("--spec-dir <dir>", "the spec folder to read", resolve(packageRoot, "spec"))
    .option("--overlay <dir>", "your spec overlay (as sync --into writes it): the catalogue with it, what each entry changes, and which are now redundant")
    .action((flags: { json?: boolean; specDir: string; overlay?: string }) => {
      const cwd = options.cwd ?? process.cwd();
      exitCode = specCommand({ io, json: flags.json === true, specDir: resolve(flags.specDir), cwd, ...(flags.overlay !== undefined ? { overlay: resolve(cwd, flags.overlay) } : {}) });
    });

  program
    .command("generate")
    .description("write generated/ (MSW sandbox handlers and parity tests) from the spec")
    .option("--check", "write nothing; exit 1 and list the files that differ from what the spec produces")
    .option("--spec-dir <dir>", "the spec folder to read", resolve(packageRoot, "spec"))
    .option("--out <dir>", "the folder to write", resolve(packageRoot, "generated"))
    .action((flags: { check?: boolean; specDir: string; out: string }) => {
      exitCode = generateCommand({ io, check: flags.check === true, specDir: resolve(flags.specDir), out: resolve(flags.out) });
    });

  program
    .command("sync")
    .description("update the spec from a documentation page (its address, or its HTML or text form saved) and print what changed")
    .argument("[page]", 'the Amazon Pay "Manage errors" or FAQ page, or the Incentives API "Errors and Mock Errors" page: a file, or an http(s) address')
    .option("--check", "write nothing; exit 1 when the page and the spec disagree")
    .option("--all", "every page spec/sources.yaml gives an address for, fetched from it")
    .option("--timeout <seconds>", "how long to wait for a page fetched from its address", "30")
    .option("--spec-dir <dir>", "the spec folder to update", resolve(packageRoot, "spec"))
    .option("--into <dir>", "write the changes into your own spec overlay (e.g. faultproof/spec), never into the bundled spec; with --check, tell a changed page from an overlay ahead of the bundled spec")
    .action(async (page: string | undefined, flags: { check?: boolean; all?: boolean; timeout: string; specDir: string; into?: string }) => {
      // Imported here so that the command's wiring stays this one block.
      const { syncCommand, syncAllCommand, syncUsageProblem } = await import("./sync/sync-command.js");
      const problem = syncUsageProblem({ page, all: flags.all === true, timeout: flags.timeout });
      if (problem) {
        io.stderr.write(`faultproof: ${problem}\n`);
        exitCode = EXIT.usage;
        return;
      }
      const cwd = options.cwd ?? process.cwd();
      const common = { io, check: flags.check === true, specDir: resolve(flags.specDir), timeoutMs: Number(flags.timeout) * 1000, cwd, ...(flags.into !== undefined ? { into: resolve(cwd, flags.into) } : {}) };
      exitCode =
        page === undefined
          ? await syncAllCommand(common)
          : await syncCommand({ ...common, page: /^https?:\/\//i.test(page) ? page : resolve(cwd, page), pageName: page });
    });

  program
    .command("certify")
    .description("run the conformance suites against the adapter your faultproof.config.ts names (or, with --reference, the bundled reference integration)")
    .option("--config <file>", "the config file (default: faultproof.config.ts in the working directory; without one, certify stops)")
    .option("--reference", "certify the bundled reference integration, on purpose, instead of a config's adapter")
    .option("--runs <n>", "random schedules per case, after its schedule classes (default 5; a model-based flow runs at least 10)")
    .option("--seed <n>", "the fast-check seed")
    .option("--out <dir>", "where to write the reports (default: faultproof-report/)")
    .option("--min-score <x>", "the lowest score that certifies, between 0 and 1 (default: 1)")
    .option("--baseline <file>", "a JSON list of <failure>@<operation> keys accepted as known gaps")
    .option("--shard <i/n>", "run the i-th of n shards; merge their report.json files with merge-reports")
    .option("--only <keys>", "run only these comma-separated <failure>@<operation> keys")
    .option("--replay-path <path>", "with --only and --seed: replay one fast-check run")
    .option("--reporter <name>", "console (default) or json: report.json to stdout, and nothing else on stdout (the console's text goes to stderr)", "console")
    .option("--fail-fast", "stop at the first mishandled case (exit 1); the score counts only the cases certified until then")
    .action(async (flags: CertifyFlags) => {
      if (flags.reporter !== undefined && !["console", "json"].includes(flags.reporter)) {
        io.stderr.write(`faultproof certify: --reporter is console or json, got ${flags.reporter}\n`);
        exitCode = EXIT.usage;
        return;
      }
      exitCode = await certifyCommand({ io, flags, cwd: options.cwd ?? process.cwd() });
    });

  program
    .command("init")
    .description("scaffold faultproof.config.ts, an adapter skeleton and a vitest entry in this project")
    .option("--force", "overwrite files that exist")
    .option("--api <api>", "the API your integration uses: incentives, amazon-pay or both (asked on a terminal; default both)")
    .action(async (flags: { force?: boolean; api?: string }) => {
      exitCode = await initCommand({ io, cwd: options.cwd ?? process.cwd(), force: flags.force === true, ...(flags.api !== undefined ? { api: flags.api } : {}) });
    });

  program
    .command("merge-reports")
    .description("merge the report.json files of the shards of one certification")
    .argument("<reports...>", "report.json files")
    .option("--out <dir>", "where to write the merged reports", "faultproof-report")
    .option("--min-score <x>", "the lowest score that certifies", "1")
    .action(async (files: string[], flags: { out: string; minScore: string }) => {
      exitCode = await mergeCommand({ io, files, out: resolve(options.cwd ?? process.cwd(), flags.out), minScore: Number(flags.minScore) });
    });

  try {
    await program.parseAsync([...options.argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitCode;
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import("node:readline/promises");
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}

function loadCatalogue(options: { io: CliIo; specDir: string; overlay?: { dir: string; cwd: string } }): { catalogue: Catalogue; entries?: readonly OverlayEntry[] } | number {
  const { io } = options;
  let dir;
  try {
    dir = readSpecDir(options.specDir);
  } catch (error) {
    io.stderr.write(`faultproof: cannot read the spec folder ${options.specDir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT.usage;
  }
  let overlayFiles;
  try {
    overlayFiles = options.overlay ? readOverlayDir({ dir: options.overlay.dir, base: options.overlay.cwd }) : undefined;
  } catch (error) {
    io.stderr.write(`faultproof: cannot read the overlay ${options.overlay!.dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT.usage;
  }
  const result = overlayFiles ? loadSpecWithOverlay({ bundled: dir.files, overlay: overlayFiles, toolVersion: packageVersion }) : loadSpec({ files: dir.files, toolVersion: packageVersion });
  if (!result.ok) {
    const colors = colorsFor({ stream: io.stderr, env: io.env });
    io.stderr.write(result.diagnostics.map((d) => colors.red("error ") + formatDiagnostic(d)).join("\n") + "\n");
    io.stderr.write(`faultproof: the spec has ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? "" : "s"}; nothing was written.\n`);
    return EXIT.invalid;
  }
  return { catalogue: result.catalogue, ...("entries" in result ? { entries: result.entries as readonly OverlayEntry[] } : {}) };
}

function specCommand(options: { io: CliIo; json: boolean; specDir: string; cwd: string; overlay?: string }): number {
  const { io } = options;
  const loaded = loadCatalogue({ io, specDir: options.specDir, ...(options.overlay ? { overlay: { dir: options.overlay, cwd: options.cwd } } : {}) });
  if (typeof loaded === "number") return loaded;
  const { catalogue, entries } = loaded;
  const colors = colorsFor({ stream: io.stdout, env: io.env });
  if (options.json) io.stdout.write(JSON.stringify(entries ? { ...catalogue, overlay: entries } : catalogue, null, 2) + "\n");
  else {
    io.stdout.write(renderSpecTable({ catalogue, colors }));
    const folder = options.overlay ? relative(options.cwd, options.overlay).split("\\").join("/") || "." : "";
    if (entries) io.stdout.write(`\n${renderOverlaySection({ folder, entries, toolVersion: packageVersion, colors })}`);
  }
  return EXIT.ok;
}

function generateCommand(options: { io: CliIo; check: boolean; specDir: string; out: string }): number {
  const { io } = options;
  const loaded = loadCatalogue(options);
  if (typeof loaded === "number") return loaded;
  const { catalogue } = loaded;
  const files = generate({ catalogue });
  if (options.check) {
    const { stale, orphaned } = checkGenerated({ dir: options.out, files });
    if (stale.length === 0 && orphaned.length === 0) {
      io.stdout.write(`generated/ is up to date with catalogue ${catalogue.catalogueVersion} (${files.length} files)\n`);
      return EXIT.ok;
    }
    for (const path of stale) io.stderr.write(`stale: ${path}\n`);
    for (const path of orphaned) io.stderr.write(`orphaned: ${path}\n`);
    io.stderr.write(`faultproof: generated/ differs from what the spec produces; run \`faultproof generate\`.\n`);
    return EXIT.invalid;
  }
  const { changed } = writeGenerated({ dir: options.out, files });
  io.stdout.write(changed.length === 0 ? `generated/ already up to date (${files.length} files)\n` : `wrote ${changed.length} of ${files.length} files: ${changed.join(", ")}\n`);
  return EXIT.ok;
}
