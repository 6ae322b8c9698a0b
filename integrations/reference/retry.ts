/**
 * What both reference clients share: how they retry, how they name a logical
 * operation, and the result they hand to their adapters.
 *
 * Every option has the conforming value as its default. The family in
 * `integrations/defective/` sets a few of them, so each of its members (an
 * allowed variation or a defect) is visible settings rather than a copy of
 * the client.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { AdapterOutcome } from "../../suites/adapter.js";

/** How a client retries and reports; the defaults are what the documents demand. */
export interface RetryConduct {
  /** Attempts of one request (one request id or idempotency key), the first included. */
  readonly maxAttempts: number;
  /**
   * Wait before the n-th retry (index n - 1; the last value repeats). The
   * default follows Amazon Pay's example spacing: the first retry immediately,
   * then 1 s, 2 s, 4 s, 10 s, 30 s. Waits never shrink unless the schedule does.
   */
  readonly backoffMs: readonly number[];
  /** Retry errors whose documented handling is final (F100/F200/F300/F500, Amazon Pay 4xx). Conforming: false. */
  readonly retryFinalErrors: boolean;
  /** Give every retry a fresh request id or idempotency key. Conforming: false (a retry must be the same request). */
  readonly newKeyPerAttempt: boolean;
  /** Use one fixed request id or idempotency key for every operation. Conforming: false. */
  readonly oneKeyForAllOperations: boolean;
  /** Report the error class or HTTP status instead of the errorType / reasonCode. Conforming: false. */
  readonly surfaceErrorClass: boolean;
  /** Report a plain failure where the handling is manual follow-up. Conforming: false. */
  readonly failInsteadOfHandOver: boolean;
  /** When the retry budget is spent, report a plain failure instead of handing over. Conforming: false. */
  readonly failWhenExhausted: boolean;
  /** Take an answer that is neither a success nor a readable documented error (F500, HTML, broken JSON) as a success. Conforming: false. */
  readonly acceptUnknownAnswers: boolean;
  /**
   * Randomness in each wait of `backoffMs`: "full" waits anywhere from 0 to
   * the schedule's value, "equal" from half of it to all of it, "none" exactly
   * it. Conforming either way; declare it in the adapter's `retryPolicy.jitter`
   * (an undeclared jitter makes waits shrink).
   */
  readonly jitter: "none" | "full" | "equal";
  /** The random source of the jitter, a number in [0, 1). Default `Math.random`; a seeded one gives repeatable waits. */
  readonly random: () => number;
  /** Report a success that came on a retry as a failure, with the code of the answer before it. Conforming: false. */
  readonly reportFailedAfterRetry: boolean;
  /** When the retry budget is spent, report a success the API never gave. Conforming: false. */
  readonly succeedWhenExhausted: boolean;
}

export const DEFAULT_BACKOFF_MS: readonly number[] = [0, 1000, 2000, 4000, 10_000, 30_000];

/** The attempts a conforming client declares and uses. */
export const DEFAULT_MAX_ATTEMPTS = 4;

export const CONFORMING: RetryConduct = {
  maxAttempts: DEFAULT_MAX_ATTEMPTS,
  backoffMs: DEFAULT_BACKOFF_MS,
  retryFinalErrors: false,
  newKeyPerAttempt: false,
  oneKeyForAllOperations: false,
  surfaceErrorClass: false,
  failInsteadOfHandOver: false,
  failWhenExhausted: false,
  acceptUnknownAnswers: false,
  jitter: "none",
  random: Math.random,
  reportFailedAfterRetry: false,
  succeedWhenExhausted: false,
};

/** Options a caller may set: any subset of the conduct. */
export type ConductOptions = { readonly [K in keyof RetryConduct]?: RetryConduct[K] };

export function conductOf(options: ConductOptions): RetryConduct {
  const defined = Object.fromEntries(Object.entries(options).filter(([key, value]) => key in CONFORMING && value !== undefined));
  const conduct = { ...CONFORMING, ...defined } as RetryConduct;
  if (!Number.isInteger(conduct.maxAttempts) || conduct.maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive whole number, got ${conduct.maxAttempts}`);
  if (conduct.backoffMs.length === 0 || conduct.backoffMs.some((ms) => !Number.isFinite(ms) || ms < 0)) throw new RangeError("backoffMs must list at least one non-negative wait");
  if (!["none", "full", "equal"].includes(conduct.jitter)) throw new RangeError(`jitter must be "none", "full" or "equal", got ${String(conduct.jitter)}`);
  return conduct;
}

/**
 * The waits of one request's retries. A wait is the schedule's value for the
 * retry (jittered when the conduct says so), raised by what the answer
 * demands (a throttling minimum, a Retry-After); a raise carries over to
 * every later wait, so waits never shrink when the schedule itself does not
 * and there is no jitter.
 */
export class Backoff {
  #retries = 0;
  #floor = 0;

  constructor(
    private readonly schedule: readonly number[],
    private readonly jitter: RetryConduct["jitter"] = "none",
    private readonly random: () => number = Math.random,
  ) {}

  next(atLeastMs = 0): number {
    const base = this.schedule[Math.min(this.#retries, this.schedule.length - 1)] ?? 0;
    this.#retries += 1;
    this.#floor = Math.max(this.#floor, atLeastMs);
    return Math.max(this.#jittered(base), this.#floor);
  }

  #jittered(base: number): number {
    if (this.jitter === "none" || base === 0) return base;
    const share = Math.min(Math.max(this.random(), 0), 1);
    return Math.floor(this.jitter === "full" ? base * share : base / 2 + (base / 2) * share);
  }
}

/** The backoff of a conduct: its schedule, with its jitter. */
export function backoffOf(conduct: RetryConduct): Backoff {
  return new Backoff(conduct.backoffMs, conduct.jitter, conduct.random);
}

/** Sleeps on `node:timers/promises`, which faultproof's virtual time replaces. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return sleep(ms, undefined, signal ? { signal } : {});
}

/** 32 characters of [0-9a-f]: a UUID v4 without its dashes, as Amazon's SDK README makes keys. */
export function uniqueToken(): string {
  return randomUUID().replace(/-/g, "");
}

/** The longest Retry-After honoured; a longer one is capped (the budget, not the server, bounds the wait). */
const MAX_RETRY_AFTER_MS = 60_000;

/** A Retry-After header in milliseconds (delta-seconds or an HTTP date), if there is a usable one. */
export function retryAfterMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - Date.now();
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

/** What a client concludes: the adapter's outcome, with the whole success body for the adapter to pick from. */
export type ClientResult =
  | { readonly status: "succeeded"; readonly body: Readonly<Record<string, unknown>> }
  | Exclude<AdapterOutcome, { readonly status: "succeeded" }>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A string field, or a number rendered as one (ids that a parser turned into numbers). */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Turns a client result into the adapter's outcome, keeping the named fields of the success body. */
export function toOutcome(result: ClientResult, pick: (body: Readonly<Record<string, unknown>>) => Record<string, unknown>): AdapterOutcome {
  if (result.status !== "succeeded") return result;
  const data = Object.fromEntries(Object.entries(pick(result.body)).filter(([, value]) => value !== undefined));
  return { status: "succeeded", data };
}

/** A short description of something thrown, for hand-over reasons. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${error.message}`;
  }
  return String(error);
}
