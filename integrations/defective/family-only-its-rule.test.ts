/**
 * Each member breaks at most its one rule: run on every documented failure
 * the family uses for its API (not only those that expose it), a member that
 * must certify is handled everywhere, and one that must fail is handled or
 * fails by its own rule, never by another.
 */
import { afterAll, describe, expect, it } from "vitest";
import { apiOfCase, familyBench, observed, verdictOf } from "./certify-member.js";
import { family } from "./index.js";

const bench = familyBench();
afterAll(() => bench.close());

const members = Object.values(family);
const keys = [...new Set(members.flatMap((member) => member.cases))];
const rows = members.flatMap((member) => keys.filter((key) => !member.cases.includes(key) && (member.api === "both" || apiOfCase(key) === member.api)).map((key) => [member.name, observed(member), key] as const));

describe("every member breaks no rule but its own", () => {
  it.each(rows)("%s (%s) on %s", async (name, own, key) => {
    const result = await bench.certify(family[name]!.adapter, key);
    const allowed = own === "handled" ? ["handled"] : ["handled", own];
    expect(allowed, verdictOf(result)).toContain(result.status === "handled" ? "handled" : result.rule);
    if (result.status !== "handled") expect(result.citation?.quote.trim(), verdictOf(result)).toMatch(/\S{3}/);
  });
});
