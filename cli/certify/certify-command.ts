import { citationText } from "../../suites/report/citation-text.js";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot, packageVersion } from "../../generator/package-root.js";
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import type { FaultproofConfig } from "../../suites/adapter.js";
import { DEFAULT_RUNS, DEFAULT_SEED, ENV, parseShard } from "../../suites/conformance/target.js";
import { buildReport, mergeReports, type Baseline } from "../../suites/report/build-report.js";
import { verdictOf } from "../../suites/report/format.js";
import { redactReport, redactText } from "../../suites/report/redact-report.js";
import type { CertificationReport } from "../../suites/report/report.js";
import { colorsFor, type CliIo } from "../terminal.js";
import { findConfig, loadConfig, noConfigMessage } from "./load-config.js";
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

  const colors = colorsFor({ stream: io.stdout, env: io.env });
  // --reference signs with its own test keys, always verified; a config may switch checking off, and the header says so.
  const signaturesVerified = config.verifySignatures !== false;
  const unverified = signaturesVerified ? "" : ", signatures NOT verified (verifySignatures: false)";
  io.stdout.write(`faultproof ${packageVersion}: certifying ${certifying} (${runs} runs per property, seed ${seed}${shard ? `, shard ${shard.index}/${shard.count}` : ""}${unverified})\n`);
  if (replaying) io.stdout.write(`replaying ${flags.only}: its reports go to ${shownPath(outDir, options.cwd)}/, the certification's in ${shownPath(certificationOut, options.cwd)}/ stay as they are\n`);
  let column = 0;
  const run = await runSuites({
    root: packageRoot,
    env: {
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
    onResult: (result) => {
      if (!result) return;
      const mark = { handled: colors.green("."), mishandled: colors.red("✗"), accepted: colors.yellow("~"), "not-applicable": colors.dim("·") }[result.status];
      io.stdout.write(mark);
      column += 1;
      if (column % 80 === 0) io.stdout.write("\n");
    },
  });
  if (column > 0) io.stdout.write("\n");
  // Workers that failed before certifying anything report no case at all: say why, not that the keys name none.
  if (run.results.length === 0 && run.errors.length > 0) return fail(`nothing was tested:\n  ${run.errors.map(redactText).join("\n  ")}`);
  // A mistyped key would otherwise certify fewer cases than asked, and pass. (Under --shard a key
  // may belong to another shard.)
  const certified = new Set(run.results.map((result) => result.key));
  const unknownKeys = flags.only && !shard ? onlyKeys(flags.only).filter((key) => !certified.has(key)) : [];
  if (unknownKeys.length > 0) {
    return fail(`--only names no case: ${unknownKeys.join(", ")} (a key is <failure id>@<operation>, as in report.json; \`faultproof spec\` lists the failures)`);
  }
  if (run.results.length === 0) return fail("nothing was tested");
  const report = buildReport({
    results: run.results,
    toolVersion: packageVersion,
    catalogueVersion: catalogueVersionOf(),
    adapter: run.adapterName ?? "unknown adapter",
    seed,
    runs,
    generatedAt: new Date().toISOString(),
    signaturesVerified,
    ...(baseline ? { baseline } : {}),
    ...(shard ? { shard } : {}),
  });
  return finish({ io, report, outDir, minScore, errors: run.errors });
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
  return finish({ io: options.io, report: merged, outDir: options.out, minScore: options.minScore, errors: [] });
}

function finish(options: { io: CliIo; report: CertificationReport; outDir: string; minScore: number; errors: readonly string[] }): number {
  const { io } = options;
  // The console is a report too: CI keeps it, so it prints the redacted results, as the files do.
  const report = redactReport(options.report);
  const colors = colorsFor({ stream: io.stdout, env: io.env });
  const files = writeReports({ report, outDir: options.outDir, minScore: options.minScore, env: io.env });
  const { summary } = report;
  for (const result of report.results.filter((r) => r.status === "mishandled")) {
    const cited = result.citation ? `    ${citationText(result.citation)}\n` : "";
    io.stdout.write(`${colors.red("✗")} ${result.code} on ${result.operation} — ${result.rule}: ${result.message}\n${cited}    replay: ${result.replay}\n`);
  }
  const advised = report.results.filter((r) => (r.advice?.length ?? 0) > 0);
  if (advised.length > 0) {
    const rules = [...new Set(advised.flatMap((r) => r.advice!.map((a) => a.rule)))].sort();
    io.stdout.write(`advice, not scored: ${advised.length} case${advised.length === 1 ? "" : "s"} (${rules.join(", ")}); where the documents leave the handling open. See report.md\n`);
  }
  for (const error of options.errors) io.stderr.write(`faultproof certify: ${redactText(error)}\n`);
  const { certified: passed, reasons } = verdictOf(report, options.minScore);
  const certified = passed && options.errors.length === 0;
  const verdict = certified ? colors.green("certified") : colors.red(`not certified${reasons.length > 0 ? ` (${reasons.join("; ")})` : ""}`);
  io.stdout.write(
    `${verdict}: score ${report.score.toFixed(4)} (${summary.handled}/${summary.applicable} handled, ${summary.mishandled} mishandled, ${summary.accepted} accepted, ${summary.notApplicable} not applicable)\n` +
      `reports: ${files.join(", ")}\n`,
  );
  if (summary.applicable === 0) return CERTIFY_EXIT.wrong;
  return certified ? CERTIFY_EXIT.certified : CERTIFY_EXIT.mishandled;
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
