import type { Adapter } from "../adapter.js";
import type { ApiId } from "../../generator/spec/spec-input.js";
import { adapterFunction, FIXTURES } from "./fixtures.js";
import type { ConformanceFailure, ConformanceModel } from "./model.js";
import { scheduleClasses } from "./schedules.js";
import type { Target } from "./target.js";

/**
 * What one request costs, relative to an Incentives request, as the reference
 * integrations measure it (bench figure g): an Amazon Pay request goes through
 * the official SDK (an RSA signature, axios, node:https), an Incentives one
 * through `fetch`. Only the split of the work between workers uses it.
 */
export const REQUEST_WEIGHT: Readonly<Record<ApiId, number>> = { "amazon-pay": 3, incentives: 1 };

/** Requests of a random run, on average (a few transient answers, the failure, maybe one more). */
const REQUESTS_PER_RANDOM_RUN = 3;

/** The estimated cost of one case, in Incentives requests: its classes' requests and its random runs'. */
export function caseCost(options: { model: ConformanceModel; failure: ConformanceFailure; operation: string; adapter: Adapter; runs: number }): number {
  const { model, failure, operation, adapter } = options;
  if (!adapterFunction({ ...adapter, api: failure.api, operation }) || !FIXTURES[operation]) return 0;
  const limit = adapter.retryPolicy?.maxAttempts ?? model.maxAttempts;
  // A run past every limit ends at the adapter's own limit: count up to one attempt beyond it.
  const classes = scheduleClasses({ failure, model, operation, maxAttempts: limit }).reduce((n, klass) => n + Math.min(klass.schedule.length, limit + 1) + 1, 0);
  return (classes + options.runs * REQUESTS_PER_RANDOM_RUN) * REQUEST_WEIGHT[failure.api];
}

/** One test of the certification, with its estimated cost once the target is known. */
interface Planned {
  readonly key: string;
  readonly cost: (target: Target) => number;
}

const planned: Planned[] = [];
let split: ReadonlyMap<string, number> | undefined;

/** Registers a test for the split; every worker registers the same tests, in the same order. */
export function planCase(entry: Planned): void {
  planned.push(entry);
  split = undefined;
}

/**
 * Whether the case is this worker's: certify runs the suites in one worker per
 * core, each given a part (`target.part`), and every worker computes the same
 * split of the cases it is asked to run (the shard's, or --only's), by their
 * estimated cost rather than their number: the longest first, each to the part
 * with the least work so far. Without a part, every case is this worker's.
 */
export function inPart(key: string, target: Target, wanted: (key: string) => boolean): boolean {
  const part = target.part;
  if (!part || part.count <= 1) return true;
  if (!split) {
    const costs = planned.filter((entry) => wanted(entry.key)).map((entry) => ({ key: entry.key, cost: entry.cost(target) }));
    // Stable: cost, then key, so that every worker orders the same list the same way.
    costs.sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const loads = Array.from({ length: part.count }, () => 0);
    const owner = new Map<string, number>();
    for (const { key, cost } of costs) {
      let least = 0;
      for (let i = 1; i < loads.length; i += 1) if (loads[i]! < loads[least]!) least = i;
      owner.set(key, least);
      // A not-applicable case still costs a test: spread those by count.
      loads[least] = loads[least]! + Math.max(cost, 0.01);
    }
    split = owner;
  }
  return split.get(key) === part.index - 1;
}
