import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { TestCase, TestModule } from "vitest/node";
import { createVitest } from "vitest/node";
import { ENV } from "../../suites/conformance/target.js";
import type { CertificationResult } from "../../suites/report/report.js";

export interface SuiteRun {
  readonly results: readonly CertificationResult[];
  /** The adapter's name, as the workers loaded it. */
  readonly adapterName?: string;
  /** Errors outside any test (a worker crash, a config that fails to load), as text. */
  readonly errors: readonly string[];
}

/**
 * Runs the generated conformance suites through vitest's API, in vitest's
 * own workers, and collects each case's verdict from its task meta. The
 * environment carries what the workers need (adapter, runs, seed, shard).
 */
export async function runSuites(options: {
  root: string;
  /** Certify against a team's spec overlay (its folder is in `env`): the worker that builds the suites in memory. */
  overlay?: boolean;
  env: Readonly<Record<string, string>>;
  onResult?: (result: CertificationResult | undefined, testCase: TestCase) => void;
}): Promise<SuiteRun> {
  const results: CertificationResult[] = [];
  const errors: string[] = [];
  let adapterName: string | undefined;
  const collector = {
    onTestCaseResult(testCase: TestCase) {
      adapterName ??= testCase.meta().faultproofAdapter;
      const result = testCase.meta().faultproof;
      if (result) results.push(result);
      // A test that failed without a verdict failed before certifying anything (the adapter did not load).
      const outcome = testCase.result();
      if (!result && outcome.state === "failed") for (const error of outcome.errors ?? []) errors.push(error.message);
      options.onResult?.(result, testCase);
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>) {
      for (const module of modules) for (const error of module.errors()) errors.push(`${module.moduleId}: ${error.message}`);
      for (const error of unhandled) errors.push(error.message ?? String(error));
    },
  };
  // The suites are CPU-bound and the main process only collects verdicts: a worker per core
  // (vitest's default keeps one core for itself: a single worker on two cores). Each worker runs
  // one test file, the built worker entry (dist/cli/certify/certify-worker.js), which loads both
  // generated suites from dist/ as Node loads them: one module graph per worker, none of
  // faultproof's own modules through vitest's transformer (only the team's config and adapter).
  // Every worker is given a part, and the cases are split between the parts by their estimated
  // cost (suites/conformance/partition.ts), so both finish together; a replay (--only) of a few
  // cases is not worth a second worker's start-up.
  const workers = availableParallelism();
  const parts = options.env[ENV.only] ? 1 : workers;
  const entry = workerEntry({ root: options.root, overlay: options.overlay === true });
  const project = (part: number) => ({
    test: {
      name: `part ${part + 1}/${parts}`,
      dir: dirname(entry),
      include: [basename(entry)],
      // Installed, faultproof lives under node_modules, and its entry under dist/: still a test file.
      exclude: [],
      // faultproof's built files and its dependencies load as Node loads them; the team's files
      // (config, adapter) go through vitest's transformer, which compiles their TypeScript.
      // The entry itself is transformed, so that its import() is vitest's.
      // Installed, the entry sits under node_modules, which vitest externalises whatever the exclusions
      // say: inlined by name, or the suites register with another runner instance and nothing runs.
      server: { deps: { inline: [WORKER_FILE], external: [/\/node_modules\/(?!.*\/dist\/cli\/certify\/certify-(?:overlay-)?worker\.js$)/, new RegExp(`^${escapeRegExp(options.root)}/dist/(?!cli/certify/certify-(?:overlay-)?worker\\.js$)`)] } },
      env: { ...options.env, [ENV.part]: `${part + 1}/${parts}` },
    },
  });
  const vitest = await createVitest(
    "test",
    {
      config: false,
      root: options.root,
      projects: Array.from({ length: parts }, (_, part) => project(part)),
      maxWorkers: workers,
      watch: false,
      reporters: [collector],
      passWithNoTests: true,
    },
    { logLevel: "silent" },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
  return { results, errors: [...new Set(errors)], ...(adapterName ? { adapterName } : {}) };
}

/** Either worker entry: the bundled suites' or the overlay's. */
const WORKER_FILE = /certify-(?:overlay-)?worker\.js$/;

/** The built worker entry: certify runs from dist/, so it is there whenever certify runs. */
function workerEntry(options: { root: string; overlay: boolean }): string {
  const entry = join(options.root, "dist", "cli", "certify", options.overlay ? "certify-overlay-worker.js" : "certify-worker.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build faultproof first (npm run build)`);
  return entry;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
