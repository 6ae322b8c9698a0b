import { http, type RequestHandler } from "msw";
import { createManualClock, type Clock } from "../clock/clock.js";
import { AmazonPayEngine } from "./amazon-pay/engine.js";
import { answerSns, SNS_HOSTS } from "./amazon-pay/sns.js";
import { stateFaultProblem } from "./amazon-pay/state-fault.js";
import { resolveConfig, type DeepPartial, type SandboxConfig } from "./config.js";
import type { Answer, SandboxContext } from "./context.js";
import { FaultQueue, type Fault } from "./faults.js";
import { IncentivesEngine } from "./incentives/engine.js";
import { Journal } from "./journal.js";
import type { AmazonPayModel, IncentivesModel } from "./model.js";
import { redactHeaders } from "./redact.js";
import { onHostIn, operationOf, urlOf } from "./routing.js";

/** What the generated MSW handlers call: one entry point per API. */
export interface SandboxEntryPoints {
  incentives(options: { request: Request; operation: string; region: string }): Promise<Response>;
  amazonPay(options: { request: Request; region: string }): Promise<Response>;
}

export interface SandboxOptions {
  /** The clock the sandbox reads; a manual clock at a fixed epoch by default. */
  readonly clock?: Clock;
  readonly config?: DeepPartial<SandboxConfig>;
}

/** A stateful, in-process sandbox of both APIs, with its clock, journal and fault queue. */
export interface Sandbox {
  /** MSW handlers for every host of both APIs, and the SNS host that serves the IPN signing certificate: give them to `setupServer`. */
  readonly handlers: readonly RequestHandler[];
  /**
   * Answers a request to one of the sandbox's hosts (https only) without MSW,
   * as its handlers would; `undefined` for any other request. What the
   * certification's interceptor calls: the same engines, minus MSW's matching.
   */
  answer(request: Request): Promise<Response> | undefined;
  readonly clock: Clock;
  readonly journal: Journal;
  readonly config: SandboxConfig;
  readonly incentives: IncentivesEngine;
  readonly amazonPay: AmazonPayEngine;
  /** Queue outcomes for the next requests of an operation, then normal behaviour. */
  enqueue(operation: string, ...faults: readonly Fault[]): void;
  /**
   * Make a mock code that stands for several errors (F1000, F2023, F3001, F3005)
   * answer with one of them, by errorType or row id, until reset. Anything that
   * is not one of that code's alternatives is refused with an error naming them.
   * The typed sandbox (`createSandbox`) takes only those alternatives.
   */
  preferVariant(mockCode: string, variant: string): void;
  /** Drop every queued fault; the sandbox answers normally from now on. */
  clearFaults(): void;
  /** How many faults are still queued for an operation: those its requests have not met yet. */
  queuedFaults(operation: string): number;
  /** Forget all state (objects, IPNs made), faults and journal entries, and release hung requests. */
  reset(): void;
}

// Captured at load: fake timers (vitest's included) replace the global one.
const setImmediateAtLoad = globalThis.setImmediate;

/**
 * One turn of the event loop before each answer. Served in process, a
 * request is answered in microtasks alone, so a client retrying in a loop
 * without waiting would starve every timer and I/O callback: the clock's
 * time limit, the test runner's timeout, the worker's messages.
 */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediateAtLoad(resolve));
}

/**
 * Builds a sandbox from the generated models and handler table. Tests use
 * the generated `createSandbox`, which passes these in.
 */
export function createSandboxRuntime(options: SandboxOptions & {
  readonly models: { readonly incentives: IncentivesModel; readonly amazonPay: AmazonPayModel };
  readonly handlers: (entryPoints: SandboxEntryPoints) => readonly RequestHandler[];
}): Sandbox {
  const config = resolveConfig(options.config);
  const clock = options.clock ?? createManualClock();
  const journal = new Journal();
  const faults = new FaultQueue();
  let release: () => void = () => {};
  let released = new Promise<void>((resolve) => (release = resolve));
  const context: SandboxContext = { clock, journal, faults, config, released: () => released };
  const incentives = new IncentivesEngine(options.models.incentives, context);
  const amazonPay = new AmazonPayEngine(options.models.amazonPay, context);

  const incentivesOperations = new Set(options.models.incentives.operations.map((op) => op.id));
  const payOperations = new Set(options.models.amazonPay.operations.map((op) => op.id));

  // A request released by reset() (a hang) belongs to the test before it: it is not journaled.
  let epoch = 0;
  const record = (request: Request, api: "incentives" | "amazon-pay", at: number, startEpoch: number) => (answer: Answer & { operation?: string }) => {
    if (startEpoch !== epoch) return answer.response;
    journal.record({
      api,
      ...(answer.operation !== undefined ? { operation: answer.operation } : {}),
      method: request.method,
      url: request.url,
      headers: redactHeaders(request.headers),
      ...(answer.body !== undefined ? { body: answer.body } : {}),
      at,
      response: withRetryAfter(answer),
    });
    return answer.response;
  };

  // Under virtual time, a request arriving or being answered is activity: the clock waits for it to settle.
  const activity = () => (clock as Partial<{ activity(): void }>).activity?.();
  const entryPoints: SandboxEntryPoints = {
    async incentives({ request, operation, region }) {
      // Arrival first, so the clock counts the turn below as activity, not as idle time.
      activity();
      await turn();
      const at = clock.now();
      const startEpoch = epoch;
      const known = incentivesOperations.has(operation);
      const answer = await incentives.handle({ request, operationName: operation, region });
      activity();
      return record(request, "incentives", at, startEpoch)({ ...answer, ...(known ? { operation } : {}) });
    },
    async amazonPay({ request }) {
      // Arrival first, so the clock counts the turn below as activity, not as idle time.
      activity();
      await turn();
      const at = clock.now();
      const startEpoch = epoch;
      const answer = await amazonPay.handle(request);
      activity();
      return record(request, "amazon-pay", at, startEpoch)(answer);
    },
  };

  /**
   * The SNS host that signs IPN envelopes serves their signing certificate, so
   * an integration that verifies signatures can fetch it. Not an Amazon Pay
   * API request, so not journaled: the oracles judge the APIs' journal alone.
   */
  const sns = async (request: Request): Promise<Response> => {
    activity();
    await turn();
    const response = answerSns(request);
    activity();
    return response;
  };

  // The hosts the generated handlers serve, from the same models: host → entry point.
  const hosts = new Map<string, (request: Request) => Promise<Response>>();
  for (const { region, sandbox, production } of options.models.incentives.hosts) {
    for (const host of [sandbox, production]) hosts.set(host, (request) => entryPoints.incentives({ request, operation: operationOf(request), region }));
  }
  for (const { region, host } of options.models.amazonPay.hosts) hosts.set(host, (request) => entryPoints.amazonPay({ request, region }));
  for (const host of Object.keys(SNS_HOSTS)) hosts.set(host, sns);

  return {
    // Both transports serve the same hosts: the generated handlers' and SNS's.
    handlers: [...options.handlers(entryPoints), http.all(onHostIn(SNS_HOSTS), ({ request }) => sns(request))],
    answer(request) {
      const url = urlOf(request);
      return url.protocol === "https:" ? hosts.get(url.host)?.(request) : undefined;
    },
    clock,
    journal,
    config,
    incentives,
    amazonPay,
    enqueue: (operation, ...list) => {
      const incentivesOperation = incentivesOperations.has(operation);
      const payOperation = payOperations.has(operation);
      if (!incentivesOperation && !payOperation) throw new Error(`faultproof sandbox: no operation "${operation}"`);
      // An unknown code is refused here, to the test that queued it: inside a handler it would only become a 500.
      for (const fault of list) {
        if (fault.kind === "state") {
          const problem = payOperation ? stateFaultProblem({ operation, fault }) : `a state fault is for Amazon Pay operations, not ${operation}`;
          if (problem) throw new Error(`faultproof sandbox: ${problem}`);
          continue;
        }
        if (fault.kind !== "error") continue;
        const known = payOperation ? amazonPay.resolveCode(fault.code) !== undefined : incentives.errors.resolve({ operation, code: fault.code, hash: 0 }) !== undefined;
        if (!known) throw new Error(`faultproof sandbox: "${fault.code}" is no documented ${payOperation ? "Amazon Pay reason code" : "Incentives error"} (use a code, a mock code, an error class or an error id)`);
        if (!payOperation && fault.variant !== undefined) incentives.errors.assertVariant(fault.code, fault.variant);
      }
      faults.enqueue(operation, ...list);
    },
    preferVariant: (mockCode, variant) => incentives.errors.prefer(mockCode, variant),
    clearFaults: () => faults.clear(),
    queuedFaults: (operation) => faults.pending(operation),
    reset() {
      incentives.reset();
      amazonPay.reset();
      faults.clear();
      journal.clear();
      epoch += 1;
      release();
      released = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

/** The journal's view of an answer, with the Retry-After it carried: a wait it asked for is no wait of the integration's own. */
function withRetryAfter(answer: Answer): Answer["journal"] {
  const value = answer.response.headers.get("retry-after");
  const seconds = value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
  return seconds === undefined ? answer.journal : { ...answer.journal, retryAfterSeconds: seconds };
}
