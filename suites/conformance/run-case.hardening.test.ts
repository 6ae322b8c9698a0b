import type * as Crypto from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect as netConnect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conformanceModel } from "../../generated/conformance-model.js";
import { createSandbox } from "../../generated/sandbox.js";
import { createReferenceAdapter } from "../../integrations/reference/index.js";
import type { Adapter, AdapterOutcome } from "../adapter.js";
import { VirtualTime } from "../clock/virtual-time.js";
import { certifyFlow, FLOWS } from "../flows/index.js";
import type { CertificationResult } from "../report/report.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { startSandboxInterceptor, startSandboxServer } from "../sandbox/server.js";
import { certifyCase } from "./run-case.js";
import type { Target } from "./target.js";

// The reference integration draws its request ids from randomUUID; counted here, two certifications can be compared whole.
const ids = vi.hoisted(() => ({ next: 0 }));
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof Crypto>();
  return { ...crypto, randomUUID: () => `00000000-0000-4000-8000-${String((ids.next += 1)).padStart(12, "0")}` };
});

/*
 * certifyCase and certifyFlow against adapters that misbehave, that send
 * requests outside the sandbox, and run again and again with one seed. What
 * the suites and `faultproof certify` build on: a verdict per case, never an
 * exception, never a hang, never one case's trouble in another's verdict.
 */

/** A certification's world, as a suite file builds it: one clock, one sandbox, one transport (MSW here, unless told). */
interface World {
  readonly time: VirtualTime;
  readonly sandbox: Sandbox;
  close(): void;
}

function world(start: (sandbox: Sandbox) => { close(): void } = startSandboxServer): World {
  const time = new VirtualTime();
  // Misbehaving adapters send requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
  const sandbox = createSandbox({ clock: time, config: { verifySignatures: false, incentives: { throttling: false } } });
  const server = start(sandbox);
  return { time, sandbox, close: () => server.close() };
}

const failure = (id: string) => conformanceModel.failures.find((f) => f.id === id)!;

/** A short cut-off, so a hang costs this test a fifth of a second, not the default five. */
const CALL_TIMEOUT_MS = 200;

/**
 * Certifies one case. Adapters that hang are cut off after CALL_TIMEOUT_MS; the comparisons of
 * verdicts between runs pass `callTimeoutMs: undefined` (the default five seconds), since a real
 * integration's call can take longer than a fifth of a second of real time on a loaded machine,
 * and a cut-off would change the verdict of one run and not another's.
 */
function certify(w: World, options: { adapter: Adapter; key: string; runs?: number; seed?: number; callTimeoutMs?: number | undefined }): Promise<CertificationResult> {
  const [id, operation] = options.key.split("@") as [string, string];
  const callTimeoutMs = "callTimeoutMs" in options ? options.callTimeoutMs : CALL_TIMEOUT_MS;
  const target: Target = { adapter: options.adapter, adapterName: options.adapter.name, runs: options.runs ?? 5, seed: options.seed ?? 7, ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }) };
  return certifyCase({ model: conformanceModel, failure: failure(id), operation, target, sandbox: w.sandbox, time: w.time });
}

const giftCards = (createGiftCard: (request: never) => unknown): Adapter => ({ name: "misbehaving", incentives: { createGiftCard: createGiftCard as () => Promise<AdapterOutcome> } });

// MSW intercepts per process: one world listens at a time.
let shared: World;

describe("a misbehaving adapter gets a clear per-case verdict, never a crash or a hang", () => {
  const circular: Record<string, unknown> = { name: "loop" };
  circular.self = circular;
  const hostileProxy = new Proxy(
    {},
    {
      get: () => {
        throw new Error("trap");
      },
      getPrototypeOf: () => {
        throw new Error("trap");
      },
      ownKeys: () => {
        throw new Error("trap");
      },
    },
  );
  let busy = true;
  beforeAll(() => {
    shared = world();
  });
  afterAll(() => shared.close());

  it.each<[string, (request: never) => unknown, RegExp]>([
    ["throws a string", () => Promise.reject("boom"), /^the adapter threw "boom" instead of returning an outcome/],
    ["throws undefined", () => Promise.reject(undefined), /^the adapter threw undefined instead/],
    ["throws a plain object", () => Promise.reject({ code: "E42" }), /^the adapter threw \{"code":"E42"\} instead/],
    ["throws an object with no prototype", () => Promise.reject(Object.assign(Object.create(null) as object, { code: "E42" })), /^the adapter threw \{"code":"E42"\} instead/],
    ["throws a circular object", () => Promise.reject(circular), /^the adapter threw <ref \*1> \{ name: 'loop', self: \[Circular \*1\] \} instead/],
    ["throws a BigInt", () => Promise.reject(10n), /^the adapter threw 10n instead/],
    ["throws a proxy whose every trap throws", () => Promise.reject(hostileProxy), /^the adapter threw .+ instead/],
    ["throws synchronously, not from a promise", () => {
      throw new TypeError("sync");
    }, /^the adapter threw TypeError: sync instead/],
    ["returns null", () => Promise.resolve(null), /^the adapter returned null; expected \{ status:/],
    ["returns undefined", () => Promise.resolve(undefined), /^the adapter returned undefined; expected/],
    ["returns a number", () => Promise.resolve(42), /^the adapter returned 42; expected/],
    ["returns the wrong shape", () => Promise.resolve({ ok: true }), /^the adapter returned \{"ok":true\}; expected/],
    ["returns a status outside the vocabulary", () => Promise.resolve({ status: "ok" }), /^the adapter returned \{"status":"ok"\}; expected/],
    ["returns a circular object", () => Promise.resolve(circular), /^the adapter returned <ref \*1> \{ name: 'loop', self: \[Circular \*1\] \}; expected/],
    ["never settles", () => new Promise(() => {}), /^the adapter never settled: the operation never settled: it is not waiting on any timer/],
    ["never settles, polling a timer every millisecond", () => new Promise(() => setInterval(() => {}, 1)), new RegExp(`^the adapter never settled: the operation was still running after ${CALL_TIMEOUT_MS} ms of real time`)],
    [
      "never settles, retrying without ever waiting",
      async () => {
        // A loop that keeps the sandbox busy: no timer to jump to, no idle moment to notice.
        while (busy) await fetch("https://agcod-v2-gamma.amazon.com/GetAvailableFunds", { method: "POST", body: "{}" }).catch(() => undefined);
        return new Promise(() => {});
      },
      new RegExp(`^the adapter never settled: the operation was still running after ${CALL_TIMEOUT_MS} ms of real time`),
    ],
  ])("%s", async (_name, fn, message) => {
    busy = true;
    const started = performance.now();
    const result = await certify(shared, { adapter: giftCards(fn), key: "f3003-insufficient-funds@CreateGiftCard" });
    // A runaway loop cannot be stopped from outside; this one stops itself, so it does not hammer the sandbox for the rest of the file.
    busy = false;
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toMatch(message);
    // The verdict goes into report.json and across vitest's workers: it must survive both.
    expect(() => structuredClone(result)).not.toThrow();
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({ key: result.key, message: result.message });
    // One cut-off per case, not one per fast-check run and shrink step.
    expect(performance.now() - started).toBeLessThan(20 * CALL_TIMEOUT_MS);
  }, 30_000);

  it("an outcome carrying values JSON cannot hold is judged, and its counterexample still serialises", async () => {
    const result = await certify(shared, { adapter: giftCards(() => Promise.resolve({ status: "succeeded", data: { big: 10n, fn: () => 1, sym: Symbol("s") } })), key: "f3003-insufficient-funds@CreateGiftCard" });
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toMatch(/returned succeeded without sending any CreateGiftCard request/);
    expect(JSON.parse(JSON.stringify(result.counterexample?.outcome))).toEqual({ status: "succeeded", data: { big: "10n", fn: "[Function: fn]", sym: "Symbol(s)" } });
  });

  it("a flow whose adapter never settles is cut off with the same verdict", async () => {
    const flow = FLOWS.find((f) => f.id === "flow-gift-card-lifecycle")!;
    const hangs = giftCards(() => new Promise(() => setInterval(() => {}, 1)));
    const adapter: Adapter = { ...hangs, incentives: { ...hangs.incentives, cancelGiftCard: () => new Promise(() => {}) } };
    const started = performance.now();
    const result = await certifyFlow({ flow, world: { sandbox: shared.sandbox, time: shared.time, adapter, callTimeoutMs: CALL_TIMEOUT_MS, objectStates: conformanceModel.objectStates }, runs: 5, seed: 7 });
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toMatch(/^the adapter never settled: the operation was still running after/);
    expect(performance.now() - started).toBeLessThan(20 * CALL_TIMEOUT_MS);
  });

  it("after all of them, the other cases still run: the reference integration is certified on the same world", async () => {
    for (const key of ["f3003-insufficient-funds@CreateGiftCard", "service-unavailable@CreateCharge"]) {
      expect(await certify(shared, { adapter: createReferenceAdapter(), key }), key).toMatchObject({ status: "handled" });
    }
  });
});

describe("no request escapes the sandbox", () => {
  let local: Server;
  let localUrl = "";
  let connections = 0;
  beforeAll(async () => {
    // As certify runs: behind the certification's interceptor.
    shared = world(startSandboxInterceptor);
    local = createServer((_request, response) => response.end("reached"));
    local.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
    localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    shared.close();
    await new Promise<void>((resolve) => local.close(() => resolve()));
  });

  /** The reference integration, which also reports each gift card to `url` (and ignores how that went). */
  function reporting(url: () => string, init?: RequestInit): Adapter {
    const reference = createReferenceAdapter();
    return {
      ...reference,
      name: "reports elsewhere",
      incentives: {
        ...reference.incentives,
        async createGiftCard(request) {
          await fetch(url(), init).catch(() => undefined);
          return reference.incentives!.createGiftCard!(request);
        },
      },
    };
  }

  it.each<[string, () => string, RequestInit | undefined, RegExp]>([
    ["a server on localhost", () => `${localUrl}/collect?card=1`, undefined, /^the integration sent GET http:\/\/127\.0\.0\.1:\d+\/collect outside the sandbox/],
    ["https://example.com", () => "https://example.com/track", { method: "POST", body: "{}" }, /^the integration sent POST https:\/\/example\.com\/track outside the sandbox/],
    ["the Amazon Pay host over plain http", () => "http://pay-api.amazon.com/v2/charges", undefined, /^the integration sent GET http:\/\/pay-api\.amazon\.com\/v2\/charges outside the sandbox/],
  ])("%s: the case fails naming the request, and nothing is sent", async (_name, url, init, message) => {
    connections = 0;
    // Otherwise a conforming integration: only the request elsewhere can fail it.
    const result = await certify(shared, { adapter: reporting(url, init), key: "f3003-insufficient-funds@CreateGiftCard", runs: 3 });
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toMatch(message);
    expect(result.message).toMatch(/refused it with a network error and sent nothing/);
    expect(connections).toBe(0);
  });

  it("a raw socket (as undici's own request() or an agent of its own would open) fails the case, and connects nowhere", async () => {
    connections = 0;
    const reference = createReferenceAdapter();
    const port = Number(new URL(localUrl).port);
    const adapter: Adapter = {
      ...reference,
      name: "reports over a socket",
      incentives: {
        ...reference.incentives,
        async createGiftCard(request) {
          await new Promise<void>((resolve) => {
            const socket = netConnect(port, "127.0.0.1", () => socket.end("GET /socket HTTP/1.1\r\n\r\n"));
            socket.on("error", () => resolve()).on("close", () => resolve());
          });
          return reference.incentives!.createGiftCard!(request);
        },
      },
    };
    const result = await certify(shared, { adapter, key: "f3003-insufficient-funds@CreateGiftCard", runs: 3 });
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toMatch(/^the integration sent CONNECT tcp:\/\/127\.0\.0\.1:\d+ outside the sandbox/);
    expect(connections).toBe(0);
  });

  it("names the request without its query, where a presigned URL carries credentials", async () => {
    const result = await certify(shared, { adapter: reporting(() => "https://example.com/upload?X-Amz-Credential=AKIAZ7EXAMPLE4Q2WXYZ%2F20260101&X-Amz-Signature=5d672d79c15b"), key: "f3003-insufficient-funds@CreateGiftCard", runs: 1 });
    expect(result.message).toMatch(/sent GET https:\/\/example\.com\/upload outside/);
    expect(JSON.stringify(result)).not.toMatch(/AKIAZ7EXAMPLE4Q2WXYZ|5d672d79c15b/);
  });

  it("a flow's request elsewhere fails the flow the same way", async () => {
    connections = 0;
    const flow = FLOWS.find((f) => f.id === "flow-gift-card-lifecycle")!;
    const result = await certifyFlow({ flow, world: { sandbox: shared.sandbox, time: shared.time, adapter: reporting(() => `${localUrl}/flow`), objectStates: conformanceModel.objectStates }, runs: 3, seed: 7 });
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toMatch(/^the integration sent GET http:\/\/127\.0\.0\.1:\d+\/flow outside the sandbox/);
    expect(connections).toBe(0);
  });
});

describe("twenty certifications with one seed give identical verdicts and counterexamples", () => {
  /** A new key on every retry: mishandled, with a counterexample to compare. */
  const defective = () => createReferenceAdapter({ name: "new key per retry", incentives: { newKeyPerAttempt: true }, amazonPay: { newKeyPerAttempt: true } });
  const KEYS = ["f2003-invalid-amount-input@CreateGiftCard", "service-unavailable@CreateCharge"];

  it("in one world and in fresh ones, as certify and a replay see them", async () => {
    const runs: unknown[][] = [];
    const certifyAll = async (w: World) => {
      // The same integration each time: its request ids start over, as in a new process.
      ids.next = 0;
      const results: unknown[] = [];
      for (const key of KEYS) results.push(await certify(w, { adapter: defective(), key, runs: 8, seed: 424242, callTimeoutMs: undefined }));
      runs.push(results);
    };
    // Fifteen in one world, as the cases of one certify run share it...
    const reused = world();
    try {
      for (let i = 0; i < 15; i += 1) await certifyAll(reused);
    } finally {
      reused.close();
    }
    // ...and five in worlds of their own, as a replay runs one case in a fresh process.
    for (let i = 0; i < 5; i += 1) {
      const fresh = world();
      try {
        await certifyAll(fresh);
      } finally {
        fresh.close();
      }
    }
    const [first] = runs;
    expect(first).toMatchObject([
      { status: "mishandled", rule: "same-key-across-retries", counterexample: { seed: 424242 } },
      { status: "mishandled", rule: "same-key-across-retries", counterexample: { seed: 424242 } },
    ]);
    for (const [i, run] of runs.entries()) expect(run, `certification ${i + 1}`).toEqual(first);
  }, 60_000);
});

describe("a certification through the interceptor is the certification through MSW", () => {
  // fetch (Incentives) and node:https (the Amazon Pay SDK); final, retried, throttled, RESEND and state-machine failures.
  const KEYS = [
    "f2003-invalid-amount-input@CreateGiftCard",
    "f4000-system-temporarily-unavailable@CreateGiftCard",
    "throttled@CreateGiftCard",
    "service-unavailable@CreateCharge",
    "invalid-checkout-session-status@CompleteCheckoutSession",
    "too-many-requests@CreateCheckoutSession",
  ];
  const adapters = {
    reference: () => createReferenceAdapter(),
    "fails plainly when retries run out": () => createReferenceAdapter({ name: "fails when exhausted", incentives: { failWhenExhausted: true }, amazonPay: { failWhenExhausted: true } }),
    "a new key per retry, throttling retried at once": () =>
      createReferenceAdapter({ name: "new key per retry", incentives: { newKeyPerAttempt: true, throttleMinDelayMs: 0 }, amazonPay: { newKeyPerAttempt: true } }),
  };

  it.each(Object.keys(adapters) as (keyof typeof adapters)[])("%s: the same verdicts, journals and counterexamples", async (name) => {
    const certifyAll = async (start: (sandbox: Sandbox) => { close(): void }) => {
      ids.next = 0;
      const w = world(start);
      try {
        const results: CertificationResult[] = [];
        for (const key of KEYS) results.push(await certify(w, { adapter: adapters[name](), key, runs: 15, seed: 99, callTimeoutMs: undefined }));
        return results;
      } finally {
        w.close();
      }
    };
    const throughMsw = await certifyAll(startSandboxServer);
    const throughInterceptor = await certifyAll(startSandboxInterceptor);
    expect(throughInterceptor).toEqual(throughMsw);
    // The comparison sees real traffic and, for the defective adapters, real verdicts.
    expect(throughMsw.every((result) => result.status !== "not-applicable")).toBe(true);
    if (name !== "reference") expect(throughMsw.some((result) => result.status === "mishandled" && result.counterexample!.journal.length > 0)).toBe(true);
  }, 60_000);
});
