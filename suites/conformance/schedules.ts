import fc from "fast-check";
import type { Fault } from "../sandbox/faults.js";
import type { ConformanceFailure, ConformanceModel } from "./model.js";

/** Failures the documents name for each API that a run can meet on its way to the one under test. */
export const TRANSIENT: Readonly<Record<string, readonly Fault[]>> = {
  "amazon-pay": [
    { kind: "error", code: "ServiceUnavailable" },
    { kind: "error", code: "InternalServerError" },
    { kind: "error", code: "TooManyRequests" },
    { kind: "status", status: 408 },
    { kind: "gateway-html", status: 503 },
    { kind: "network-error" },
  ],
  incentives: [{ kind: "network-error" }, { kind: "error", code: "Throttled" }],
};

/** Failures produced by the sandbox's own state rather than injected. */
export const STATE_TRIGGERED = new Set(["InvalidCheckoutSessionStatus"]);

/**
 * Answers "past every limit": more failures in a row than any integration
 * should try. A conforming one stops long before; one that never stops is cut
 * off by the clock's budget first.
 */
export const PAST_EVERY_LIMIT = 10_000;

/** One deterministic schedule a case must meet: what the operation is answered, and the calls around it. */
export interface ScheduleClass {
  /** Says what the class covers, in a replay and a report. */
  readonly name: string;
  /** Answers for the operation under test, in order; then it behaves normally. */
  readonly schedule: readonly Fault[];
  /** Answers for other operations of the run: the compensating and reconciling calls. */
  readonly others?: Readonly<Record<string, readonly Fault[]>>;
  /** For InvalidCheckoutSessionStatus: the state the session is in. */
  readonly sessionState?: "Completed" | "Canceled";
}

const RETRIED = new Set(["retry-backoff", "retry-not-instantly"]);

const label = (fault: Fault): string => {
  switch (fault.kind) {
    case "error":
      return fault.code;
    case "status":
      return `HTTP ${fault.status}`;
    case "gateway-html":
      return `a ${fault.status} gateway page`;
    default:
      return fault.kind;
  }
};

const times = (fault: Fault, n: number): Fault[] => Array.from({ length: n }, () => fault);

/**
 * What the sandbox answers for the failure under test: its documented error;
 * for a pending state, the object left pending and settling into each of its
 * final states in turn.
 */
export function documentedFaults(failure: ConformanceFailure): Fault[] {
  if (!failure.pending) return [{ kind: "error", code: failure.id }];
  const { state, settles, afterMs } = failure.pending;
  return settles.map((final) => ({ kind: "state", state, settles: { state: final.state, ...(final.reasonCode ? { reasonCode: final.reasonCode } : {}), afterMs } }));
}

const settlesTo = (fault: Fault): string => (fault.kind === "state" && fault.settles ? `, settling ${fault.settles.state}${fault.settles.reasonCode ? ` (${fault.settles.reasonCode})` : ""}` : "");

/**
 * The retried failure of an operation whose case carries the operation-level
 * class "<kind> on every one of <limit> attempts": a transient kind belongs to
 * the operation, not to the failure under test, so it runs once per operation
 * rather than in every retried case. A kind with a documented row of its own
 * (ServiceUnavailable, InternalServerError, TooManyRequests, Throttled) is
 * exercised by that row's case, where it is the failure's own "on every one of
 * <limit> attempts" class; a kind without one (HTTP 408, a gateway page, a
 * network error) by the case of the operation's first retried failure in the
 * catalogue's order (InternalServerError on Amazon Pay, ThrottlingException on
 * Incentives). A verdict of that run fails that case, and only that case.
 */
export function operationClassOwner(model: ConformanceModel, api: string, operation: string, kind: Fault): string | undefined {
  const retried = model.failures.filter((f) => f.api === api && RETRIED.has(f.handling) && f.operations.includes(operation));
  const own = kind.kind === "error" ? retried.find((f) => f.code === kind.code) : undefined;
  return (own ?? retried[0])?.id;
}

/**
 * Every class of schedule the rules can tell apart, for one documented
 * failure on one operation: the failure at the first attempt, behind each
 * kind of transient answer (packed into a few prefixes), and on the last
 * attempt the team allows; for retried failures, exhausting that limit and
 * going past every limit; for RESEND, the re-send meeting failures and RESEND
 * again, and faults on the compensating call; for InvalidCheckoutSessionStatus,
 * both states of the session and a fault on the GET that reads it.
 */
export function scheduleClasses(options: { failure: ConformanceFailure; model: ConformanceModel; operation: string; maxAttempts: number }): ScheduleClass[] {
  const { failure, model, operation } = options;
  const limit = Math.max(2, options.maxAttempts);
  const kinds = TRANSIENT[failure.api]!;
  const [documented, ...otherSettlements] = documentedFaults(failure) as [Fault, ...Fault[]];
  const stateTriggered = STATE_TRIGGERED.has(failure.code);
  const it: Fault[] = stateTriggered ? [] : [documented];
  const state = stateTriggered ? { sessionState: "Canceled" as const } : {};
  const classes: ScheduleClass[] = [{ name: `${failure.code} at the first attempt${settlesTo(documented)}`, schedule: it, ...state }];
  for (const other of otherSettlements) classes.push({ name: `${failure.code} at the first attempt${settlesTo(other)}`, schedule: [other] });
  if (stateTriggered) classes.push({ name: `${failure.code} on a Completed session`, schedule: [], sessionState: "Completed" });

  // Every transient kind at least once before the failure, a few to a run so that it still lands within the limit.
  // A full prefix puts the failure on the last attempt the policy allows: that class is then met already.
  const size = Math.max(1, limit - 1);
  for (let i = 0; i < kinds.length; i += size) {
    const prefix = kinds.slice(i, i + size);
    const last = prefix.length === limit - 1 ? `, on attempt ${limit}, the last allowed` : "";
    classes.push({ name: `${failure.code} after ${prefix.map(label).join(", ")}${last}`, schedule: [...prefix, ...it], ...state });
  }
  if (limit - 1 > 1 && kinds.length < limit - 1) classes.push({ name: `${failure.code} on attempt ${limit}, the last allowed`, schedule: [...times(kinds[0]!, limit - 1), ...it], ...state });

  if (RETRIED.has(failure.handling)) {
    classes.push({ name: `${failure.code} on every one of ${limit} attempts`, schedule: [...times(documented, limit), { kind: "pass" }] });
    classes.push({ name: `${failure.code} on every attempt, past every limit`, schedule: times(documented, PAST_EVERY_LIMIT) });
    // Retry-After is not in the documents: nothing is demanded of it, but reading it must not break the integration.
    const asked: Fault = { kind: "error", code: failure.id, retryAfterSeconds: 3 };
    classes.push({ name: `${failure.code} with Retry-After: 3, twice`, schedule: [asked, asked, { kind: "pass" }] });
    // Operation-level classes: each transient kind on every attempt belongs to the operation, not to this
    // failure. Each runs once per operation, in the case of the failure it exercises (see operationClassOwner).
    for (const kind of kinds.filter((k) => operationClassOwner(model, failure.api, operation, k) === failure.id)) {
      if (kind.kind === "error" && kind.code === failure.code) continue; // the class above, under this failure's own row
      classes.push({ name: `${label(kind)} on every one of ${limit} attempts`, schedule: [...times(kind, limit), { kind: "pass" }] });
    }
  }

  if (failure.handling === "cancel-then-resend") {
    const undo = model.compensation[operation];
    classes.push({ name: `${failure.code}, then ${label(kinds[0]!)} on the next ${limit} requests`, schedule: [documented, ...times(kinds[0]!, limit), { kind: "pass" }] });
    classes.push({ name: `${failure.code} twice`, schedule: [documented, documented] });
    if (undo) {
      classes.push({ name: `${failure.code}, and a network error on ${undo}`, schedule: [documented], others: { [undo]: [{ kind: "network-error" }] } });
      // An internal error leaves the original's fate open: re-sending under a new id then risks a second one.
      const refusal = model.failures.find((f) => f.api === failure.api && f.operations.includes(undo) && (f.kind === "F100" || f.kind === "F500"));
      if (refusal) classes.push({ name: `${failure.code}, and ${refusal.code} on ${undo}`, schedule: [documented], others: { [undo]: [{ kind: "error", code: refusal.id }] } });
    }
  }

  if (stateTriggered) {
    for (const sessionState of ["Canceled", "Completed"] as const) {
      classes.push({ name: `${failure.code} on a ${sessionState} session, and a network error on the GET`, schedule: [], others: { GetCheckoutSession: [{ kind: "network-error" }] }, sessionState });
    }
  }
  return classes;
}

/**
 * Random schedules for one documented failure, after the classes: it appears
 * at any attempt, after up to `limit - 1` transient failures and followed by
 * up to two more answers (transient failures or normal behaviour). fast-check
 * shrinks a failing schedule to the fewest, simplest answers.
 */
export function scheduleArbitrary(failure: ConformanceFailure, limit = 6): fc.Arbitrary<Fault[]> {
  const transient = fc.constantFrom(...TRANSIENT[failure.api]!);
  const after = fc.oneof(fc.constant<Fault>({ kind: "pass" }), transient);
  const faults = STATE_TRIGGERED.has(failure.code) ? [] : documentedFaults(failure);
  const documented = faults.length > 1 ? fc.constantFrom(...faults).map((fault) => [fault]) : fc.constant(faults);
  return fc.tuple(fc.array(transient, { maxLength: Math.max(1, limit - 1) }), documented, fc.array(after, { maxLength: 2 })).map(([before, it, rest]) => [...before, ...it, ...rest]);
}

/** Amounts in the currency's minor unit, kept within every documented limit. */
export const amountArbitrary: fc.Arbitrary<number> = fc.integer({ min: 100, max: 50_000 }).map((cents) => cents / 100);
