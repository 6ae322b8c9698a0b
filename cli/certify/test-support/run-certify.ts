import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../../generator/package-root.js";
import type { CertificationReport } from "../../../suites/report/report.js";

let built = false;

/** Builds the CLI once per test file: certify is tested as users run it, as a process. */
export function buildOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [join(packageRoot, "node_modules/typescript/bin/tsc"), "-p", join(packageRoot, "tsconfig.build.json")], { stdio: "inherit" });
  built = true;
}

export interface CertifyRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outDir: string;
  /** report.json of the run, or of a folder under its --out (a replay writes to "replay"). */
  report(folder?: string): CertificationReport;
}

/** Runs `faultproof certify` (or another command) in `cwd`, with reports in a fresh folder. */
export function runFaultproof(options: { args: readonly string[]; cwd?: string; env?: Record<string, string> }): CertifyRun {
  const outDir = mkdtempSync(join(tmpdir(), "faultproof-report-"));
  const args = options.args.includes("--out") ? options.args : [...options.args, "--out", outDir];
  const result = spawnSync(process.execPath, [join(packageRoot, "bin/faultproof.js"), ...args], {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), "faultproof-cwd-")),
    env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", ...options.env },
    encoding: "utf8",
    timeout: 300_000,
  });
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    outDir,
    report: (folder = "") => JSON.parse(readFileSync(join(outDir, folder, "report.json"), "utf8")) as CertificationReport,
  };
}

/** A report without the one field allowed to differ between runs with one seed. */
export function withoutTimestamp(report: CertificationReport): Omit<CertificationReport, "generatedAt" | "shard"> {
  return Object.fromEntries(Object.entries(report).filter(([key]) => key !== "generatedAt" && key !== "shard")) as Omit<CertificationReport, "generatedAt" | "shard">;
}
