import { afterAll, beforeAll, describe, it } from "vitest";
import { VirtualTime } from "../clock/virtual-time.js";
import type { CertificationResult } from "../report/report.js";
import type { Sandbox, SandboxOptions } from "../sandbox/sandbox.js";
import { startSandboxInterceptor } from "../sandbox/server.js";
import { stableHash } from "../sandbox/stable-hash.js";
import { formatFailure } from "./format-failure.js";
import type { ConformanceCase, ConformanceModel } from "./model.js";
import { certifyCase } from "./run-case.js";
import { certifyFlow, FLOWS } from "../flows/index.js";
import type { ApiId } from "../../generator/spec/spec-input.js";
import { signingConfig } from "./signing.js";
import { FLOW_MIN_RUNS, loadTarget, type Target } from "./target.js";
import { caseCost, inPart, planCase, REQUEST_WEIGHT } from "./partition.js";

declare module "vitest" {
  interface TaskMeta {
    faultproof?: CertificationResult;
    /** The certified adapter's name, for the report. */
    faultproofAdapter?: string;
  }
}

/** Per case: properties run in sequence on one virtual clock; generous, because a slow adapter is the adapter's verdict, not a timeout's. */
const CASE_TIMEOUT_MS = 120_000;

/** Requests of one run of a model-based flow, roughly: for the split of the work only. */
const FLOW_REQUESTS_PER_RUN = 12;

/** Whether --only and --shard ask for the case. */
function wanted(target: Target, key: string): boolean {
  if (target.only && !target.only.has(key)) return false;
  return !target.shard || stableHash(key) % target.shard.count === target.shard.index - 1;
}

/**
 * Registers one vitest test per documented failure × operation. The verdict
 * is attached to the test (`task.meta.faultproof`) for the certification
 * reporter; a mishandled failure fails the test with the rule, the shrunk
 * schedule, the journal and the replay command.
 */
export function defineConformanceSuite(options: {
  readonly title: string;
  readonly api: ApiId;
  readonly model: ConformanceModel;
  readonly cases: readonly ConformanceCase[];
  readonly createSandbox: (options: SandboxOptions) => Sandbox;
}): void {
  const failures = new Map(options.model.failures.map((failure) => [failure.id, failure]));
  describe(options.title, () => {
    let target: Target;
    let sandbox: Sandbox;
    let time: VirtualTime;
    let close: () => void = () => {};
    beforeAll(async () => {
      target = await loadTarget();
      time = new VirtualTime();
      // Throttling by TPS is a rule of its own case; here it would only punish the many runs at one virtual instant.
      // Signatures are checked against the test keys the config names, unless it switched checking off.
      sandbox = options.createSandbox({ clock: time, config: { incentives: { throttling: false }, ...signingConfig(target) } });
      const server = startSandboxInterceptor(sandbox);
      close = () => server.close();
    });
    afterAll(() => close());

    for (const c of options.cases) {
      const failure = failures.get(c.failureId);
      if (!failure) throw new Error(`faultproof: generated case names unknown failure ${c.failureId}; regenerate`);
      const key = `${failure.id}@${c.operation}`;
      planCase({ key, cost: (t) => caseCost({ model: options.model, failure, operation: c.operation, adapter: t.adapter, runs: t.runs }) });
      it(`${failure.code} (${failure.id}) on ${c.operation}`, async (context) => {
        if (!wanted(target, key) || !inPart(key, target, (k) => wanted(target, k))) context.skip();
        const result = await certifyCase({ model: options.model, failure, operation: c.operation, target, sandbox, time });
        context.task.meta.faultproof = result;
        context.task.meta.faultproofAdapter = target.adapterName;
        if (result.status === "not-applicable") context.skip(`not applicable: ${target.adapterName} does not implement ${c.operation}`);
        if (result.status === "mishandled") throw new Error(formatFailure(result));
      }, CASE_TIMEOUT_MS);
    }

    for (const flow of FLOWS.filter((f) => f.api === options.api)) {
      const key = `${flow.id}@${flow.operation}`;
      // A flow's run is a sequence of commands, each a few requests.
      planCase({ key, cost: (t) => Math.max(t.runs, FLOW_MIN_RUNS) * FLOW_REQUESTS_PER_RUN * REQUEST_WEIGHT[flow.api] });
      it(`${flow.code} (${flow.id}): model-based flow`, async (context) => {
        if (!wanted(target, key) || !inPart(key, target, (k) => wanted(target, k))) context.skip();
        const result = await certifyFlow({ flow, world: { sandbox, time, adapter: target.adapter, objectStates: options.model.objectStates, ...(target.callTimeoutMs === undefined ? {} : { callTimeoutMs: target.callTimeoutMs }) }, runs: target.runs, seed: target.seed, ...(target.path ? { path: target.path } : {}), configPath: target.configPath, cwd: target.cwd });
        context.task.meta.faultproof = result;
        context.task.meta.faultproofAdapter = target.adapterName;
        if (result.status === "not-applicable") context.skip(`not applicable: ${target.adapterName} does not implement ${flow.needs.join(", ")}`);
        if (result.status === "mishandled") throw new Error(formatFailure(result));
      }, CASE_TIMEOUT_MS);
    }
  });
}
