/**
 * Each defective adapter is caught by the rule it breaks, on the documented
 * failures that expose it, while the reference integration handles the same
 * cases: the certification has no blind spot for these defects.
 */
import { afterAll, describe, expect, it } from "vitest";
import { conformanceModel } from "../../generated/conformance-model.js";
import { createSandbox } from "../../generated/sandbox.js";
import type { Adapter } from "../../suites/adapter.js";
import { VirtualTime } from "../../suites/clock/virtual-time.js";
import { certifyCase } from "../../suites/conformance/run-case.js";
import { startSandboxServer } from "../../suites/sandbox/server.js";
import { createReferenceAdapter } from "../reference/index.js";
import { defectiveAdapters } from "./index.js";

const time = new VirtualTime();
// As the conformance suites run: TPS throttling is a case of its own, not a side effect of many runs at one instant.
const sandbox = createSandbox({ clock: time, config: { incentives: { throttling: false } } });
const server = startSandboxServer(sandbox);
afterAll(() => server.close());

const RUNS = 25;
const SEED = 20261123;

/** `<failure id>@<operation>`: documented failures on which each defect shows. */
const EXPOSED_BY: Readonly<Record<string, readonly string[]>> = {
  "retries-final-errors": ["f2003-invalid-amount-input@CreateGiftCard", "invalid-parameter-value@CreateCheckoutSession"],
  "reports-error-class": ["f2003-invalid-amount-input@CreateGiftCard", "invalid-parameter-value@CreateCheckoutSession"],
  "fails-manual-cases": ["f3003-insufficient-funds@CreateGiftCard", "unauthorized-access@CreateCharge"],
  "over-budget": ["service-unavailable@CreateCharge", "throttled@CreateGiftCard"],
  "shrinking-backoff": ["service-unavailable@CreateCharge", "throttled@LoadAmazonBalance"],
  "instant-throttle-retry": ["throttled@CreateGiftCard"],
  "new-key-per-retry": ["service-unavailable@CreateCharge", "throttled@CreateGiftCard"],
  "one-key-for-all": ["f2003-invalid-amount-input@CreateGiftCard", "invalid-parameter-value@CreateCheckoutSession"],
  "resend-without-cancel": ["f4000-system-temporarily-unavailable@CreateGiftCard", "f4000-system-temporarily-unavailable@ActivateGiftCard"],
  "silent-exhaustion": ["service-unavailable@CreateCharge", "throttled@CreateGiftCard"],
  "trusts-unknown-answers": ["f5000-general-error@CreateGiftCard", "service-unavailable@CreateCheckoutSession"],
  "bare-sdk": ["service-unavailable@CreateCharge"],
};

async function certify(adapter: Adapter, key: string) {
  const [failureId, operation] = key.split("@") as [string, string];
  const failure = conformanceModel.failures.find((candidate) => candidate.id === failureId);
  if (!failure) throw new Error(`no documented failure ${failureId}`);
  const target = { adapter, adapterName: adapter.name, runs: RUNS, seed: SEED };
  return certifyCase({ model: conformanceModel, failure, operation, target, sandbox, time });
}

describe("defective adapters", () => {
  it("cover every rule the brief names, each exposed by at least one case", () => {
    expect(Object.keys(EXPOSED_BY).sort()).toEqual(Object.keys(defectiveAdapters).sort());
    expect(new Set(Object.values(defectiveAdapters).map((d) => d.breaks))).toEqual(
      new Set([
        "no-retry-after-final-error",
        "surface-code",
        "manual-follow-up",
        "retry-budget",
        "backoff-non-decreasing",
        "throttle-not-instant",
        "same-key-across-retries",
        "distinct-keys-across-operations",
        "resend-compensation",
        "exhausted-hand-over",
        "unknown-never-success",
      ]),
    );
  });

  const cases = Object.entries(EXPOSED_BY).flatMap(([name, keys]) => keys.map((key) => [name, key] as const));

  it.each(cases)("%s is caught on %s", async (name, key) => {
    const { adapter, breaks } = defectiveAdapters[name]!;
    const result = await certify(adapter, key);
    expect({ status: result.status, rule: result.rule }).toEqual({ status: "mishandled", rule: breaks });
  }, 60_000);

  it.each([...new Set(Object.values(EXPOSED_BY).flat())])("the reference integration handles %s", async (key) => {
    const result = await certify(createReferenceAdapter(), key);
    expect({ status: result.status, rule: result.rule, message: result.message }).toEqual({ status: "handled", rule: undefined, message: undefined });
  }, 60_000);
});
