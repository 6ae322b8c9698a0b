import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { TestCase, TestModule } from "vitest/node";
import { createVitest } from "vitest/node";
import { ENV, parseShard } from "../../suites/conformance/target.js";
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
  // (vitest's default keeps one core for itself: a single worker on two cores). A certification
  // runs each generated suite in as many parts as there are workers, so that every worker gets an
  // equal share of both APIs instead of waiting for the longer suite; a replay (--only) of a few
  // cases is not worth a part's start-up.
  const workers = availableParallelism();
  const parts = options.env[ENV.only] ? 1 : workers;
  const shard = parseShard(options.env[ENV.shard]) ?? { index: 1, count: 1 };
  const project = (part: number) => ({
    test: {
      name: `part ${part + 1}/${parts}`,
      dir: join(options.root, "generated"),
      include: ["conformance-*.test.ts"],
      // Installed, faultproof lives under node_modules: its suites must still be found and run
      // through vitest's transformer (they are TypeScript, and they import the team's TypeScript adapter).
      exclude: [],
      // Only faultproof's own files: its dependencies (msw, the Amazon Pay SDK, fast-check) load as Node loads them,
      // which is faster to import and to run than through the transformer.
      server: { deps: { inline: [new RegExp(`^${escapeRegExp(options.root)}/(?!node_modules/)`)] } },
      // Part p of shard i/n is shard i + n*p of n*parts: the same keys, split by the same hash.
      env: { ...options.env, ...(parts > 1 ? { [ENV.shard]: `${shard.index + shard.count * part}/${shard.count * parts}` } : {}) },
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
