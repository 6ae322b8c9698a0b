import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { referenceAdapter } from "../../integrations/reference/index.js";
import type { Adapter, AdapterOutcome } from "../adapter.js";
import { VirtualTime } from "../clock/virtual-time.js";
import { startSandboxServer } from "../sandbox/server.js";
import { certifyFlow, FLOWS } from "./index.js";

const time = new VirtualTime();
const sandbox = createSandbox({ clock: time, config: { incentives: { throttling: false } } });
let close = () => {};
beforeAll(() => {
  const server = startSandboxServer(sandbox);
  close = () => server.close();
});
afterAll(() => close());

/** An adapter every function of which answers the same way. */
function adapterAnswering(answer: () => Promise<AdapterOutcome>): Adapter {
  const side = new Proxy({}, { get: () => answer, has: () => true });
  return { name: "uniform", incentives: side, amazonPay: side };
}

const certify = (flow: (typeof FLOWS)[number], adapter: Adapter) => certifyFlow({ flow, world: { sandbox, time, adapter }, runs: 5, seed: 7 });

describe.each(FLOWS.map((flow) => [flow.id, flow] as const))("the %s flow", (_id, flow) => {
  it("is handled by the reference integrations", async () => {
    expect((await certify(flow, referenceAdapter)).status).toBe("handled");
  });

  it("breaks the adapter contract when every adapter function throws (an unfilled skeleton)", async () => {
    const result = await certify(flow, adapterAnswering(() => Promise.reject(new Error("not implemented yet"))));
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
    expect(result.message).toContain("not implemented yet");
  });

  it("breaks the adapter contract when the adapter returns something outside the vocabulary", async () => {
    const result = await certify(flow, adapterAnswering(() => Promise.resolve({ status: "ok" } as unknown as AdapterOutcome)));
    expect(result).toMatchObject({ status: "mishandled", rule: "adapter-contract" });
  });
});
