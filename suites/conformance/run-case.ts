import fc from "fast-check";
import type { Adapter } from "../adapter.js";
import { DEFAULT_EPOCH_MS } from "../clock/clock.js";
import type { VirtualTime } from "../clock/virtual-time.js";
import type { Advice } from "../oracles/citation.js";
import { classifyAnswer } from "../oracles/classify.js";
import { judge, type OracleContext, type Verdict } from "../oracles/index.js";
import type { CertificationResult } from "../report/report.js";
import type { Fault } from "../sandbox/faults.js";
import type { JournalEntry } from "../sandbox/journal.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { stableHash } from "../sandbox/stable-hash.js";
import { callAdapter, jsonSafe } from "./call-adapter.js";
import { handlingIndex, identityOf, rowCitations, rowKinds, type HandlingOf } from "./answer-rows.js";
import { adapterFunction, FIXTURES } from "./fixtures.js";
import type { ConformanceFailure, ConformanceModel } from "./model.js";
import { amountArbitrary, scheduleArbitrary, scheduleClasses, type ScheduleClass } from "./schedules.js";
import { replayCommand } from "./replay.js";
import type { Target } from "./target.js";

export interface CaseOptions {
  readonly model: ConformanceModel;
  readonly failure: ConformanceFailure;
  readonly operation: string;
  readonly target: Target;
  readonly sandbox: Sandbox;
  readonly time: VirtualTime;
  /** Run the normal path and the schedule classes before the random runs (default). Off only to measure what random runs alone find. */
  readonly enumerate?: boolean;
}

interface RunRecord {
  readonly outcome: OracleContext["outcome"];
  readonly journal: readonly JournalEntry[];
  readonly verdict?: Verdict;
  readonly advice: readonly Advice[];
  readonly request: unknown;
  /**
   * How many answers of the schedule the run met, when it met no other answer
   * of the operation: every request of it was answered from the schedule, and
   * then the integration stopped. What the schedule held after them could not
   * have changed the run.
   */
  readonly metOnly?: number;
}

interface RunInput {
  readonly amount: number;
  readonly schedule: readonly Fault[];
  readonly others?: Readonly<Record<string, readonly Fault[]>>;
  readonly sessionState?: "Open" | "Completed" | "Canceled";
  /** The run with no fault: also makes a second logical operation, to compare their keys. */
  readonly normal?: boolean;
}

class RuleBroken extends Error {
  constructor(readonly record: RunRecord) {
    super(`${record.verdict!.rule}: ${record.verdict!.message}`);
  }
}

/** The amount of every deterministic run: any amount within the documented limits would do. */
const CLASS_AMOUNT = 25;

/**
 * Certifies one documented failure on one operation. First the normal path
 * of the operation, then every schedule class the rules can tell apart, each
 * once and in order; then `target.runs` random schedules, a fast-check
 * property seeded per case and shrunk to the smallest schedule that breaks a
 * rule. A rule breaks a case only with a document sentence behind it; what
 * the other rules find is advice.
 */
export async function certifyCase(options: CaseOptions): Promise<CertificationResult> {
  const { failure, operation, target, model } = options;
  const base = baseResult(options);
  const fn = adapterFunction({ ...target.adapter, api: failure.api, operation });
  const fixture = FIXTURES[operation];
  if (!fn || !fixture) return { ...base, status: "not-applicable" };

  const run = runner({ ...options, fn, handlingOf: handlingIndex(model) });
  const advice = new Map<string, Advice>();
  const note = (record: RunRecord) => {
    for (const item of record.advice) if (!advice.has(item.rule)) advice.set(item.rule, item);
  };
  const adviceOf = () => (advice.size > 0 ? { advice: [...advice.values()] } : {});
  const mishandled = (record: RunRecord, how: { scheduleClass?: string; schedule: readonly Fault[]; seed: number; path: string }): CertificationResult => ({
    ...base,
    status: "mishandled",
    rule: record.verdict!.rule,
    message: record.verdict!.message,
    citation: record.verdict!.citation,
    ...adviceOf(),
    counterexample: { schedule: how.schedule, request: record.request, outcome: jsonSafe(record.outcome), journal: record.journal, ...(how.scheduleClass ? { scheduleClass: how.scheduleClass } : {}), seed: how.seed, path: how.path },
    replay: replayCommand({ key: base.key, seed: target.seed, path: how.path, configPath: target.configPath, cwd: target.cwd }),
  });

  // What a run meets, less the amount: the sandbox answers it the same way again, and no rule reads the amount.
  const ran = new Set<string>();
  // A run that stopped after meeting the first k answers of its schedule would stop there again on any
  // schedule that starts with those k answers: that schedule's run is already known.
  const stoppedAfter = new Set<string>();
  // Only runs that passed vouch for others: while a counterexample shrinks, every smaller candidate runs.
  const remember = (input: Omit<RunInput, "amount">, record: RunRecord) => {
    if (record.verdict) return;
    ran.add(runKey(input));
    if (record.metOnly !== undefined) stoppedAfter.add(runKey({ ...input, schedule: input.schedule.slice(0, record.metOnly) }));
  };
  const known = (input: Omit<RunInput, "amount">) => {
    if (ran.has(runKey(input))) return true;
    for (let k = 0; k <= input.schedule.length; k += 1) if (stoppedAfter.has(runKey({ ...input, schedule: input.schedule.slice(0, k) }))) return true;
    return false;
  };
  const replaying = target.path !== undefined;
  if (!replaying && options.enumerate !== false) {
    const normal = await normalPath(target.adapter, operation, () => run({ amount: CLASS_AMOUNT, schedule: [], normal: true }));
    note(normal);
    if (normal.verdict) return mishandled(normal, { scheduleClass: `${operation} answered normally`, schedule: [], seed: target.seed, path: "" });
    const limit = target.adapter.retryPolicy?.maxAttempts ?? model.maxAttempts;
    for (const klass of scheduleClasses({ failure, model, operation, maxAttempts: limit })) {
      const input = classInput(klass);
      const record = await run({ amount: CLASS_AMOUNT, ...input });
      remember(input, record);
      note(record);
      if (record.verdict) return mishandled(record, { scheduleClass: klass.name, schedule: klass.schedule.slice(0, 12), seed: target.seed, path: "" });
    }
  }

  let hung: RunRecord | undefined;
  const limit = target.adapter.retryPolicy?.maxAttempts ?? model.maxAttempts;
  const property = fc.asyncProperty(amountArbitrary, scheduleArbitrary(failure, limit), fc.boolean(), async (amount, schedule, completedBefore) => {
    // Once the adapter hung, every further run would only wait out the time limit again:
    // shrinking then keeps the run that hung, and that run is the verdict.
    if (hung) return;
    // A schedule already met (by a class, or an earlier draw), or one that starts with the answers
    // an earlier run met before it stopped, is not run again: the sandbox is deterministic, so the
    // run would repeat a verdict already given. In a replay nothing has run before, so the run a
    // path names always runs.
    const input = { schedule, ...sessionOf(failure, completedBefore) };
    if (known(input)) return;
    const record = await run({ amount, ...input });
    remember(input, record);
    note(record);
    if (record.outcome.status === "hung") hung = record;
    if (record.verdict) throw new RuleBroken(record);
  });
  // Seeded per case, so cases do not all draw the same sequence of schedules.
  const seed = (target.seed ^ stableHash(base.key)) | 0;
  const details = await fc.check(property, { numRuns: target.runs, seed, ...(target.path ? { path: target.path } : {}), endOnFailure: false });
  if (!details.failed || !details.counterexample) return { ...base, status: "handled", ...adviceOf() };

  // The shrunk counterexample's own run carries its journal and the rule it breaks. It is not run
  // again: an integration that draws its waits at random (jitter) need not break a rule twice.
  const [amount, schedule, completedBefore] = details.counterexample;
  const broken = details.errorInstance instanceof RuleBroken ? details.errorInstance.record : undefined;
  const record = hung ?? broken ?? (await run({ amount, schedule, ...sessionOf(failure, completedBefore) }));
  if (!record.verdict) {
    const message = String(details.errorInstance);
    return { ...base, status: "mishandled", rule: "property-error", message, citation: { doc: "contract", title: "faultproof", section: "property", quote: message, strength: "contract" }, ...adviceOf() };
  }
  return mishandled(record, { schedule, seed: target.seed, path: details.counterexamplePath ?? "" });
}

function classInput(klass: ScheduleClass): Omit<RunInput, "amount"> {
  return { schedule: klass.schedule, ...(klass.others ? { others: klass.others } : {}), ...(klass.sessionState ? { sessionState: klass.sessionState } : {}) };
}

/**
 * A run's schedule, session state and the faults of the calls around it, as
 * one string; the schedule run-length encoded, as a class past every limit
 * repeats one answer ten thousand times.
 */
function runKey(input: Omit<RunInput, "amount">): string {
  const runs: [string, number][] = [];
  let previous: Fault | undefined;
  for (const fault of input.schedule) {
    const last = runs[runs.length - 1];
    if (last && (fault === previous || JSON.stringify(fault) === last[0])) last[1] += 1;
    else runs.push([JSON.stringify(fault), 1]);
    previous = fault;
  }
  return JSON.stringify([runs, input.sessionState ?? "", input.others ?? {}]);
}

function sessionOf(failure: ConformanceFailure, completedBefore: boolean): { sessionState?: "Completed" | "Canceled" } {
  return failure.code === "InvalidCheckoutSessionStatus" ? { sessionState: completedBefore ? "Completed" : "Canceled" } : {};
}

/** The normal path belongs to the operation, not to a failure: run once per adapter and operation in a process. */
const normalRuns = new WeakMap<Adapter, Map<string, Promise<RunRecord>>>();

function normalPath(adapter: Adapter, operation: string, run: () => Promise<RunRecord>): Promise<RunRecord> {
  let byOperation = normalRuns.get(adapter);
  if (!byOperation) normalRuns.set(adapter, (byOperation = new Map()));
  let record = byOperation.get(operation);
  if (!record) byOperation.set(operation, (record = run()));
  return record;
}

function baseResult(options: CaseOptions): Omit<CertificationResult, "status"> {
  const { failure, operation } = options;
  return {
    key: `${failure.id}@${operation}`,
    failureId: failure.id,
    api: failure.api,
    code: failure.code,
    kind: failure.kind,
    ...(failure.mockCode ? { mockCode: failure.mockCode } : {}),
    operation,
    handling: failure.handling,
    source: failure.source,
  };
}

/** How one run is made and judged, for one case. */
function runner(options: CaseOptions & { fn: (request: never) => Promise<unknown>; handlingOf: HandlingOf }): (input: RunInput) => Promise<RunRecord> {
  const { sandbox, time, failure, operation, model, target } = options;
  const identity = identityOf(model, sandbox);
  const citations = new Map(model.citations.filter((c) => c.api === failure.api).map((c) => [c.verdict as string, c.citation]));
  const rowOf = rowCitations(model);
  const kindOf = rowKinds(model);
  const callTimeoutMs = target.callTimeoutMs;
  const call = (request: unknown) => callAdapter({ time, work: () => options.fn(request as never), ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }) });

  return async (input) => {
    sandbox.reset();
    time.set(DEFAULT_EPOCH_MS);
    const { request } = FIXTURES[operation]!({ sandbox, amount: input.amount, reference: "r1", sessionState: input.sessionState ?? "Open" });
    sandbox.enqueue(operation, ...input.schedule);
    for (const [other, faults] of Object.entries(input.others ?? {})) sandbox.enqueue(other, ...faults);
    const outcome = await call(request);
    const journal = [...sandbox.journal.entries];
    const met = input.schedule.length - sandbox.queuedFaults(operation);
    const requests = journal.reduce((n, entry) => (entry.operation === operation ? n + 1 : n), 0);
    const sessionId = typeof request.checkoutSessionId === "string" ? request.checkoutSessionId : undefined;
    const objectState = sessionId ? sandbox.amazonPay.resources.sessions.get(sessionId)?.state : undefined;

    // A second logical operation, answered normally: its key must differ from the first's.
    let nextIdentity: string | undefined;
    if (input.normal && outcome.status !== "hung") {
      sandbox.clearFaults();
      const next = FIXTURES[operation]!({ sandbox, amount: input.amount, reference: "r2" });
      const before = sandbox.journal.entries.length;
      await call(next.request);
      const entry = sandbox.journal.entries.slice(before).find((e) => e.operation === operation);
      nextIdentity = entry ? identity(entry) : undefined;
    }
    const outside = [...sandbox.journal.outside];
    const attempts = journal.filter((entry) => entry.operation === operation).map((entry) => ({ entry, answer: classifyAnswer({ entry, handlingOf: options.handlingOf }) }));
    const policy = target.adapter.retryPolicy;
    const context: OracleContext = {
      api: failure.api,
      operation,
      failure: { id: failure.id, code: failure.code, handling: failure.handling },
      journal,
      attempts,
      outcome,
      ...(outside.length > 0 ? { outside } : {}),
      ...(policy ? { policy } : {}),
      throttleMinDelayMs: model.throttleMinDelayMs,
      ...(model.compensation[operation] ? { undo: model.compensation[operation] } : {}),
      identity,
      acceptedOutcomes: (handling) => model.outcomes[handling] ?? [],
      advisedOutcomes: (handling) => model.advised[handling] ?? model.outcomes[handling] ?? [],
      idempotency: { header: model.idempotencyHeader, methods: model.idempotentMethods },
      ...(objectState ? { objectState } : {}),
      ...(input.normal ? { normal: nextIdentity === undefined ? {} : { nextIdentity } } : {}),
      rowOf,
      kindOf,
      objectStates: model.objectStates,
    };
    const { verdict, advice } = judge(context, (rule) => citations.get(rule));
    return { outcome, journal, request, advice, ...(verdict ? { verdict } : {}), ...(requests === met && outcome.status !== "hung" ? { metOnly: met } : {}) };
  };
}
