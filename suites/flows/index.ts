import { replayCommand } from "../conformance/replay.js";
import { FLOW_MIN_RUNS } from "../conformance/target.js";
import fc from "fast-check";
import type { Adapter } from "../adapter.js";
import { DEFAULT_EPOCH_MS } from "../clock/clock.js";
import type { CertificationResult } from "../report/report.js";
import type { ApiId, HandlingId } from "../../generator/spec/spec-input.js";
import { outsideMessage } from "../oracles/adapter-contract.js";
import type { Citation } from "../oracles/citation.js";
import { checkoutCommands, checkoutSetup } from "./checkout-flow.js";
import { CONTRACT_OUTSIDE } from "./citations.js";
import { AdapterHung, FlowViolation, type FlowWorld } from "./flow.js";
import { giftCardCommands, giftCardSetup } from "./gift-card-flow.js";
import { ipnCommands, ipnSetup } from "./ipn-flow.js";
import { recurringCommands, recurringSetup } from "./recurring-flow.js";
import { wholeCheckoutCommands, wholeCheckoutSetup } from "./whole-checkout-flow.js";

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
    id: "flow-whole-checkout",
    api: "amazon-pay",
    code: "WholeCheckoutFlow",
    operation: "Checkout",
    handling: "succeed",
    needs: ["checkout"],
    source: { doc: "002", section: "Why is Complete Checkout Session returning an AmountMismatch error response?" },
    commands: asFlow(wholeCheckoutCommands),
    setup: asSetup(wholeCheckoutSetup),
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
    id: "flow-recurring-charges",
    api: "amazon-pay",
    code: "RecurringCharges",
    operation: "CreateCharge",
    handling: "await-final-state",
    needs: ["createCharge", "createRefund", "handleIpn"],
    source: { doc: "005", section: "Manage asynchronous authorizations" },
    commands: asFlow(recurringCommands),
    setup: asSetup(recurringSetup),
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

/** Commands per run: enough for every documented transition of a flow, few enough to read a counterexample. */
const MAX_COMMANDS = 6;

/** A flow's verdict: a CertificationResult, with the sentence a mishandled verdict enforces. */
export type FlowResult = CertificationResult & { readonly citation?: Citation };

/** Runs one flow as a fast-check model-based property and returns its verdict. */
export async function certifyFlow(options: { flow: FlowDefinition; world: FlowWorld; runs: number; seed: number; path?: string; configPath?: string | undefined; cwd?: string | undefined }): Promise<FlowResult> {
  const { flow, world } = options;
  const base = { key: `${flow.id}@${flow.operation}`, failureId: flow.id, api: flow.api, code: flow.code, kind: "flow", operation: flow.operation, handling: flow.handling, source: flow.source } as const;
  const side = (flow.api === "incentives" ? world.adapter.incentives : world.adapter.amazonPay) as Record<string, unknown> | undefined;
  if (!flow.needs.every((name) => typeof side?.[name] === "function")) return { ...base, status: "not-applicable" };
  const replay = options.path ? parseFlowPath(options.path) : undefined;
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
    if (outside.length > 0) throw new FlowViolation("adapter-contract", outsideMessage(outside), CONTRACT_OUTSIDE);
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
  // A replay walks fast-check's path of shrinks; which commands of each step ran is not in that
  // path but in the commands' own replay path, and without it the walk cannot find the same steps.
  const commandsArbitrary = fc.commands([...flow.commands], { maxCommands: MAX_COMMANDS, ...(replay?.commands ? { replayPath: replay.commands } : {}) });
  let details: fc.RunDetails<[Iterable<fc.AsyncCommand<object, FlowWorld>>]>;
  try {
    details = await fc.check(fc.asyncProperty(commandsArbitrary, property), { numRuns: Math.max(options.runs, FLOW_MIN_RUNS), seed: options.seed, ...(replay ? { path: replay.path } : {}) });
  } catch (error) {
    if (!replay) throw error;
    throw new Error(`faultproof: --replay-path ${options.path} with --seed ${options.seed} leads to no run of ${base.key} (${(error as Error).message}); replay with the command the failing certification printed`, { cause: error });
  }
  if (!details.failed || !details.counterexample) return { ...base, status: "handled" };
  const [commands] = details.counterexample;
  let violation: FlowViolation | undefined = hung?.violation;
  if (!hung) {
    try {
      await run(commands);
    } catch (error) {
      if (!(error instanceof FlowViolation)) throw new Error(`faultproof: the ${flow.id} flow failed on its own, which is no verdict on the adapter: ${String(error)}`, { cause: error });
      violation = error;
    }
  }
  // An integration that behaves differently the second time: the verdict is the shrunk run's own.
  violation ??= details.errorInstance instanceof FlowViolation ? details.errorInstance : undefined;
  if (!violation) throw new Error(`faultproof: the ${flow.id} flow failed on its own, which is no verdict on the adapter: ${String(details.errorInstance)}`);
  const schedule = String(commands);
  const path = formatFlowPath(details.counterexamplePath ?? "", commandsReplayPath(schedule));
  return {
    ...base,
    status: "mishandled",
    rule: violation.rule,
    message: violation.message.replace(/^[^:]+: /, ""),
    citation: violation.citation,
    counterexample: { schedule: [schedule], request: null, outcome: null, journal: hung?.journal ?? [...world.sandbox.journal.entries], seed: details.seed, path },
    replay: replayCommand({ key: base.key, seed: details.seed, path, configPath: options.configPath, cwd: options.cwd }),
  };
}

/**
 * A flow's replay path: fast-check's path, then `,commands=` and the
 * commands' replay path (the `replayPath` fast-check prints beside a
 * model-based counterexample). One `--replay-path` argument carries both;
 * every character of either is safe unquoted in a shell.
 */
export function formatFlowPath(path: string, commands: string | undefined): string {
  return commands ? `${path},commands=${commands}` : path;
}

export function parseFlowPath(text: string): { readonly path: string; readonly commands?: string } {
  const [path = "", commands] = text.split(",commands=");
  return commands ? { path, commands } : { path };
}

/** The commands' replay path: the `replayPath="…"` fast-check appends to a model-based counterexample's text. */
function commandsReplayPath(schedule: string): string | undefined {
  return /\/\*replayPath="([^"]*)"\*\/$/.exec(schedule)?.[1];
}

export type { Adapter };
