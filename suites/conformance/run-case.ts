import fc from "fast-check";
import { DEFAULT_EPOCH_MS } from "../clock/clock.js";
import type { VirtualTime } from "../clock/virtual-time.js";
import { classifyAnswer } from "../oracles/classify.js";
import { firstViolation, type OracleContext, type Violation } from "../oracles/index.js";
import type { CertificationResult } from "../report/report.js";
import type { Fault } from "../sandbox/faults.js";
import type { JournalEntry } from "../sandbox/journal.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import type { HandlingId } from "../../generator/spec/spec-input.js";
import { callAdapter, jsonSafe } from "./call-adapter.js";
import { adapterFunction, FIXTURES } from "./fixtures.js";
import type { ConformanceFailure, ConformanceModel } from "./model.js";
import { amountArbitrary, scheduleArbitrary } from "./schedules.js";
import type { Target } from "./target.js";

export interface CaseOptions {
  readonly model: ConformanceModel;
  readonly failure: ConformanceFailure;
  readonly operation: string;
  readonly target: Target;
  readonly sandbox: Sandbox;
  readonly time: VirtualTime;
}

interface RunRecord {
  readonly outcome: OracleContext["outcome"];
  readonly journal: readonly JournalEntry[];
  readonly violation?: Violation;
  readonly request: unknown;
}

class RuleBroken extends Error {
  constructor(readonly record: RunRecord) {
    super(`${record.violation!.rule}: ${record.violation!.message}`);
  }
}

/**
 * Certifies one documented failure on one operation: a fast-check property
 * over request amounts and fault schedules, judged by the oracles, shrunk to
 * the smallest schedule that breaks a rule.
 */
export async function certifyCase(options: CaseOptions): Promise<CertificationResult> {
  const { failure, operation, target, model } = options;
  const base = baseResult(options);
  const fn = adapterFunction({ ...target.adapter, api: failure.api, operation });
  const fixture = FIXTURES[operation];
  if (!fn || !fixture) return { ...base, status: "not-applicable" };

  const handlingOf = handlingIndex(model);
  let hung: RunRecord | undefined;
  const property = fc.asyncProperty(amountArbitrary, scheduleArbitrary(failure), fc.boolean(), async (amount, schedule, completedBefore) => {
    // Once the adapter hung, every further run would only wait out the time limit again:
    // shrinking then keeps the run that hung, and that run is the verdict.
    if (hung) return;
    const record = await runOnce({ ...options, fn, handlingOf, amount, schedule, completedBefore });
    if (record.outcome.status === "hung") hung = record;
    if (record.violation) throw new RuleBroken(record);
  });
  const details = await fc.check(property, {
    numRuns: target.runs,
    seed: target.seed,
    ...(target.path ? { path: target.path } : {}),
    endOnFailure: false,
  });
  if (!details.failed || !details.counterexample) return { ...base, status: "handled" };

  // Replay the shrunk counterexample once to read its journal and the rule it breaks.
  const [amount, schedule, completedBefore] = details.counterexample;
  const record = hung ?? (await runOnce({ ...options, fn, handlingOf, amount, schedule, completedBefore }));
  const violation = record.violation ?? { rule: "property-error", message: String(details.errorInstance) };
  return {
    ...base,
    status: "mishandled",
    rule: violation.rule,
    message: violation.message,
    counterexample: { schedule, request: record.request, outcome: jsonSafe(record.outcome), journal: record.journal, seed: details.seed, path: details.counterexamplePath ?? "" },
    replay: `npx faultproof certify --only ${base.key} --seed ${details.seed} --replay-path ${details.counterexamplePath ?? ""}`,
  };
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

type HandlingOf = (answer: { errorId?: string; code: string; operation: string }) => HandlingId | undefined;

function handlingIndex(model: ConformanceModel): HandlingOf {
  const byOperation = new Map<string, HandlingId>();
  const byCode = new Map<string, HandlingId>();
  const byId = new Map(model.failures.map((failure) => [failure.id, failure.handling]));
  for (const failure of model.failures) {
    if (!byCode.has(failure.code)) byCode.set(failure.code, failure.handling);
    for (const op of failure.operations) if (!byOperation.has(`${op}|${failure.code}`)) byOperation.set(`${op}|${failure.code}`, failure.handling);
  }
  return ({ errorId, code, operation }) => (errorId ? byId.get(errorId) : undefined) ?? byOperation.get(`${operation}|${code}`) ?? byCode.get(code);
}

async function runOnce(options: CaseOptions & {
  fn: (request: never) => Promise<unknown>;
  handlingOf: HandlingOf;
  amount: number;
  schedule: readonly Fault[];
  completedBefore: boolean;
}): Promise<RunRecord> {
  const { sandbox, time, failure, operation, model } = options;
  sandbox.reset();
  time.set(DEFAULT_EPOCH_MS);
  const sessionState = failure.code === "InvalidCheckoutSessionStatus" ? (options.completedBefore ? "Completed" : "Canceled") : "Open";
  const { request } = FIXTURES[operation]!({ sandbox, amount: options.amount, reference: "r1", sessionState });
  sandbox.enqueue(operation, ...options.schedule);
  const callTimeoutMs = options.target.callTimeoutMs;
  const call = (request: unknown) => callAdapter({ time, work: () => options.fn(request as never), ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }) });
  const outcome = await call(request);
  const journal = [...sandbox.journal.entries];

  // A second logical operation, answered normally: its key must differ from the first's.
  // After a hang there is no point: it would only wait out the time limit again.
  let nextEntry: JournalEntry | undefined;
  if (outcome.status !== "hung") {
    sandbox.clearFaults();
    const next = FIXTURES[operation]!({ sandbox, amount: options.amount, reference: "r2" });
    const before = sandbox.journal.entries.length;
    await call(next.request);
    nextEntry = sandbox.journal.entries.slice(before).find((entry) => entry.operation === operation);
  }
  const outside = [...sandbox.journal.outside];

  const identity = identityOf(model, sandbox);
  const attempts = journal.filter((entry) => entry.operation === operation).map((entry) => ({ entry, answer: classifyAnswer({ entry, handlingOf: options.handlingOf }) }));
  const context: OracleContext = {
    api: failure.api,
    operation,
    failure: { id: failure.id, code: failure.code, handling: failure.handling },
    journal,
    attempts,
    outcome,
    ...(outside.length > 0 ? { outside } : {}),
    policy: { maxAttempts: Math.min(options.target.adapter.retryPolicy?.maxAttempts ?? model.maxAttempts, model.maxAttempts), throttleMinDelayMs: model.throttleMinDelayMs },
    ...(model.compensation[operation] ? { undo: model.compensation[operation] } : {}),
    identity,
    acceptedOutcomes: (handling) => model.outcomes[handling] ?? [],
    ...(nextEntry && identity(nextEntry) !== undefined ? { nextIdentity: identity(nextEntry)! } : {}),
  };
  const violation = firstViolation(context);
  return { outcome, journal, request, ...(violation ? { violation } : {}) };
}

function identityOf(model: ConformanceModel, sandbox: Sandbox): OracleContext["identity"] {
  const fields = new Map(sandbox.incentives.model.operations.map((op) => [op.id, op.requestIdField]));
  return (entry) => {
    if (entry.api === "amazon-pay") return model.idempotentMethods.includes(entry.method) ? entry.headers[model.idempotencyHeader] : undefined;
    const field = fields.get(entry.operation ?? "");
    const body = entry.body as Record<string, unknown> | undefined;
    const value = field ? body?.[field] : undefined;
    return typeof value === "string" ? value : undefined;
  };
}
