/**
 * Certifies one member of the family on one documented failure, as the
 * generated suites do: one sandbox and one virtual clock per test file, TPS
 * throttling off (throttling is a case of its own), few random runs (the
 * schedule classes do the work).
 */
import { conformanceModel } from "../../generated/conformance-model.js";
import { createSandbox } from "../../generated/sandbox.js";
import type { Adapter } from "../../suites/adapter.js";
import { VirtualTime } from "../../suites/clock/virtual-time.js";
import { certifyCase } from "../../suites/conformance/run-case.js";
import type { CertificationResult } from "../../suites/report/report.js";
import { startSandboxServer } from "../../suites/sandbox/server.js";
import { REFERENCE_TEST_ACCESS_KEY, REFERENCE_TEST_PAY_KEY } from "../reference/test-credentials.js";
import { mustFail, type FamilyMember, type Rule } from "./member.js";

export const RUNS = 5;
export const SEED = 20261123;

/** The sandbox of one test file; `close` stops its server. */
export function familyBench(): { certify: (adapter: Adapter, key: string) => Promise<CertificationResult>; close: () => void } {
  const time = new VirtualTime();
  // Every member signs with the reference's test keys (a broken signer with others): the sandbox checks them as Amazon does.
  const sandbox = createSandbox({ clock: time, config: { incentives: { throttling: false }, credentials: { incentives: [REFERENCE_TEST_ACCESS_KEY], amazonPay: [{ publicKeyId: REFERENCE_TEST_PAY_KEY.publicKeyId, publicKey: REFERENCE_TEST_PAY_KEY.publicKey }] } } });
  const server = startSandboxServer(sandbox);
  const certify = (adapter: Adapter, key: string) => {
    const [failureId, operation] = key.split("@") as [string, string];
    const failure = conformanceModel.failures.find((candidate) => candidate.id === failureId);
    if (!failure) throw new Error(`no documented failure ${failureId}`);
    const target = { adapter, adapterName: adapter.name, runs: RUNS, seed: SEED };
    return certifyCase({ model: conformanceModel, failure, operation, target, sandbox, time });
  };
  return { certify, close: () => server.close() };
}

/** What the certification must conclude about a member: "handled" or the rule that fails it. */
export const expected = (member: FamilyMember): "handled" | Rule => (mustFail(member) ? member.breaks : "handled");

/** What it concludes today: the expectation, or what a known gap of the verdict engine gives instead. */
export const observed = (member: FamilyMember): "handled" | Rule => member.knownGap?.observed ?? expected(member);

/** A result in one line, for assertion messages. */
export const verdictOf = (result: CertificationResult): string => (result.status === "handled" ? "handled" : `${result.status} by ${result.rule ?? "?"}: ${result.message ?? ""}`);

/** The API of a case key. */
export function apiOfCase(key: string): "incentives" | "amazon-pay" | undefined {
  return conformanceModel.failures.find((failure) => failure.id === key.split("@")[0])?.api;
}
