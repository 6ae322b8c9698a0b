/**
 * The family of integrations that proves the verdicts both ways. For every
 * verdict rule, members that follow the documents in an unusual but allowed
 * way and must certify, and members that break only that rule and must fail
 * by it. A certification that fails one of the first has a rule too strict;
 * one that passes one of the second has a blind spot.
 */
import type { Adapter } from "../../suites/adapter.js";
import { payBreaks, payCertifies } from "./amazon-pay.js";
import { bothBreak, bothCertify } from "./both-apis.js";
import { incentivesBreaks, incentivesCertifies } from "./incentives.js";
import { mustFail, type FamilyMember, type Rule } from "./member.js";

export type { Expectation, FamilyMember, KnownGap, MemberApi, Rule } from "./member.js";
export { mustFail } from "./member.js";

/** Every member, in the order the tests run them. */
export const familyMembers: readonly FamilyMember[] = [...bothCertify, ...payCertifies, ...incentivesCertifies, ...bothBreak, ...payBreaks, ...incentivesBreaks];

/** Every member by name. */
export const family: Readonly<Record<string, FamilyMember>> = Object.fromEntries(familyMembers.map((member) => [member.name, member]));

/** A member that must fail, as the certify tests name it: its adapter and the rule that must catch it. */
export interface DefectiveAdapter {
  readonly adapter: Adapter;
  readonly breaks: Rule;
  readonly how: string;
}

/** The members that must fail and do (no known gap of the verdict engine), by name. */
export const defectiveAdapters: Readonly<Record<string, DefectiveAdapter>> = Object.fromEntries(
  familyMembers
    .filter(mustFail)
    .filter((member) => !member.knownGap)
    .map((member) => [member.name, { adapter: member.adapter, breaks: member.breaks, how: member.does }]),
);
