import { createRequire, syncBuiltinESMExports } from "node:module";
import type * as Timers from "node:timers";
import type * as TimersPromises from "node:timers/promises";
import type { Clock } from "./clock.js";
import { DEFAULT_EPOCH_MS } from "./clock.js";

const require = createRequire(import.meta.url);
// The CommonJS objects behind `node:timers/promises` and `node:timers`: replacing their
// functions and calling syncBuiltinESMExports() also changes what ESM importers see, which is
// how integrations that sleep with `await setTimeout(ms)` (p-retry, cockatiel) get virtual time.
const timersPromises = require("node:timers/promises") as typeof TimersPromises;
const timers = require("node:timers") as typeof Timers;

/** The timer functions of `node:timers` and `node:timers/promises` that virtual time replaces. */
interface BuiltinTimers {
  readonly promisesSetTimeout: typeof timersPromises.setTimeout;
  readonly schedulerWait: typeof timersPromises.scheduler.wait | undefined;
  readonly timersSetTimeout: typeof timers.setTimeout;
  readonly timersClearTimeout: typeof timers.clearTimeout;
}

/** Node's own, as they were when this module loaded. */
const realBuiltins: BuiltinTimers = {
  promisesSetTimeout: timersPromises.setTimeout,
  schedulerWait: timersPromises.scheduler?.wait,
  timersSetTimeout: timers.setTimeout,
  timersClearTimeout: timers.clearTimeout,
};

/** The running VirtualTime's, while one runs. */
let virtualBuiltins: BuiltinTimers | undefined;
let routed = false;

/**
 * Replaces the builtin modules' timer functions, once per process, with ones
 * that call the running VirtualTime's, or Node's own when none runs. Only
 * syncBuiltinESMExports() makes ESM importers see a replacement, and it walks
 * every builtin module: done once here rather than twice per run, it no longer
 * costs a tenth of a property run.
 */
function routeBuiltins(): void {
  if (routed) return;
  const current = (): BuiltinTimers => virtualBuiltins ?? realBuiltins;
  type Args<F> = F extends (...args: infer A) => unknown ? A : never;
  Object.assign(timersPromises, { setTimeout: (...args: Args<BuiltinTimers["promisesSetTimeout"]>) => current().promisesSetTimeout(...args) });
  if (timersPromises.scheduler && realBuiltins.schedulerWait) {
    Object.assign(timersPromises.scheduler, { wait: (...args: Args<typeof timersPromises.scheduler.wait>) => (current().schedulerWait ?? realBuiltins.schedulerWait!).apply(timersPromises.scheduler, args) });
  }
  Object.assign(timers, {
    setTimeout: (...args: Args<BuiltinTimers["timersSetTimeout"]>) => current().timersSetTimeout(...args),
    clearTimeout: (...args: Args<BuiltinTimers["timersClearTimeout"]>) => current().timersClearTimeout(...args),
  });
  syncBuiltinESMExports();
  routed = true;
}

interface Timer {
  readonly id: number;
  at: number;
  readonly seq: number;
  readonly callback: () => void;
  readonly interval?: number;
}

/** Thrown when the code under virtual time neither settles nor waits on any timer. */
export class NeverSettledError extends Error {
  override readonly name = "NeverSettledError";
}

/** Thrown when the code under virtual time keeps waiting past its virtual-time budget. */
export class VirtualTimeBudgetError extends Error {
  override readonly name = "VirtualTimeBudgetError";
}

/**
 * Thrown when the code under virtual time is still busy after its real-time
 * limit: it keeps timers or requests going (a 1 ms poll, a retry loop without
 * waits) so neither the idle detector nor the virtual budget would ever stop it.
 */
export class RealTimeLimitError extends Error {
  override readonly name = "RealTimeLimitError";
}

export interface RunOptions {
  /** Give up after this much virtual time (default: 10 minutes). */
  readonly budgetMs?: number;
  /** Give up after this many idle turns with no timer to advance to (default: 2000). */
  readonly maxIdleTurns?: number;
  /** Give up after this much real (wall-clock) time, however busy the code is (default: no limit). */
  readonly realTimeoutMs?: number;
}

/**
 * Virtual time for the code under test. While `run` is active, the global
 * timers, `Date` and `node:timers/promises` read this clock; whenever the code
 * is idle (nothing happened for a few turns of the real event loop) the clock
 * jumps to the next timer. A 1-2-4-10-30 s backoff takes no real time, and
 * the order of events never depends on machine speed.
 */
export class VirtualTime implements Clock {
  #now: number;
  #seq = 0;
  #nextId = 1;
  #activity = 0;
  #timers = new Map<number, Timer>();
  #installed = false;
  readonly #real = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    setImmediate: globalThis.setImmediate,
    Date: globalThis.Date,
    abortTimeout: AbortSignal.timeout,
  };

  constructor(startMs: number = DEFAULT_EPOCH_MS) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Sets the clock, between runs only: each run of a property starts at the same instant. */
  set(epochMs: number): void {
    if (this.#installed) throw new Error("faultproof: the virtual clock cannot be set while it runs");
    this.#now = epochMs;
  }

  /** Something happened that the idle detector should wait for (a request arrived or was answered). */
  activity(): void {
    this.#activity += 1;
  }

  /** Pending timers, for tests and diagnostics. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Runs `work` under virtual time and returns its result; restores the real timers afterwards. */
  async run<T>(work: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    if (this.#installed) throw new Error("faultproof: virtual time is already running");
    const start = this.#now;
    const budgetMs = options.budgetMs ?? 10 * 60 * 1000;
    const budget = this.#now + budgetMs;
    const maxIdle = options.maxIdleTurns ?? 2000;
    // performance.now is never faked: it is the one clock the code under test cannot stop.
    const realDeadline = options.realTimeoutMs === undefined ? Infinity : performance.now() + options.realTimeoutMs;
    this.#install();
    try {
      let settled = false;
      let value: T | undefined;
      let failure: unknown;
      let failed = false;
      Promise.resolve()
        .then(work)
        .then(
          (result) => {
            settled = true;
            value = result;
          },
          (error: unknown) => {
            settled = true;
            failed = true;
            failure = error;
          },
        );
      let quiet = 0;
      let idle = 0;
      let seen = this.#activity;
      while (!settled) {
        await new Promise<void>((resolve) => this.#real.setImmediate(resolve));
        if (settled) break;
        if (performance.now() > realDeadline) {
          throw new RealTimeLimitError(`the operation was still running after ${options.realTimeoutMs} ms of real time (at ${Math.round((this.#now - start) / 1000)} s of virtual time)`);
        }
        if (this.#activity !== seen) {
          seen = this.#activity;
          quiet = 0;
          continue;
        }
        quiet += 1;
        if (quiet < QUIET_TURNS) continue;
        const next = this.#earliest();
        if (!next) {
          idle += 1;
          if (idle > maxIdle) throw new NeverSettledError("the operation never settled: it is not waiting on any timer and nothing else happened");
          continue;
        }
        if (next.at > budget) throw new VirtualTimeBudgetError(`the operation was still waiting after ${Math.round(budgetMs / 1000)} s of virtual time`);
        idle = 0;
        quiet = 0;
        this.#fire(next);
      }
      if (failed) throw failure;
      return value as T;
    } finally {
      this.#uninstall();
      this.#timers.clear();
    }
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers.values()) if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    return best;
  }

  #fire(timer: Timer): void {
    this.#now = Math.max(this.#now, timer.at);
    if (timer.interval !== undefined) {
      timer.at = this.#now + Math.max(1, timer.interval);
    } else {
      this.#timers.delete(timer.id);
    }
    this.#activity += 1;
    timer.callback();
  }

  #schedule(callback: () => void, ms: unknown, interval: boolean): TimerHandle {
    const delay = Math.max(0, Number(ms) || 0);
    const id = this.#nextId++;
    this.#seq += 1;
    this.#timers.set(id, { id, at: this.#now + delay, seq: this.#seq, callback, ...(interval ? { interval: delay } : {}) });
    this.#activity += 1;
    return new TimerHandle(id, (handle) => this.#clear(handle));
  }

  #clear(handle: unknown): void {
    const id = handle instanceof TimerHandle ? handle.id : typeof handle === "number" ? handle : undefined;
    if (id !== undefined && this.#timers.delete(id)) this.#activity += 1;
  }

  #install(): void {
    const schedule = (callback: () => void, ms: unknown, interval: boolean) => this.#schedule(callback, ms, interval);
    const clear = (handle: unknown) => this.#clear(handle);
    const now = () => this.#now;
    type Callback = (...args: unknown[]) => void;
    const fakeSetTimeout = (callback: Callback, ms?: unknown, ...args: unknown[]) => schedule(() => callback(...args), ms, false);
    const fakeSetInterval = (callback: Callback, ms?: unknown, ...args: unknown[]) => schedule(() => callback(...args), ms, true);
    const fakeClear = clear;
    const sleep = <V>(ms?: number, value?: V, options?: { signal?: AbortSignal }) =>
      new Promise<V>((resolve, reject) => {
        const signal = options?.signal;
        if (signal?.aborted) return reject(abortError(signal));
        const handle = schedule(() => resolve(value as V), ms, false);
        signal?.addEventListener("abort", () => {
          clear(handle);
          reject(abortError(signal));
        }, { once: true });
      });
    const RealDate = this.#real.Date;
    class VirtualDate extends RealDate {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(now());
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static override now(): number {
        return now();
      }
    }
    Object.assign(globalThis, { setTimeout: fakeSetTimeout, clearTimeout: fakeClear, setInterval: fakeSetInterval, clearInterval: fakeClear, Date: VirtualDate });
    // fetch users time out with AbortSignal.timeout, which Node runs on its internal timers.
    AbortSignal.timeout = (ms: number) => {
      const controller = new AbortController();
      schedule(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), ms, false);
      return controller.signal;
    };
    routeBuiltins();
    virtualBuiltins = {
      promisesSetTimeout: sleep as BuiltinTimers["promisesSetTimeout"],
      schedulerWait: (ms: number, options?: { signal?: AbortSignal }) => sleep(ms, undefined, options),
      timersSetTimeout: fakeSetTimeout as unknown as BuiltinTimers["timersSetTimeout"],
      timersClearTimeout: fakeClear,
    };
    this.#installed = true;
  }

  #uninstall(): void {
    const real = this.#real;
    Object.assign(globalThis, { setTimeout: real.setTimeout, clearTimeout: real.clearTimeout, setInterval: real.setInterval, clearInterval: real.clearInterval, Date: real.Date });
    AbortSignal.timeout = real.abortTimeout;
    virtualBuiltins = undefined;
    this.#installed = false;
  }
}

/** Turns of the real event loop with nothing happening before the clock may jump: lets in-process I/O settle. */
const QUIET_TURNS = 5;

function abortError(signal: AbortSignal): Error {
  const error = new Error("The operation was aborted", { cause: signal.reason });
  error.name = "AbortError";
  return error;
}

/** What the fake timers return: enough of Node's Timeout for code that calls unref() or refresh(). */
export class TimerHandle {
  constructor(
    readonly id: number,
    private readonly clear: (handle: TimerHandle) => void,
  ) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    return this;
  }
  close(): this {
    this.clear(this);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}
