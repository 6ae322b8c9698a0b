/**
 * One integration of the family that proves the verdicts both ways: either it
 * follows the documents, in an unusual but allowed way, and must certify; or
 * it breaks exactly one rule and must fail by it.
 *
 * Most members are the reference integration with a few options set
 * (`variant`); the options default to the conforming value, so each member is
 * its settings, not a copy of the client.
 */
import type { Adapter, RetryPolicy } from "../../suites/adapter.js";
import type { AdviceId } from "../../suites/oracles/oracle.js";
import type { VerdictId } from "../../generator/spec/spec-input.js";
import type { AmazonPayClientOptions } from "../reference/amazon-pay-client.js";
import type { IncentivesClientOptions } from "../reference/incentives-client.js";
import { createReferenceAdapter } from "../reference/index.js";
import type { ConductOptions } from "../reference/retry.js";

/** A verdict rule (spec/spec.schema.json), or the adapter contract every verdict stands on. */
export type Rule = VerdictId | "adapter-contract";

export type MemberApi = "amazon-pay" | "incentives" | "both";

/** What the certification must conclude about a member. */
export type Expectation =
  /**
   * Follows the documents: every case it is run on is handled. `certifies`
   * names the rules whose latitude it uses (an allowed reading of each);
   * `advises`, an advice rule it deliberately goes against (listed as advice,
   * never a failure).
   */
  | { readonly certifies: readonly Rule[]; readonly advises?: AdviceId }
  /** Breaks exactly this rule: every case it is run on is mishandled by it. */
  | { readonly breaks: Rule };

interface MemberBase {
  readonly name: string;
  /** The API whose operations the member implements: the other one's are not applicable. */
  readonly api: MemberApi;
  /** What it does, in one sentence. */
  readonly does: string;
  /** `<failure id>@<operation>`: the documented failures on which its conduct shows. */
  readonly cases: readonly string[];
  readonly adapter: Adapter;
  /**
   * The verdict engine does not conclude what the documents demand of this
   * member: what it concludes instead, and why that is wrong. The tests hold
   * the engine to `observed` so that a fix shows; then delete this field.
   */
  readonly knownGap?: KnownGap;
}

export interface KnownGap {
  /** "handled", or the rule that fails the member instead of the expected one. */
  readonly observed: "handled" | Rule;
  readonly why: string;
}

export type FamilyMember = MemberBase & Expectation;

export function mustFail(member: FamilyMember): member is MemberBase & { readonly breaks: Rule } {
  return "breaks" in member;
}

/** The adapter with only the operations of one API (both when `api` is "both"). */
export function keepApi(adapter: Adapter, api: MemberApi): Adapter {
  const { incentives, amazonPay, ...rest } = adapter;
  return {
    ...rest,
    ...(api !== "amazon-pay" && incentives ? { incentives } : {}),
    ...(api !== "incentives" && amazonPay ? { amazonPay } : {}),
  };
}

/**
 * The waits a declared exponential backoff gives, one per retry, computed
 * here and not by the verdict engine: a member built from the judge's own
 * arithmetic would share its mistakes.
 */
export function exponentialSchedule(policy: RetryPolicy): number[] {
  const initial = policy.initialDelayMs ?? 0;
  const multiplier = policy.multiplier ?? 1;
  const cap = policy.maxDelayMs ?? Infinity;
  const waits: number[] = [];
  let next = initial;
  for (let retry = 1; retry < policy.maxAttempts; retry += 1) {
    if (retry === 1 && policy.immediateFirstRetry) {
      waits.push(0);
      continue;
    }
    waits.push(Math.min(next, cap));
    next *= multiplier;
  }
  return waits.length > 0 ? waits : [0];
}

/**
 * The reference integration with options set. `retryPolicy` is what the
 * adapter declares (null: none at all); an exponential one also sets the
 * clients' schedule and jitter, unless `both` says otherwise.
 */
export function variant(
  options: {
    readonly name: string;
    readonly api: MemberApi;
    readonly does: string;
    readonly cases: readonly string[];
    readonly retryPolicy?: RetryPolicy | null;
    readonly both?: ConductOptions;
    readonly incentives?: IncentivesClientOptions;
    readonly amazonPay?: AmazonPayClientOptions;
    readonly knownGap?: KnownGap;
  } & Expectation,
): FamilyMember {
  const { name, api, does, cases, retryPolicy, both, incentives, amazonPay, ...expectation } = options;
  const declared = retryPolicy ?? undefined;
  const exponential = declared && declared.initialDelayMs !== undefined ? { backoffMs: exponentialSchedule(declared), ...(declared.jitter ? { jitter: declared.jitter } : {}) } : {};
  const conduct: ConductOptions = { ...(declared ? { maxAttempts: declared.maxAttempts } : {}), ...exponential, ...both };
  const reference = createReferenceAdapter({
    name: `faultproof family: ${name}`,
    ...(declared ? { retryPolicy: declared } : {}),
    incentives: { ...conduct, ...incentives },
    amazonPay: { ...conduct, ...amazonPay },
  });
  const { retryPolicy: _policy, ...undeclared } = reference;
  const adapter = keepApi(retryPolicy === null ? undeclared : reference, api);
  return { name, api, does, cases, adapter, ...expectation } as FamilyMember;
}

/** A seeded pseudo-random source in [0, 1) (mulberry32): the same waits on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
