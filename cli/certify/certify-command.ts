import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot, packageVersion } from "../../generator/package-root.js";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import type { FaultproofConfig } from "../../suites/adapter.js";
import { DEFAULT_RUNS, DEFAULT_SEED, ENV, parseShard } from "../../suites/conformance/target.js";
import { buildReport, mergeReports, type Baseline } from "../../suites/report/build-report.js";
import { STATUS_MARKS, renderRuleGroups } from "../../suites/report/console.js";
import { overlayEntryLine, overlaySummary } from "../../suites/report/overlay.js";
import { verdictOf } from "../../suites/report/format.js";
import { stableHash } from "../../suites/sandbox/stable-hash.js";
import { redactReport, redactText } from "../../suites/report/redact-report.js";
import type { CertificationReport, CertificationResult } from "../../suites/report/report.js";
import { colorsFor, type CliIo, type Output } from "../terminal.js";
import { findConfig, loadConfig, noConfigMessage } from "./load-config.js";
import { loadOverlaySpec, OVERLAY_ENV, overlayDirOf, type LoadedOverlay } from "../../generator/spec/overlay-spec.js";
import { runSuites } from "./run-suites.js";
import { shownPath } from "./source-position.js";
import { writeReports } from "./write-reports.js";

export interface CertifyFlags {
  readonly config?: string;
  readonly reference?: boolean;
  readonly runs?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly minScore?: string;
  readonly baseline?: string;
  readonly shard?: string;
  readonly only?: string;
  readonly replayPath?: string;
  /** "console" (the default) or "json": report.json to stdout, and nothing else there. */
  readonly reporter?: string;
  /** Stop at the first mishandled case. */
  readonly failFast?: boolean;
}

/** Exit codes of certify: 0 certified, 1 a failure is mishandled or the score is too low, 2 nothing was tested or the input is wrong. */
export const CERTIFY_EXIT = { certified: 0, mishandled: 1, wrong: 2 } as const;

export async function certifyCommand(options: { io: CliIo; flags: CertifyFlags; cwd: string }): Promise<number> {
  const { io, flags } = options;
  const fail = (message: string) => {
    io.stderr.write(`faultproof certify: ${message}\n`);
    return CERTIFY_EXIT.wrong;
  };
  if (flags.reference && flags.config) return fail("--reference and --config name two different adapters to certify; give one of them");
  // Only --reference certifies the bundled reference: a CI job that lost its config must not go green on it.
  const configPath = flags.reference ? undefined : findConfig({ cwd: options.cwd, ...(flags.config ? { explicit: flags.config } : {}) });
  if (!configPath && !flags.reference) return fail(noConfigMessage(options.cwd));
  let config: Partial<FaultproofConfig> = {};
  let certifying = "the bundled reference integration (--reference)";
  if (configPath) {
    const loaded = await loadConfig({ path: configPath, cwd: options.cwd });
    if (!loaded.ok) return fail(redactText(formatDiagnostic(loaded.problem)));
    config = loaded.config;
    certifying = `${JSON.stringify(loaded.adapterName)}, the adapter of ${shownPath(configPath, options.cwd)}`;
  }
  // A team's overlay is loaded, and refused at its file:line:col, before any worker starts.
  let overlay: LoadedOverlay | undefined;
  if (configPath && config.spec !== undefined) {
    const loaded = loadOverlaySpec({ dir: overlayDirOf({ configPath, spec: config.spec }), base: options.cwd });
    if (!loaded.ok) return fail(`the spec overlay has ${loaded.diagnostics.length} problem${loaded.diagnostics.length === 1 ? "" : "s"}; nothing was certified\n${loaded.diagnostics.map(formatDiagnostic).join("\n")}`);
    overlay = loaded.overlay;
  }
  const runs = integer(flags.runs, "--runs") ?? config.runs ?? DEFAULT_RUNS;
  const seed = integer(flags.seed, "--seed") ?? config.seed ?? DEFAULT_SEED;
  // Accepted gaps lower the score; with a baseline and no explicit minimum, only unaccepted gaps fail the gate.
  const baselineGiven = (flags.baseline ?? config.baseline) !== undefined;
  const minScore = flags.minScore !== undefined ? Number(flags.minScore) : (config.minScore ?? (baselineGiven ? 0 : 1));
  if (typeof runs === "string") return fail(runs);
  if (typeof seed === "string") return fail(seed);
  if (runs < 1) return fail(`--runs must be at least 1, got ${runs}`);
  if (!(minScore >= 0 && minScore <= 1)) return fail(`--min-score must be between 0 and 1, got ${flags.minScore}`);
  let shard;
  try {
    shard = parseShard(flags.shard);
  } catch (error) {
    return fail(`--shard: ${(error as Error).message}`);
  }
  const baselinePath = flags.baseline ?? config.baseline;
  let baseline: Baseline | undefined;
  if (baselinePath) {
    const read = readBaseline(resolve(options.cwd, baselinePath));
    if (typeof read === "string") return fail(read);
    baseline = read;
  }
  if (flags.replayPath !== undefined && !flags.only) return fail("--replay-path replays one case: give its key with --only (the replay command printed for a failure has both)");
  const certificationOut = resolve(options.cwd, flags.out ?? config.outDir ?? "faultproof-report");
  // A replay writes its reports beside the certification's, never over them: they are the record CI keeps.
  const replaying = flags.replayPath !== undefined;
  const outDir = replaying ? join(certificationOut, "replay") : certificationOut;

  // --reporter json: report.json is the only thing on stdout; what a person reads goes to stderr.
  const json = flags.reporter === "json";
  const human: Output = json ? io.stderr : io.stdout;
  const colors = colorsFor({ stream: human, env: io.env });
  // --reference signs with its own test keys, always verified; a config may switch checking off, and the header says so.
  const signaturesVerified = config.verifySignatures !== false;
  const unverified = signaturesVerified ? "" : ", signatures NOT verified (verifySignatures: false)";
  human.write(`faultproof ${packageVersion}: certifying ${certifying} (${runs} runs per property, seed ${seed}${shard ? `, shard ${shard.index}/${shard.count}` : ""}${unverified}${flags.failFast ? ", --fail-fast: stops at the first mishandled case" : ""})\n`);
  if (overlay) human.write(`against the bundled spec + your ${overlaySummary({ folder: overlay.folder, entries: overlay.entries })}\n${overlay.entries.map((entry) => `  ${overlayEntryLine(entry)}\n`).join("")}`);
  if (replaying) human.write(`replaying ${flags.only}: its reports go to ${shownPath(outDir, options.cwd)}/, the certification's in ${shownPath(certificationOut, options.cwd)}/ stay as they are\n`);
  const progress = human.isTTY ? new TtyProgress(human, await plannedTotal(flags.only, shard), colors) : new PlainMarks(human, colors);
  // Under --fail-fast, the cases certified up to the first mishandled one; those reported later are dropped.
  const counted: CertificationResult[] = [];
  let stoppedAt: string | undefined;
  const run = await runSuites({
    root: packageRoot,
    overlay: overlay !== undefined,
    env: {
      [OVERLAY_ENV.dir]: overlay?.dir ?? "",
      [OVERLAY_ENV.base]: overlay ? options.cwd : "",
      // Every variable, empty when unset: one left in the shell must not change what the workers certify.
      ...Object.fromEntries(Object.values(ENV).map((name) => [name, ""])),
      [ENV.cwd]: options.cwd,
      [ENV.runs]: String(runs),
      [ENV.seed]: String(seed),
      ...(configPath ? { [ENV.config]: configPath } : {}),
      ...(shard ? { [ENV.shard]: `${shard.index}/${shard.count}` } : {}),
      ...(flags.only ? { [ENV.only]: flags.only } : {}),
      ...(flags.replayPath ? { [ENV.path]: flags.replayPath } : {}),
      ...(config.callTimeoutMs !== undefined ? { [ENV.callTimeout]: String(config.callTimeoutMs) } : {}),
    },
    onResult: (result, testCase) => {
      if (!result || stoppedAt !== undefined) return;
      counted.push(result);
      progress.add(result.status);
      if (flags.failFast && result.status === "mishandled") {
        stoppedAt = result.key;
        void testCase.project.vitest.cancelCurrentRun("test-failure");
      }
    },
  });
  progress.end();
  const results = stoppedAt === undefined ? run.results : counted;
  // Workers that failed before certifying anything report no case at all: say why, not that the keys name none.
  if (results.length === 0 && run.errors.length > 0) return fail(`nothing was tested:\n  ${run.errors.map(redactText).join("\n  ")}`);
  // A mistyped key would otherwise certify fewer cases than asked, and pass. (Under --shard a key
  // may belong to another shard; under --fail-fast the run stopped before some.)
  const certified = new Set(run.results.map((result) => result.key));
  const unknownKeys = flags.only && !shard && stoppedAt === undefined ? onlyKeys(flags.only).filter((key) => !certified.has(key)) : [];
  if (unknownKeys.length > 0) {
    return fail(`--only names no case: ${unknownKeys.join(", ")} (a key is <failure id>@<operation>, as in report.json; \`faultproof spec\` lists the failures)`);
  }
  if (results.length === 0) return fail("nothing was tested");
  const report = buildReport({
    results,
    toolVersion: packageVersion,
    catalogueVersion: overlay?.catalogue.catalogueVersion ?? catalogueVersionOf(),
    adapter: run.adapterName ?? "unknown adapter",
    seed,
    runs,
    generatedAt: new Date().toISOString(),
    signaturesVerified,
    ...(baseline ? { baseline } : {}),
    ...(shard ? { shard } : {}),
    ...(overlay ? { overlay: { folder: overlay.folder, entries: overlay.entries } } : {}),
  });
  // Errors a cancelled run raises are the cancel's, not the adapter's.
  const errors = stoppedAt === undefined ? run.errors : [];
  const code = finish({ io, report, outDir, minScore, errors, json });
  if (stoppedAt !== undefined) {
    human.write(`--fail-fast: stopped at the first mishandled case, ${stoppedAt}, after ${counted.length} case${counted.length === 1 ? "" : "s"}; the score counts only those. Run without --fail-fast to certify every case.\n`);
  }
  return code;
}

export async function mergeCommand(options: { io: CliIo; files: readonly string[]; out: string; minScore: number }): Promise<number> {
  const reports: CertificationReport[] = [];
  for (const file of options.files) {
    try {
      reports.push(JSON.parse(readFileSync(file, "utf8")) as CertificationReport);
    } catch (error) {
      options.io.stderr.write(`faultproof merge: cannot read ${file}: ${(error as Error).message}\n`);
      return CERTIFY_EXIT.wrong;
    }
  }
  let merged;
  try {
    merged = mergeReports(reports, new Date().toISOString());
  } catch (error) {
    options.io.stderr.write(`faultproof merge: ${(error as Error).message}\n`);
    return CERTIFY_EXIT.wrong;
  }
  return finish({ io: options.io, report: merged, outDir: options.out, minScore: options.minScore, errors: [], json: false });
}

function finish(options: { io: CliIo; report: CertificationReport; outDir: string; minScore: number; errors: readonly string[]; json: boolean }): number {
  const { io } = options;
  const human: Output = options.json ? io.stderr : io.stdout;
  // The console is a report too: CI keeps it, so it prints the redacted results, as the files do.
  const report = redactReport(options.report);
  const colors = colorsFor({ stream: human, env: io.env });
  const files = writeReports({ report, outDir: options.outDir, minScore: options.minScore, env: io.env });
  const { summary } = report;
  const groups = renderRuleGroups(report.results, colors);
  if (groups) human.write(`\n${groups}\n`);
  const advised = report.results.filter((r) => (r.advice?.length ?? 0) > 0);
  if (advised.length > 0) {
    const rules = [...new Set(advised.flatMap((r) => r.advice!.map((a) => a.rule)))].sort();
    human.write(`advice, not scored: ${advised.length} case${advised.length === 1 ? "" : "s"} (${rules.join(", ")}); where the documents leave the handling open. See report.md\n`);
  }
  for (const error of options.errors) io.stderr.write(`faultproof certify: ${redactText(error)}\n`);
  const { certified: passed, reasons } = verdictOf(report, options.minScore);
  const certified = passed && options.errors.length === 0;
  const verdict = certified ? colors.green("certified") : colors.red(`not certified${reasons.length > 0 ? ` (${reasons.join("; ")})` : ""}`);
  human.write(
    `${verdict}: score ${report.score.toFixed(4)} (${summary.handled}/${summary.applicable} handled, ${summary.mishandled} mishandled, ${summary.accepted} accepted, ${summary.notApplicable} not applicable)\n` +
      `reports: ${files.join(", ")}\n`,
  );
  if (options.json) io.stdout.write(JSON.stringify(report, null, 2) + "\n");
  if (summary.applicable === 0) return CERTIFY_EXIT.wrong;
  return certified ? CERTIFY_EXIT.certified : CERTIFY_EXIT.mishandled;
}

type Colors = ReturnType<typeof colorsFor>;
type Status = CertificationReport["results"][number]["status"];

/** Off a terminal (a CI log, a pipe): one mark per case, 80 to a line, a legend first. */
class PlainMarks {
  #column = 0;
  readonly #paint: Readonly<Record<Status, string>>;
  constructor(
    private readonly out: Output,
    colors: Colors,
  ) {
    this.#paint = { handled: colors.green(STATUS_MARKS.handled), mishandled: colors.red(STATUS_MARKS.mishandled), accepted: colors.yellow(STATUS_MARKS.accepted), "not-applicable": colors.dim(STATUS_MARKS["not-applicable"]) };
  }
  add(status: Status): void {
    if (this.#column === 0) this.out.write(`(${STATUS_MARKS.handled} handled, ${STATUS_MARKS.mishandled} mishandled, ${STATUS_MARKS.accepted} accepted gap, ${STATUS_MARKS["not-applicable"]} not applicable)\n`);
    this.out.write(this.#paint[status] ?? "?");
    this.#column += 1;
    if (this.#column % 80 === 0) this.out.write("\n");
  }
  end(): void {
    if (this.#column % 80 !== 0) this.out.write("\n");
  }
}

/** On a terminal: one line, rewritten in place, with the running count and the time left. */
class TtyProgress {
  readonly #counts: Record<Status, number> = { handled: 0, mishandled: 0, accepted: 0, "not-applicable": 0 };
  readonly #started = Date.now();
  #done = 0;
  #shown = false;
  constructor(
    private readonly out: Output,
    private readonly total: number | undefined,
    private readonly colors: Colors,
  ) {}
  add(status: Status): void {
    this.#done += 1;
    if (Object.hasOwn(this.#counts, status)) this.#counts[status] += 1;
    const elapsed = Date.now() - this.#started;
    const total = this.total !== undefined && this.total >= this.#done ? this.total : undefined;
    const left = total !== undefined ? ` · about ${duration((elapsed / this.#done) * (total - this.#done))} left` : "";
    const mishandled = this.#counts.mishandled > 0 ? this.colors.red(`${this.#counts.mishandled} mishandled`) : "0 mishandled";
    this.out.write(`\r\x1b[2K${this.#done}${total !== undefined ? `/${total}` : ""} cases: ${this.#counts.handled} handled, ${mishandled}${this.#counts.accepted ? `, ${this.#counts.accepted} accepted` : ""}${this.#counts["not-applicable"] ? `, ${this.#counts["not-applicable"]} not applicable` : ""} · ${duration(elapsed)}${left}`);
    this.#shown = true;
  }
  end(): void {
    if (this.#shown) this.out.write("\n");
  }
}

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/**
 * How many cases the run will certify, for the time left on a terminal: the --only keys, or every
 * case of the generated suites and the flows (in this shard). Undefined when it cannot tell.
 */
async function plannedTotal(only: string | undefined, shard: { index: number; count: number } | undefined): Promise<number | undefined> {
  let keys: string[];
  if (only) keys = onlyKeys(only);
  else {
    try {
      const dir = resolve(packageRoot, "generated");
      keys = [];
      for (const file of readdirSync(dir).filter((name) => /^conformance-.*\.test\.ts$/.test(name))) {
        const text = readFileSync(join(dir, file), "utf8");
        for (const match of text.matchAll(/\{"failureId":"([^"]+)","operation":"([^"]+)"\}/g)) keys.push(`${match[1]}@${match[2]}`);
      }
      // Loaded only for a terminal: the flows bring fast-check and their models with them.
      const { FLOWS } = await import("../../suites/flows/index.js");
      keys.push(...FLOWS.map((flow) => `${flow.id}@${flow.operation}`));
    } catch {
      return undefined;
    }
  }
  return shard ? keys.filter((key) => stableHash(key) % shard.count === shard.index - 1).length : keys.length;
}

function integer(text: string | undefined, flag: string): number | string | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isInteger(value) ? value : `${flag} must be a whole number, got ${text}`;
}

function readBaseline(path: string): Baseline | string {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
    const keys = Array.isArray(parsed) ? parsed : (parsed as { accepted?: unknown }).accepted;
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string")) return `${path}: a baseline is a JSON list of "<failure>@<operation>" keys, or { "accepted": [...] }`;
    return new Set(keys);
  } catch (error) {
    return `${path}: cannot read the baseline: ${(error as Error).message}`;
  }
}

function catalogueVersionOf(): string {
  const model = readFileSync(resolve(packageRoot, "generated", "conformance-model.ts"), "utf8");
  return /"catalogueVersion": "([0-9a-f]+)"/.exec(model)?.[1] ?? "unknown";
}

function onlyKeys(list: string): string[] {
  return [...new Set(list.split(",").map((key) => key.trim()).filter(Boolean))];
}
