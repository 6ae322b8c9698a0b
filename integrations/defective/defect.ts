/**
 * A defective adapter: the reference integration with exactly one rule
 * broken, and the rule (an oracle id) the certification must catch it by.
 */
import type { Adapter } from "../../suites/adapter.js";
import type { AmazonPayClientOptions } from "../reference/amazon-pay-client.js";
import type { IncentivesClientOptions } from "../reference/incentives-client.js";
import { createReferenceAdapter } from "../reference/index.js";
import type { ConductOptions } from "../reference/retry.js";

export interface DefectiveAdapter {
  readonly adapter: Adapter;
  /** The rule id (suites/oracles/<id>.ts) that must catch this adapter. */
  readonly breaks: string;
  /** What the adapter does wrong. */
  readonly how: string;
}

export function defect(options: {
  readonly name: string;
  readonly breaks: string;
  readonly how: string;
  /** Options for both clients. */
  readonly both?: ConductOptions;
  readonly incentives?: IncentivesClientOptions;
  readonly amazonPay?: AmazonPayClientOptions;
}): DefectiveAdapter {
  const adapter = createReferenceAdapter({
    name: `faultproof defective: ${options.name}`,
    incentives: { ...options.both, ...options.incentives },
    amazonPay: { ...options.both, ...options.amazonPay },
  });
  return { adapter, breaks: options.breaks, how: options.how };
}
