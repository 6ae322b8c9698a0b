import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson: one text for one JSON value", () => {
  it.each<[string, { given: [unknown, unknown]; same: boolean }]>([
    ["keys in another order", { given: [{ a: 1, b: 2 }, { b: 2, a: 1 }], same: true }],
    ["keys in another order, nested in objects and arrays", { given: [{ x: [{ p: 1, q: { r: 1, s: 2 } }] }, { x: [{ q: { s: 2, r: 1 }, p: 1 }] }], same: true }],
    ["arrays in another order are other values", { given: [{ a: [1, 2] }, { a: [2, 1] }], same: false }],
    ["a string and a number are other values", { given: [{ a: "10" }, { a: 10 }], same: false }],
    ["null and a missing member are other values", { given: [{ a: null }, {}], same: false }],
  ])("%s", (_, { given, same }) => {
    const [a, b] = given.map((value) => canonicalJson(value));
    expect(a === b).toBe(same);
  });

  it("scalars: text writes numbers and booleans as strings, so XML (all text) and JSON agree", () => {
    expect(canonicalJson({ value: { amount: 10, currencyCode: "USD" }, on: true }, { scalars: "text" })).toBe(canonicalJson({ on: "true", value: { currencyCode: "USD", amount: "10" } }, { scalars: "text" }));
  });

  it("a __proto__ key is a key like any other", () => {
    const parsed: unknown = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a value nested too deep to write gives undefined, never a crash", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i += 1) deep = { a: deep };
    expect(canonicalJson(deep)).toBeUndefined();
  });
});
