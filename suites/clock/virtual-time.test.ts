import { setTimeout as sleep } from "node:timers/promises";
import axios from "axios";
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { startSandboxServer } from "../sandbox/server.js";
import { incentivesBody } from "../sandbox/test-support/requests.js";
import { NeverSettledError, VirtualTime, VirtualTimeBudgetError } from "./virtual-time.js";

const BACKOFF = [1000, 2000, 4000, 10000, 30000];

describe("virtual time", () => {
  it("runs a 1-2-4-10-30 s backoff on global setTimeout without waiting", async () => {
    const time = new VirtualTime();
    const start = time.now();
    const realStart = performance.now();
    const stamps = await time.run(async () => {
      const seen: number[] = [];
      for (const delay of BACKOFF) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        seen.push(Date.now() - start);
      }
      return seen;
    });
    expect(stamps).toEqual([1000, 3000, 7000, 17000, 47000]);
    expect(time.now() - start).toBe(47000);
    expect(performance.now() - realStart).toBeLessThan(5000);
  });

  it("runs the same backoff on node:timers/promises, as p-retry and cockatiel sleep", async () => {
    const time = new VirtualTime();
    const start = time.now();
    await time.run(async () => {
      for (const delay of BACKOFF) await sleep(delay);
    });
    expect(time.now() - start).toBe(47000);
  });

  it("fires timers in time order, then in the order they were set", async () => {
    const time = new VirtualTime();
    const order = await time.run(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          setTimeout(() => seen.push("b@20"), 20);
          setTimeout(() => seen.push("a@10"), 10);
          setTimeout(() => seen.push("c@20"), 20);
          const interval = setInterval(() => seen.push("tick"), 15);
          setTimeout(() => {
            clearInterval(interval);
            resolve(seen);
          }, 31);
        }),
    );
    expect(order).toEqual(["a@10", "tick", "b@20", "c@20", "tick"]);
  });

  it("restores the real timers and Date afterwards, even when the work throws", async () => {
    const time = new VirtualTime();
    const realSetTimeout = globalThis.setTimeout;
    await expect(time.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
    expect(Date.now()).toBeGreaterThan(time.now());
  });

  it("reports work that never settles instead of hanging", async () => {
    const time = new VirtualTime();
    await expect(time.run(() => new Promise(() => {}), { maxIdleTurns: 50 })).rejects.toBeInstanceOf(NeverSettledError);
  });

  it("stops work that keeps waiting past its budget", async () => {
    const time = new VirtualTime();
    await expect(time.run(() => sleep(60 * 60 * 1000), { budgetMs: 60_000 })).rejects.toBeInstanceOf(VirtualTimeBudgetError);
  });

  it("times out AbortSignal.timeout on the virtual clock", async () => {
    const time = new VirtualTime();
    const start = time.now();
    const reason = await time.run(() => new Promise<unknown>((resolve) => AbortSignal.timeout(6000).addEventListener("abort", function (this: AbortSignal) { resolve(this.reason); })));
    expect((reason as DOMException).name).toBe("TimeoutError");
    expect(time.now() - start).toBe(6000);
  });
});

describe("clients under MSW while time is virtual", () => {
  const time = new VirtualTime();
  // Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
  const sandbox = createSandbox({ clock: time, config: { verifySignatures: false } });
  const server = startSandboxServer(sandbox);
  afterAll(() => server.close());

  it("an axios client gets its answer, and times out a hung request after its virtual timeout", async () => {
    const body = incentivesBody("CreateGiftCard");
    const post = () => axios.post("https://agcod-v2-gamma.amazon.com/CreateGiftCard", body, { headers: { accept: "application/json" }, timeout: 6000 });
    const ok = await time.run(post);
    expect(ok.data).toMatchObject({ status: "SUCCESS" });

    sandbox.enqueue("CreateGiftCard", { kind: "hang" });
    const start = time.now();
    const realStart = performance.now();
    const error = await time.run(() => post().then(() => undefined, (e: unknown) => e));
    expect(axios.isAxiosError(error) && error.code).toBe("ECONNABORTED");
    expect(time.now() - start).toBe(6000);
    expect(performance.now() - realStart).toBeLessThan(3000);
  });

  it("fetch with a retry loop sees the backoff on the sandbox clock", async () => {
    sandbox.reset();
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: "Throttled" }, { kind: "error", code: "Throttled" });
    const start = time.now();
    await time.run(async () => {
      for (const delay of [0, 1000, 2000]) {
        await sleep(delay);
        const response = await fetch("https://agcod-v2-gamma.amazon.com/CreateGiftCard", { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(incentivesBody("CreateGiftCard", "0002")) });
        if (response.ok) return;
      }
    });
    expect(sandbox.journal.entries.map((e) => [e.at - start, e.response.code ?? e.response.status])).toEqual([
      [0, "ThrottlingException"],
      [1000, "ThrottlingException"],
      [3000, 200],
    ]);
  });
});
