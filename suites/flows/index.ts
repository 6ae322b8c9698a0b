import fc from "fast-check";
import type { Adapter } from "../adapter.js";
import { DEFAULT_EPOCH_MS } from "../clock/clock.js";
import type { CertificationResult } from "../report/report.js";
import type { ApiId, HandlingId } from "../../generator/spec/spec-input.js";
import { outsideMessage } from "../oracles/adapter-contract.js";
import { checkoutCommands, checkoutSetup } from "./checkout-flow.js";
import { AdapterHung, FlowViolation, type FlowWorld } from "./flow.js";
import { giftCardCommands, giftCardSetup } from "./gift-card-flow.js";
import { ipnCommands, ipnSetup } from "./ipn-flow.js";

/** A model-based property over a documented flow, certified like a documented failure. */
export interface FlowDefinition {
  readonly id: string;
  readonly api: ApiId;
  readonly code: string;
  readonly operation: string;
  readonly handling: HandlingId;
  /** Adapter functions the flow needs; without them it is not applicable. */
  readonly needs: readonly string[];
  readonly source: { readonly doc: string; readonly section: string };
  readonly commands: readonly fc.Arbitrary<fc.AsyncCommand<object, FlowWorld>>[];
  readonly setup: (world: FlowWorld) => () => { model: object; real: FlowWorld };
}

const asFlow = <M extends object>(commands: readonly fc.Arbitrary<fc.AsyncCommand<M, FlowWorld>>[]) => commands as unknown as readonly fc.Arbitrary<fc.AsyncCommand<object, FlowWorld>>[];
const asSetup = <M extends object>(setup: (world: FlowWorld) => () => { model: M; real: FlowWorld }) => setup as (world: FlowWorld) => () => { model: object; real: FlowWorld };

export const FLOWS: readonly FlowDefinition[] = [
  {
    id: "flow-checkout",
    api: "amazon-pay",
    code: "CheckoutFlow",
    operation: "CompleteCheckoutSession",
    handling: "reconcile-state",
    needs: ["updateCheckoutSession", "completeCheckoutSession"],
    source: { doc: "002", section: "Why is Complete Checkout Session returning an AmountMismatch error response?" },
    commands: asFlow(checkoutCommands),
    setup: asSetup(checkoutSetup),
  },
  {
    id: "flow-ipn-v2",
    api: "amazon-pay",
    code: "IpnV2Flow",
    operation: "HandleIpn",
    handling: "fetch-object",
    needs: ["handleIpn"],
    source: { doc: "002", section: "I’m upgrading from an older version of Amazon Pay checkout. Do I need to handle IPNs differently?" },
    commands: asFlow(ipnCommands),
    setup: asSetup(ipnSetup),
  },
  {
    id: "flow-gift-card-lifecycle",
    api: "incentives",
    code: "GiftCardLifecycle",
    operation: "CreateGiftCard",
    handling: "cancel-then-resend",
    needs: ["createGiftCard", "cancelGiftCard"],
    source: { doc: "003", section: "Most common error codes and causes" },
    commands: asFlow(giftCardCommands),
    setup: asSetup(giftCardSetup),
  },
];

/** Runs one flow as a fast-check model-based property and returns its verdict. */
export async function certifyFlow(options: { flow: FlowDefinition; world: FlowWorld; runs: number; seed: number; path?: string }): Promise<CertificationResult> {
  const { flow, world } = options;
  const base = { key: `${flow.id}@${flow.operation}`, failureId: flow.id, api: flow.api, code: flow.code, kind: "flow", operation: flow.operation, handling: flow.handling, source: flow.source } as const;
  const side = (flow.api === "incentives" ? world.adapter.incentives : world.adapter.amazonPay) as Record<string, unknown> | undefined;
  if (!flow.needs.every((name) => typeof side?.[name] === "function")) return { ...base, status: "not-applicable" };
  const run = async (commands: Iterable<fc.AsyncCommand<object, FlowWorld>>) => {
    world.sandbox.reset();
    world.time.set(DEFAULT_EPOCH_MS);
    let failure: { error: unknown } | undefined;
    try {
      await fc.asyncModelRun(flow.setup(world), commands);
    } catch (error) {
      failure = { error };
    }
    // A request to another host comes first: whatever failed after it was the integration reacting to its refusal.
    const outside = world.sandbox.journal.outside;
    if (outside.length > 0) throw new FlowViolation("adapter-contract", outsideMessage(outside));
    if (failure) throw failure.error;
  };
  // Once the adapter hung, every further run would only wait out the time limit again:
  // shrinking then keeps the run that hung, and that run is the verdict.
  let hung: { violation: AdapterHung; journal: readonly unknown[] } | undefined;
  const property = async (commands: Iterable<fc.AsyncCommand<object, FlowWorld>>) => {
    if (hung) return;
    try {
      await run(commands);
    } catch (error) {
      if (error instanceof AdapterHung) hung = { violation: error, journal: [...world.sandbox.journal.entries] };
      throw error;
    }
  };
  const details = await fc.check(fc.asyncProperty(fc.commands([...flow.commands], { maxCommands: 6 }), property), {
    numRuns: options.runs,
    seed: options.seed,
    ...(options.path ? { path: options.path } : {}),
  });
  if (!details.failed || !details.counterexample) return { ...base, status: "handled" };
  const [commands] = details.counterexample;
  let violation: FlowViolation | undefined = hung?.violation;
  if (!hung) {
    try {
      await run(commands);
    } catch (error) {
      violation = error instanceof FlowViolation ? error : new FlowViolation(flow.id, String(error));
    }
  }
  return {
    ...base,
    status: "mishandled",
    rule: violation?.rule ?? flow.id,
    message: violation?.message.replace(/^[^:]+: /, "") ?? String(details.errorInstance),
    counterexample: { schedule: [String(commands)], request: null, outcome: null, journal: hung?.journal ?? [...world.sandbox.journal.entries], seed: details.seed, path: details.counterexamplePath ?? "" },
    replay: `npx faultproof certify --only ${base.key} --seed ${details.seed} --replay-path ${details.counterexamplePath ?? ""}`,
  };
}

export type { Adapter };
