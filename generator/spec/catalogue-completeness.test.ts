import { describe, expect, it } from "vitest";
import { loadBundled } from "./test-support/bundled-spec.js";

/*
 * The catalogue's facts, counted: how many rows each table of Amazon's pages
 * has, each code with its class or status, each mock code. faultproof keeps no
 * copy of the pages, so these are written here, from the pages as the spec was
 * last synced with them (spec/sources.yaml records each page's digest);
 * `faultproof sync --check <saved page>` checks the spec against a live page
 * and says when it changed. A row left out, duplicated or moved to another
 * table fails here.
 */
const catalogue = loadBundled();
// An entry faultproof sync flagged as gone from the page stays certified until a person deletes it,
// but it is no longer one of the page's rows.
const onPage = catalogue.errors.filter((error) => error.removedFromPage !== true);
const incentives = onPage.filter((error) => error.api === "incentives");
const pay = onPage.filter((error) => error.api === "amazon-pay");
const TABLES = ["F100 - System Errors", "F200 - Partner Input Errors", "F300 - Partner Account/Access/Onboarding Errors", "Other Endpoint Errors"];
const tableRows = incentives.filter((error) => TABLES.includes(error.source.section));
const count = <T>(items: readonly T[], key: (item: T) => string) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});

/** The mock codes of the page's four tables. */
const TABLE_MOCK_CODES = [
  "F1000", "F1001",
  "F2000", "F2001", "F2002", "F2003", "F2004", "F2005", "F2006", "F2007", "F2008", "F2009", "F2010", "F2011", "F2012", "F2013", "F2014", "F2015", "F2016", "F2017", "F2018", "F2019",
  "F2020", "F2021", "F2022", "F2023", "F2024", "F2025", "F2026", "F2027", "F2028", "F2029", "F2030", "F2031", "F2032", "F2033", "F2034", "F2035", "F2036", "F2037", "F2038", "F2039",
  "F2040", "F2041", "F2042", "F2043", "F2044", "F2045", "F2047", "F2048",
  "F3000", "F3001", "F3002", "F3003", "F3004", "F3005", "F3006", "F3007", "F3008", "F3009", "F3010", "F3011",
  "F4000", "F5000",
];

describe("the catalogue accounts for the Incentives API errors page", () => {
  it("has one entry per row of the four error tables: 6, 37, 16 and 37 rows", () => {
    expect(count(tableRows, (e) => e.source.section)).toEqual({
      "F100 - System Errors": 6,
      "F200 - Partner Input Errors": 37,
      "F300 - Partner Account/Access/Onboarding Errors": 16,
      "Other Endpoint Errors": 37,
    });
    // No row twice: a row is its table, code, mock code and message.
    expect(new Set(tableRows.map((e) => `${e.source.section}|${e.code}|${e.mockCode}|${e.message}`)).size).toBe(96);
  });

  it("has its rows in the classes the page gives them, each mock code in its code's class", () => {
    expect(count(tableRows, (e) => e.errorClass ?? "none")).toEqual({ F100: 8, F200: 60, F300: 26, F400: 1, F500: 1 });
    for (const e of tableRows) expect(`F${e.mockCode?.[1]}00`, e.id).toBe(e.errorClass);
    expect(tableRows.filter((e) => e.source.section === "F100 - System Errors").every((e) => e.mockCode === "F1000" && e.message === undefined)).toBe(true);
  });

  it("has 74 distinct error types and 64 distinct mock codes in those tables, plus F0000", () => {
    expect(new Set(tableRows.map((error) => error.code)).size).toBe(74);
    expect([...new Set(tableRows.map((error) => error.mockCode))].sort()).toEqual(TABLE_MOCK_CODES);
    const mockCodes = catalogue.mockCodes.filter((mock) => mock.api === "incentives").map((mock) => mock.code);
    expect(mockCodes).toEqual(["F0000", ...TABLE_MOCK_CODES]);
  });

  it("has the six error classes, their statuses, and the four common causes", () => {
    const api = catalogue.apis.find((a) => a.id === "incentives")!;
    expect(api.errorClasses.map((c) => [c.id, c.status ?? "none"])).toEqual([
      ["F100", "FAILURE"],
      ["F200", "FAILURE"],
      ["F300", "FAILURE"],
      ["F400", "RESEND"],
      ["F500", "FAILURE"],
      ["Throttled", "none"],
    ]);
    expect(api.errorClasses.find((c) => c.id === "F400")!.description).toBe("Retry able Error (Temporary issue). See Error Handling");
    expect(api.commonCauses.map((c) => [c.errorClass, c.code ?? ""])).toEqual([
      ["F200", ""],
      ["F300", "InsufficientFunds"],
      ["F300", "ActiveContractNotFound"],
      ["F400", "SystemTemporarilyUnavailable"],
    ]);
  });

  it("keeps the exact characters of the messages a client receives", () => {
    const message = (mockCode: string, section = "F200 - Partner Input Errors") => tableRows.find((e) => e.mockCode === mockCode && e.source.section === section)?.message;
    expect(message("F2006")).toBe("Request Id can’t be null or empty");
    expect(message("F4000", "Other Endpoint Errors")).toBe("Amazon system is temporarily not available. Note: Response Status would be RESEND and not Failure . See Error Handling");
    expect(message("F2021")).toBe("Request Id Too Long, Max allowed length is 40");
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
  it("has the 20 generic reason codes of the error table, each with its status, in the page's order", () => {
    const generic = pay.filter((error) => error.source.doc === "000");
    expect(generic.map((e) => `${e.httpStatus} ${e.statusText} ${e.code}`)).toEqual([
      "400 BAD_REQUEST InvalidHeaderValue",
      "400 BAD_REQUEST InvalidParameterValue",
      "400 BAD_REQUEST InvalidRequestFormat",
      "400 BAD_REQUEST MissingHeaderValue",
      "400 BAD_REQUEST MissingParameterValue",
      "400 BAD_REQUEST UnrecognizedField",
      "400 BAD_REQUEST InvalidSandboxSimulationSpecified",
      "400 BAD_REQUEST DuplicateIdempotencyKey",
      "400 BAD_REQUEST CurrencyMismatch",
      "400 BAD_REQUEST InvalidAPIVersion",
      "401 UNAUTHORIZED UnauthorizedAccess",
      "403 FORBIDDEN InvalidAccountStatus",
      "403 FORBIDDEN InvalidRequestSignature",
      "404 NOT_FOUND ResourceNotFound",
      "405 METHOD_NOT_ALLOWED UnsupportedOperation",
      "405 METHOD_NOT_ALLOWED RequestNotSupported",
      "426 UPGRADE_REQUIRED TLSVersionNotSupported",
      "429 TOO_MANY_REQUESTS TooManyRequests",
      "500 INTERNAL_SERVER_ERROR InternalServerError",
      "503 SERVICE_UNAVAILABLE ServiceUnavailable",
    ]);
    expect(generic.every((e) => e.source.section === "Error codes" && (e.message?.length ?? 0) > 0)).toBe(true);
    expect(generic.find((e) => e.code === "InternalServerError")).toMatchObject({ message: "There was an unknown error in the service", details: ["Retry the request. However, retry does not guarantee a successful response"] });
  });

  it("has AmountMismatch and InvalidCheckoutSessionStatus on Complete Checkout Session, from the FAQ", () => {
    for (const code of ["AmountMismatch", "InvalidCheckoutSessionStatus"]) {
      expect(pay.find((e) => e.code === code)).toMatchObject({ operations: ["CompleteCheckoutSession"], source: { doc: "002" } });
    }
  });

  it("retries 408, 429, 500 and 503 with the documented backoff, then hands over", () => {
    const rule = catalogue.retryRules.find((r) => r.api === "amazon-pay" && r.kind === "retry")!;
    expect(rule).toMatchObject({ statuses: [408, 429, 500, 503], firstRetryImmediate: true, scheduleMs: [1000, 2000, 4000, 10000, 30000], onExhausted: "manual-follow-up" });
    // ProcessingFailure is a 500 of the operations that move money (operation-errors.yaml).
    expect(pay.filter((e) => e.handling === "retry-backoff").map((e) => [e.code, e.httpStatus])).toEqual([["TooManyRequests", 429], ["InternalServerError", 500], ["ServiceUnavailable", 503], ["ProcessingFailure", 500]]);
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
  it("cites a document of spec/sources.yaml by its title, and names its handling with a rationale", () => {
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
