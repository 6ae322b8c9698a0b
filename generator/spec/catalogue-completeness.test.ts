import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../package-root.js";
import { readIncentivesErrorsPage } from "../sources/incentives-errors-page.js";
import { readPayErrorsPage } from "../sources/pay-errors-page.js";
import { loadBundled } from "./test-support/bundled-spec.js";

// The catalogue is counted against the documents' own tables, read from the seed text,
// so a row left out of the spec, or a message retyped wrongly, fails here.
const source = (file: string) => readFileSync(join(packageRoot, "spec/sources", file), "utf8");
const incentivesPage = readIncentivesErrorsPage(source("003_dc2cf047835e2926.txt"));
const payPage = readPayErrorsPage(source("000_5b2fbd8c92054aef.txt"));
const catalogue = loadBundled();
// An entry faultproof sync flagged as gone from the page stays certified until a person deletes it,
// but it is no longer one of the page's rows.
const onPage = catalogue.errors.filter((error) => error.removedFromPage !== true);
const incentives = onPage.filter((error) => error.api === "incentives");
const pay = onPage.filter((error) => error.api === "amazon-pay");
const tableSections = new Set(incentivesPage.rows.map((row) => row.section));

describe("the catalogue accounts for the Incentives API errors page", () => {
  it("has exactly one entry per row of the four error tables, with the row's exact words", () => {
    const tableRows = incentives.filter((error) => tableSections.has(error.source.section));
    expect(tableRows).toHaveLength(96);
    const asRow = (e: (typeof tableRows)[number]) => ({ section: e.source.section, errorType: e.code, errorClass: e.errorClass, mockCode: e.mockCode, ...(e.message === undefined ? {} : { message: e.message }) });
    expect(tableRows.map(asRow)).toEqual(incentivesPage.rows);
  });

  it("has 74 distinct error types and 64 distinct mock codes in those tables, plus F0000", () => {
    const tableRows = incentives.filter((error) => tableSections.has(error.source.section));
    expect(new Set(tableRows.map((error) => error.code)).size).toBe(74);
    const mockCodes = catalogue.mockCodes.filter((mock) => mock.api === "incentives").map((mock) => mock.code);
    expect(mockCodes).toEqual([...new Set([...incentivesPage.rows.map((row) => row.mockCode), "F0000"])].sort());
  });

  it("has the six error classes and every common cause", () => {
    const api = catalogue.apis.find((a) => a.id === "incentives")!;
    expect(api.errorClasses.map((c) => ({ code: c.id, description: c.description }))).toEqual(incentivesPage.classes);
    expect(api.commonCauses.map((c) => ({ errorClass: c.errorClass, cause: c.cause }))).toEqual(incentivesPage.commonCauses);
  });

  it("documents F0000 success, F4000 RESEND, F5000 unknown and throttling", () => {
    const mock = (code: string) => catalogue.mockCodes.find((m) => m.code === code)!;
    expect(mock("F0000")).toMatchObject({ outcome: "success", variants: [] });
    expect(mock("F4000")).toMatchObject({ outcome: "resend", errorClass: "F400" });
    expect(incentives.filter((e) => e.mockCode === "F4000").every((e) => e.status === "RESEND" && e.handling === "cancel-then-resend")).toBe(true);
    expect(incentives.find((e) => e.id === "f5000-general-error")).toMatchObject({ errorClass: "F500", handling: "manual-follow-up" });
    expect(incentives.find((e) => e.errorClass === "Throttled")).toMatchObject({ code: "ThrottlingException", message: "Rate exceeded", handling: "retry-not-instantly" });
    const throttling = catalogue.retryRules.find((rule) => rule.api === "incentives" && rule.id === "throttling")!;
    expect(throttling).toMatchObject({ neverInstant: true, codes: ["Throttled"] });
    expect(throttling.body?.xml).toBe("<ThrottlingException>\n<Message>Rate exceeded</Message>\n</ThrottlingException>");
  });

  it("models one mock code standing for several error types", () => {
    const variants = (code: string) => catalogue.mockCodes.find((m) => m.code === code)!.variants.map((v) => v.code);
    expect(variants("F2023")).toEqual(["CardNumberTooShort", "CardNumberCheckSumError"]);
    expect(variants("F3005")).toEqual(["GeneralError", "AccountHasProblems", "OrderNotFound", "WrongGcOrderSource", "WrongGcOrderType", "GcOrderBelongToOtherCustomer"]);
    expect(variants("F1000")).toEqual(["SimpleAmountIsNull", "AmountIsNull", "CurrencyCodeIsNull", "GcLocked", "EmptyCardInfoList", "RequestError", "GeneralError"]);
  });

  it("models one mock code meaning different errors in the gift-card and balance-load APIs", () => {
    for (const [code, giftCard, balanceLoad] of [
      ["F3010", "InvalidProgramId", "CustomerSurpassedDailyVelocityLimit"],
      ["F3011", "ProgramIsNotApproved", "CustomerAccountBlocked"],
    ] as const) {
      const mock = catalogue.mockCodes.find((m) => m.code === code)!;
      expect(mock.variants.filter((v) => v.operations.includes("CreateGiftCard")).map((v) => v.code)).toEqual([giftCard]);
      expect(mock.variants.filter((v) => v.operations.includes("LoadAmazonBalance")).map((v) => v.code)).toEqual([balanceLoad]);
    }
  });

  it("places mock codes in the request id for Create/Activate and in account.id (type 0) for LoadAmazonBalance", () => {
    const placements = catalogue.mockCodes.find((m) => m.code === "F3010")!.placements;
    expect(placements).toEqual([
      { operation: "CreateGiftCard", field: "creationRequestId" },
      { operation: "ActivateGiftCard", field: "activationRequestId" },
      { operation: "LoadAmazonBalance", field: "account.id", requires: { "account.type": 0 } },
    ]);
  });

  it("keeps a different message per API for the same error type", () => {
    const messages = incentives.filter((e) => e.code === "InvalidAmountValue").map((e) => e.message);
    expect(messages).toEqual(["Amount must be larger than 0", "Amount must be greater than 0"]);
  });
});

describe("the catalogue accounts for the Amazon Pay pages", () => {
  it("has every generic reason code with its status and exact description", () => {
    const generic = pay.filter((error) => error.source.doc === "000");
    expect(generic.map((e) => ({ httpStatus: e.httpStatus, statusText: e.statusText, reasonCode: e.code, description: [e.message, ...(e.details ?? [])] }))).toEqual(payPage);
  });

  it("has AmountMismatch and InvalidCheckoutSessionStatus on Complete Checkout Session, from the FAQ", () => {
    for (const code of ["AmountMismatch", "InvalidCheckoutSessionStatus"]) {
      expect(pay.find((e) => e.code === code)).toMatchObject({ operations: ["CompleteCheckoutSession"], source: { doc: "002" } });
    }
  });

  it("retries 408, 429, 500 and 503 with the documented backoff, then hands over", () => {
    const rule = catalogue.retryRules.find((r) => r.api === "amazon-pay" && r.kind === "retry")!;
    expect(rule).toMatchObject({ statuses: [408, 429, 500, 503], firstRetryImmediate: true, scheduleMs: [1000, 2000, 4000, 10000, 30000], onExhausted: "manual-follow-up" });
    expect(pay.filter((e) => e.handling === "retry-backoff").map((e) => e.httpStatus)).toEqual([429, 500, 503]);
  });

  it("states idempotency, throttling, IPN v2 and the merchant's responsibilities", () => {
    const rule = (id: string) => catalogue.rules.find((r) => r.api === "amazon-pay" && r.id === id)!;
    expect(rule("idempotency")).toMatchObject({ methods: ["POST"], keyPattern: "^[A-Za-z0-9_-]{1,32}$", codes: ["DuplicateIdempotencyKey"] });
    expect(rule("throttling")).toMatchObject({ statuses: [429] });
    expect(rule("ipn-v2")).toMatchObject({ notificationVersion: "v2", handling: "fetch-object" });
    expect(rule("charge-permission-closed").kind).toBe("notification");
    expect(rule("recurring-charges")).toMatchObject({ kind: "responsibility", operations: ["CreateCharge"] });
  });
});

describe("every entry", () => {
  it("cites a document and a section found in it, and names its handling with a rationale", () => {
    for (const error of catalogue.errors) {
      expect(error.source.title, error.id).not.toBe(error.source.doc);
      expect(error.rationale.length, error.id).toBeGreaterThan(20);
      expect(error.acceptedOutcomes.length, error.id).toBeGreaterThan(0);
      expect(error.operations.length, error.id).toBeGreaterThan(0);
    }
  });

  it("gives a version that changes with the content and only with it", () => {
    expect(loadBundled().catalogueVersion).toBe(catalogue.catalogueVersion);
    expect(catalogue.catalogueVersion).toMatch(/^[0-9a-f]{12}$/);
  });
});
