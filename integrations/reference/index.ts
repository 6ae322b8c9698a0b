/**
 * The faultproof reference integration: a conforming integration with both
 * APIs, which `faultproof certify --reference` (and this repository's
 * faultproof.config.ts) certifies, and the base of the family of integrations
 * in `integrations/defective/` that proves the verdicts both ways.
 */
import type { Adapter, RetryPolicy } from "../../suites/adapter.js";
import { AmazonPayClient, type AmazonPayClientOptions } from "./amazon-pay-client.js";
import { createAmazonPayAdapter } from "./amazon-pay-adapter.js";
import { IncentivesClient, type IncentivesClientOptions } from "./incentives-client.js";
import { createIncentivesAdapter } from "./incentives-adapter.js";
import { DEFAULT_BACKOFF_MS, DEFAULT_MAX_ATTEMPTS } from "./retry.js";
import { referenceTestCredentials } from "./test-credentials.js";

export interface ReferenceAdapterOptions {
  readonly name?: string;
  /** The policy the adapter declares; the clients use its maxAttempts and delaysMs unless their options say otherwise. */
  readonly retryPolicy?: RetryPolicy;
  readonly incentives?: IncentivesClientOptions;
  readonly amazonPay?: AmazonPayClientOptions;
}

export const REFERENCE_NAME = "faultproof reference integration";

/**
 * A reference adapter with its own clients and its own state (the IPN
 * endpoint's memory of notification ids): one per certification run when
 * runs must not share anything.
 */
export function createReferenceAdapter(options: ReferenceAdapterOptions = {}): Adapter {
  const retryPolicy = options.retryPolicy ?? { maxAttempts: DEFAULT_MAX_ATTEMPTS, delaysMs: DEFAULT_BACKOFF_MS };
  const backoff = retryPolicy.delaysMs ? { backoffMs: retryPolicy.delaysMs } : {};
  const incentives = new IncentivesClient({ maxAttempts: retryPolicy.maxAttempts, ...backoff, ...options.incentives });
  const amazonPay = new AmazonPayClient({ maxAttempts: retryPolicy.maxAttempts, ...backoff, ...options.amazonPay });
  return {
    name: options.name ?? REFERENCE_NAME,
    retryPolicy,
    incentives: createIncentivesAdapter(incentives),
    amazonPay: createAmazonPayAdapter(amazonPay),
  };
}

export const referenceAdapter: Adapter = createReferenceAdapter();

/** The name `faultproof certify` looks for first. */
export const adapter: Adapter = referenceAdapter;

export { AmazonPayClient, IncentivesClient };
export type { AmazonPayClientOptions, IncentivesClientOptions };

/**
 * The test keys the reference signs with: the sandbox is told to trust them
 * when `faultproof certify --reference` (or a module path without a config)
 * certifies this module.
 */
export const credentials = referenceTestCredentials;
export { referenceTestCredentials };
