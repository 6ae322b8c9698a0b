import { sandboxView } from "../../generator/render/sandbox-view.js";
import type { Catalogue } from "../../generator/spec/catalogue.js";
import { defineConformanceSuite } from "./suite.js";
import { createSandboxRuntime, type SandboxOptions } from "../sandbox/sandbox.js";
import { createHandlers } from "../../generated/handlers.js";

/**
 * The conformance suites of bundled spec + a team's overlay, built in memory
 * from its catalogue: the same view the generator prints into generated/, so
 * the same models, cases and sandbox, with the overlay's failures in them.
 * An overlay changes error entries only, so the generated handlers (the
 * hosts) are the bundled ones. In the order generated/conformance.ts has.
 */
export function defineOverlaySuites(catalogue: Catalogue): void {
  const view = sandboxView(catalogue);
  const models = { incentives: view.incentivesModel, amazonPay: view.amazonPayModel };
  const createSandbox = (options: SandboxOptions) => createSandboxRuntime({ ...options, models, handlers: createHandlers });
  defineConformanceSuite({
    api: "incentives",
    title: "Incentives API: every documented failure on every operation the adapter implements",
    model: view.conformanceModel,
    createSandbox,
    cases: view.incentivesConformanceCases,
  });
  defineConformanceSuite({
    api: "amazon-pay",
    title: "Amazon Pay: every documented failure on every operation the adapter implements",
    model: view.conformanceModel,
    createSandbox,
    cases: view.amazonPayConformanceCases,
  });
}
