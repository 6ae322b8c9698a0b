/**
 * Proof, both ways: every member of the family is certified on the documented
 * failures that expose it. Those that follow the documents (in an unusual but
 * allowed way) must be handled on every case; those that break one rule must
 * fail by exactly that rule, with the document sentence behind the verdict.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { conformanceModel } from "../../generated/conformance-model.js";
import { adapterFunction } from "../../suites/conformance/fixtures.js";
import { expected, familyBench, observed, verdictOf } from "./certify-member.js";
import { defectiveAdapters, family, familyMembers, mustFail, type FamilyMember, type Rule } from "./index.js";

const bench = familyBench();
afterAll(() => bench.close());

const members = Object.values(family);

/** The verdict rules of the schema: each a sentence of the documents can stand behind. */
const VERDICTS: readonly string[] = (
  JSON.parse(readFileSync(new URL("../../spec/spec.schema.json", import.meta.url), "utf8")) as { definitions: { sentence: { properties: { verdict: { enum: string[] } } } } }
).definitions.sentence.properties.verdict.enum;

describe("the family of integrations", () => {
  it("has at least 30 members, named once each, each run on documented failures of the operations it implements", () => {
    expect(members.length).toBeGreaterThanOrEqual(30);
    expect(members.length).toBe(familyMembers.length);
    expect(new Set(members.map((member) => member.adapter.name)).size).toBe(members.length);
    for (const member of members) {
      expect(member.cases.length, member.name).toBeGreaterThan(0);
      for (const key of member.cases) {
        const [failureId, operation] = key.split("@") as [string, string];
        const failure = conformanceModel.failures.find((candidate) => candidate.id === failureId);
        expect(failure?.operations, `${member.name}: ${key}`).toContain(operation);
        expect(member.api === "both" || member.api === failure!.api, `${member.name} implements only ${member.api}, not ${key}`).toBe(true);
        expect(adapterFunction({ ...member.adapter, api: failure!.api, operation }), `${member.name} implements ${operation}`).toBeDefined();
      }
    }
  });

  it("has, for every verdict rule of the schema, a member that must fail by it and one that must certify", () => {
    // The reference certifies on everything; the proof is in the unusual members, so it does not count.
    const sound = members.filter((member) => !member.knownGap && member.name !== "reference");
    const failing = new Set(sound.filter(mustFail).map((member) => member.breaks));
    const certifying = new Set(sound.flatMap((member) => ("certifies" in member ? member.certifies : [])));
    expect(VERDICTS.length).toBeGreaterThanOrEqual(14);
    expect(VERDICTS.filter((rule) => !failing.has(rule as Rule)), "verdicts no member fails").toEqual([]);
    expect(VERDICTS.filter((rule) => !certifying.has(rule as Rule)), "verdicts no member certifies on").toEqual([]);
    // The contract every verdict stands on is proven too: an adapter that never returns.
    expect(failing).toContain("adapter-contract");
    // Nothing outside the schema's rules and the contract.
    expect([...failing, ...certifying].filter((rule) => rule !== "adapter-contract" && !VERDICTS.includes(rule))).toEqual([]);
  });

  it("lists every member that must fail, and does, among the defective adapters, by the rule that catches it", () => {
    expect(Object.fromEntries(Object.entries(defectiveAdapters).map(([name, defective]) => [name, defective.breaks]))).toEqual(
      Object.fromEntries(members.filter(mustFail).filter((member) => !member.knownGap).map((member) => [member.name, member.breaks])),
    );
  });

  /** What a row asserts, and says so: a known gap names the verdict the documents demand. */
  const label = (member: FamilyMember): string => (member.knownGap ? `${observed(member)} today (known gap: must be ${expected(member)})` : observed(member));
  const rows = members.flatMap((member) => member.cases.map((key) => [member.name, label(member), key] as const));

  it.each(rows)("%s: %s on %s", async (name, _label, key) => {
    const member = family[name]!;
    const want = observed(member);
    const result = await bench.certify(member.adapter, key);
    if (want === "handled") {
      expect({ status: result.status, rule: result.rule, message: result.message }, verdictOf(result)).toEqual({ status: "handled", rule: undefined, message: undefined });
      // A member that goes against advice finds it listed as advice, never as a failure.
      if ("advises" in member && member.advises) expect((result.advice ?? []).map((advice) => advice.rule)).toContain(member.advises);
      return;
    }
    expect({ status: result.status, rule: result.rule }, result.message).toEqual({ status: "mishandled", rule: want });
    // A verdict stands on a sentence: the document's, or the adapter contract's.
    expect(result.citation?.quote.trim(), `${name} on ${key}: ${result.message}`).toMatch(/\S{3}/);
    expect(result.message).toBeTruthy();
  });
});
