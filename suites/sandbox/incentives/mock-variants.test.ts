import { afterAll, afterEach, describe, expect, it } from "vitest";
import { incentivesModel, incentivesMockVariants } from "../../../generated/sandbox-model.js";
import { createSandbox } from "../../../generated/sandbox.js";
import type { Sandbox } from "../sandbox.js";
import { startSandboxServer } from "../server.js";
import { readAnswer, sendIncentives, toXmlRequest, type ReadAnswer } from "../test-support/answers.js";
import { incentivesBody, withField } from "../test-support/requests.js";
import { meaningHash, mockVariants } from "./mock-variants.js";

/*
 * Seed 003 lists F1000 for six errorTypes, F2023 for two and F3005 for six
 * (and F3001 for two InvalidAccessKey rows of the balance-load endpoints).
 * Which one a request gets depends on what the request means, never on how
 * its JSON is spelled: the row at meaningHash(body) mod n, among the rows of
 * that code on that operation sorted by id. preferVariant pins one.
 */

// Many requests within one second of the manual clock: the TPS limit is another test's subject.
const sandbox = createSandbox({ config: { verifySignatures: false, incentives: { throttling: false } } });
const server = startSandboxServer(sandbox);
afterEach(() => sandbox.reset());
afterAll(() => server.close());

type Body = Record<string, unknown>;

const json = async (operation: string, text: string): Promise<ReadAnswer> => readAnswer(await sendIncentives({ operation, body: text }));
/** The same members written from the end: what a client serialising a map in another order sends. */
const reversed = (value: unknown): unknown =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversed(inner)])) : value;

const mockBody = (mockCode: string, amount: number): Body => withField(withField(incentivesBody("CreateGiftCard"), "creationRequestId", mockCode), "value.amount", amount);
const AMOUNTS = Array.from({ length: 24 }, (_, i) => 1 + i * 7);

describe("the mock codes that stand for several errors, from the catalogue", () => {
  it("are F1000, F2023, F3001 and F3005, each with seed 003's errorTypes", () => {
    expect(mockVariants(incentivesModel.errors)).toEqual(incentivesMockVariants);
    expect(Object.fromEntries(Object.entries(incentivesMockVariants).map(([code, { codes }]) => [code, codes]))).toEqual({
      F1000: ["AmountIsNull", "CurrencyCodeIsNull", "EmptyCardInfoList", "GcLocked", "RequestError", "SimpleAmountIsNull"],
      F2023: ["CardNumberCheckSumError", "CardNumberTooShort"],
      F3001: ["InvalidAccessKey"],
      F3005: ["AccountHasProblems", "GcOrderBelongToOtherCustomer", "GeneralError", "OrderNotFound", "WrongGcOrderSource", "WrongGcOrderType"],
    });
  });
});

describe("the variant depends on the request's meaning (regression: it once hashed the raw body)", () => {
  it.each(["F1000", "F2023", "F3005"].map((code) => [code] as const))("%s: the same request with its keys in another order gets the same variant, every time", async (mockCode) => {
    for (const amount of AMOUNTS) {
      const body = mockBody(mockCode, amount);
      const first = await json("CreateGiftCard", JSON.stringify(body));
      const again = await json("CreateGiftCard", JSON.stringify(reversed(body)));
      const spaced = await json("CreateGiftCard", JSON.stringify(body, null, 2));
      expect([again.body.errorType, spaced.body.errorType], `amount ${amount}`).toEqual([first.body.errorType, first.body.errorType]);
    }
  });

  it("the same values as XML get the same variant as JSON", async () => {
    for (const amount of AMOUNTS) {
      const body = mockBody("F3005", amount);
      const viaJson = await json("CreateGiftCard", JSON.stringify(body));
      const viaXml = await readAnswer(await sendIncentives({ operation: "CreateGiftCard", body: toXmlRequest("CreateGiftCard", body), headers: { "content-type": "application/xml" } }));
      expect(viaXml.body.errorType, `amount ${amount}`).toBe(viaJson.body.errorType);
    }
  });

  it("follows the documented rule: the row at meaningHash(body) mod n, among the code's rows on the operation sorted by id", async () => {
    const rows = incentivesModel.errors.filter((error) => error.mockCode === "F3005" && error.operations.includes("CreateGiftCard")).sort((a, b) => (a.id < b.id ? -1 : 1));
    const seen = new Set<string>();
    for (const amount of AMOUNTS) {
      const body = mockBody("F3005", amount);
      const answer = await json("CreateGiftCard", JSON.stringify(body));
      const want = rows[meaningHash({ body, raw: "" }) % rows.length]!;
      expect(answer.body.errorType, `amount ${amount}`).toBe(want.code);
      expect(sandbox.journal.entries.at(-1)?.response).toMatchObject({ code: want.code, errorId: want.id, by: "mock-code" });
      seen.add(want.code);
    }
    // Different requests spread over the variants: the hash decides, not a fixed choice.
    expect(seen.size).toBeGreaterThan(1);
  });

  it("a fault naming a mock code picks its variant by the same rule", async () => {
    const body = mockBody("F0000", 10);
    const rows = incentivesModel.errors.filter((error) => error.mockCode === "F2023" && error.operations.includes("CreateGiftCard")).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const text of [JSON.stringify(body), JSON.stringify(reversed(body))]) {
      sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F2023" });
      expect((await json("CreateGiftCard", text)).body.errorType).toBe(rows[meaningHash({ body, raw: "" }) % rows.length]!.code);
    }
  });
});

describe("preferVariant is typed to a code's alternatives and refuses anything else", () => {
  it.each<[string, { given: { mockCode: "F3005" | "F2023" | "F1000" | "F3001"; variant: string; amount: number }; want: { errorType: string; message: string } }]>([
    ["F3005 → OrderNotFound", { given: { mockCode: "F3005", variant: "OrderNotFound", amount: 10 }, want: { errorType: "OrderNotFound", message: "General Error" } }],
    ["F2023 → CardNumberTooShort", { given: { mockCode: "F2023", variant: "CardNumberTooShort", amount: 10 }, want: { errorType: "CardNumberTooShort", message: "Invalid Card Number" } }],
    ["F1000 → GcLocked", { given: { mockCode: "F1000", variant: "GcLocked", amount: 10 }, want: { errorType: "GcLocked", message: "General Error" } }],
    ["F3005 by row id", { given: { mockCode: "F3005", variant: "f3005-wrong-gc-order-type", amount: 10 }, want: { errorType: "WrongGcOrderType", message: "General Error" } }],
  ])("%s, for every request", async (_, { given, want }) => {
    sandbox.preferVariant(given.mockCode, given.variant as never);
    for (const amount of AMOUNTS.slice(0, 6)) {
      const answer = await json("CreateGiftCard", JSON.stringify(mockBody(given.mockCode, amount)));
      expect({ errorType: answer.body.errorType, message: answer.body.message }).toEqual(want);
    }
  });

  it("F3001's two InvalidAccessKey rows are told apart by id (the China row on LoadAmazonBalance)", async () => {
    sandbox.preferVariant("F3001", "load-f3001-invalid-access-key-china");
    const body = withField(withField(incentivesBody("LoadAmazonBalance"), "account.id", "F3001"), "account.type", 0);
    const answer = await json("LoadAmazonBalance", JSON.stringify(body));
    expect(answer.body).toMatchObject({ errorType: "InvalidAccessKey", errorMessage: "Access key (in China) used to sign API request does not exist in Amazon system" });
  });

  it("type-checks only the alternatives (compile time)", () => {
    const refuse = (call: () => void) => expect(call).toThrow(/faultproof sandbox/);
    // @ts-expect-error InsufficientFunds is F3003's, not one of F3005's alternatives
    refuse(() => sandbox.preferVariant("F3005", "InsufficientFunds"));
    // @ts-expect-error F2005 stands for one error: it has nothing to prefer
    refuse(() => sandbox.preferVariant("F2005", "InvalidCurrencyCodeInput"));
    // @ts-expect-error CardNumberTooShort is F2023's, not F1000's
    refuse(() => sandbox.preferVariant("F1000", "CardNumberTooShort"));
  });

  it.each<[string, { given: { mockCode: string; variant: string }; want: string }]>([
    ["an errorType of another code", { given: { mockCode: "F3005", variant: "InsufficientFunds" }, want: '"InsufficientFunds" is not one of the errors F3005 stands for: AccountHasProblems, GcOrderBelongToOtherCustomer, GeneralError, OrderNotFound, WrongGcOrderSource, WrongGcOrderType' }],
    ["a misspelt errorType", { given: { mockCode: "F2023", variant: "CardNumberToShort" }, want: '"CardNumberToShort" is not one of the errors F2023 stands for: CardNumberCheckSumError, CardNumberTooShort' }],
    ["F1000's balance-load GeneralError, which F1000 alone stands for there", { given: { mockCode: "F1000", variant: "GeneralError" }, want: '"GeneralError" is not one of the errors F1000 stands for' }],
    ["a code that stands for one error", { given: { mockCode: "F2005", variant: "InvalidCurrencyCodeInput" }, want: "F2005 stands for one error on each operation (InvalidCurrencyCodeInput), so there is no variant to choose; the codes that have variants are F1000, F2023, F3001, F3005" }],
    ["a code meaning one error per operation (F3010)", { given: { mockCode: "F3010", variant: "InvalidProgramId" }, want: "F3010 stands for one error on each operation (InvalidProgramId, CustomerSurpassedDailyVelocityLimit)" }],
    ["no mock code at all", { given: { mockCode: "F9999", variant: "GeneralError" }, want: "F9999 is no documented mock code" }],
  ])("refuses %s at run time, naming the alternatives", (_, { given, want }) => {
    // The runtime Sandbox takes any string, as JavaScript callers do.
    const untyped: Sandbox = sandbox;
    expect(() => untyped.preferVariant(given.mockCode, given.variant)).toThrow(want);
  });

  it("a scheduled fault's variant is held to the same alternatives", async () => {
    expect(() => sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F3005", variant: "InsufficientFunds" })).toThrow('"InsufficientFunds" is not one of the errors F3005 stands for');
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F3005", variant: "WrongGcOrderSource" });
    expect((await json("CreateGiftCard", JSON.stringify(mockBody("F0000", 10)))).body.errorType).toBe("WrongGcOrderSource");
  });

  it("reset() forgets a preference", async () => {
    sandbox.preferVariant("F3005", "OrderNotFound");
    sandbox.reset();
    const body = mockBody("F3005", 1);
    const rows = incentivesModel.errors.filter((error) => error.mockCode === "F3005" && error.operations.includes("CreateGiftCard")).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect((await json("CreateGiftCard", JSON.stringify(body))).body.errorType).toBe(rows[meaningHash({ body, raw: "" }) % rows.length]!.code);
  });
});
