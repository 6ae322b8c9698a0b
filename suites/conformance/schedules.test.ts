import { afterAll, describe, expect, it } from "vitest";
import { conformanceModel } from "../../generated/conformance-model.js";
import { createSandbox } from "../../generated/sandbox.js";
import { createReferenceAdapter, referenceTestCredentials } from "../../integrations/reference/index.js";
import { VirtualTime } from "../clock/virtual-time.js";
import type { Fault } from "../sandbox/faults.js";
import { startSandboxInterceptor } from "../sandbox/server.js";
import { certifyCase } from "./run-case.js";
import { scheduleClasses, TRANSIENT } from "./schedules.js";
import { signingConfig } from "./signing.js";

const failure = (id: string) => conformanceModel.failures.find((f) => f.id === id)!;

describe("the schedule classes of a case", () => {
  it.each([
    ["amazon-pay: six transient kinds fill a prefix, which then is the last allowed attempt", "invalid-parameter-value", "CreateCharge", 6],
    ["amazon-pay: a longer declared limit gets a class of its own", "invalid-parameter-value", "CreateCharge", 9],
    ["incentives: two transient kinds, so the last allowed attempt is a class of its own", "f2003-invalid-amount-input", "CreateGiftCard", 6],
  ])("%s", (_, id, operation, maxAttempts) => {
    const classes = scheduleClasses({ failure: failure(id), model: conformanceModel, operation, maxAttempts });
    const last = classes.filter((klass) => klass.name.includes(`on attempt ${maxAttempts}, the last allowed`));
    // Exactly one class puts the documented failure on the last attempt the policy allows.
    expect(last).toHaveLength(1);
    expect(last[0]!.schedule).toHaveLength(maxAttempts);
    expect(last[0]!.schedule.at(-1)).toEqual({ kind: "error", code: id });
    // And every transient kind of the API comes before the failure in some class.
    const before = new Set(classes.flatMap((klass) => klass.schedule.slice(0, -1).map((fault) => JSON.stringify(fault))));
    for (const kind of TRANSIENT[failure(id).api]!) expect(before).toContain(JSON.stringify(kind));
  });
});

describe("random runs after the classes", () => {
  const time = new VirtualTime();
  const sandbox = createSandbox({ clock: time, config: { incentives: { throttling: false }, ...signingConfig({ credentials: referenceTestCredentials }) } });
  const server = startSandboxInterceptor(sandbox);
  afterAll(() => server.close());

  it("never run a schedule the case already met, nor one whose answers a run that stopped earlier already met", async () => {
    // What each run is answered, as the runner hands it to the sandbox (a run starts with reset).
    const runs: Fault[][] = [];
    const enqueue = sandbox.enqueue.bind(sandbox);
    const reset = sandbox.reset.bind(sandbox);
    sandbox.reset = () => {
      runs.push([]);
      reset();
    };
    sandbox.enqueue = (operation: string, ...faults: Fault[]) => {
      if (operation === "CreateGiftCard") runs.at(-1)!.push(...faults);
      enqueue(operation, ...faults);
    };
    try {
      const result = await certifyCase({
        model: conformanceModel,
        failure: failure("f2003-invalid-amount-input"),
        operation: "CreateGiftCard",
        sandbox,
        time,
        target: { adapter: createReferenceAdapter(), adapterName: "reference", runs: 60, seed: 3 },
      });
      expect(result.status).toBe("handled");
    } finally {
      sandbox.reset = reset;
      sandbox.enqueue = enqueue;
    }
    // The normal path (no fault, run once per operation) aside, no two runs met the same answers.
    const faulted = runs.filter((faults) => faults.length > 0).map((faults) => JSON.stringify(faults));
    expect(new Set(faulted).size).toBe(faulted.length);
    // The reference stops at the documented failure (F2003 is final): what a schedule holds after it
    // is never met, so no two runs share the answers up to and including it.
    const met = runs.filter((faults) => faults.length > 0).map((faults) => JSON.stringify(faults.slice(0, faults.findIndex((f) => f.kind === "error" && f.code === "f2003-invalid-amount-input") + 1)));
    expect(new Set(met).size).toBe(met.length);
    // fast-check drew 60 schedules, several of them the same small ones: fewer than 60 were run.
    const classes = scheduleClasses({ failure: failure("f2003-invalid-amount-input"), model: conformanceModel, operation: "CreateGiftCard", maxAttempts: conformanceModel.maxAttempts }).length;
    expect(faulted.length).toBeLessThan(classes + 60);
    expect(faulted.length).toBeGreaterThan(classes);
  });
});
