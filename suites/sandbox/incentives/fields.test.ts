import { describe, expect, it } from "vitest";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";
import { createSandbox } from "../../../generated/sandbox.js";
import { readAnswer, sendIncentives, toXmlRequest, type ReadAnswer } from "../test-support/answers.js";
import { incentivesBody, PARTNER_ID, withField } from "../test-support/requests.js";
import { A1_REGION_CURRENCIES } from "./field-rules.js";

/*
 * Incentives request bodies checked field by field, each answered with the
 * errorType seed 003 documents for it; mock codes work only where seed 003
 * places them ("For CreateGiftCard and ActivateGiftCard … replace the
 * requestID …; For LoadAmazonBalance the Mock Error Code replaces the
 * accountID. The accountType must be set as 0"). Signatures are another
 * test's subject: this sandbox does not check them.
 */

const { server } = sandboxUnderTest();

type Body = Record<string, unknown>;

async function call(operation: string, body: Body, options: { host?: string } = {}): Promise<ReadAnswer> {
  return readAnswer(await sendIncentives({ operation, body: JSON.stringify(body), ...(options.host ? { host: options.host } : {}) }));
}

/** The documented error, as a test states it: errorType, class and the document's message. */
interface Want {
  readonly errorType: string;
  readonly errorCode: string;
  readonly message: string;
}

function expectError(answer: ReadAnswer, want: Want): void {
  expect(answer.status, answer.text).toBe(400);
  const message = answer.body.message ?? answer.body.errorMessage;
  expect({ errorType: answer.body.errorType, errorCode: answer.body.errorCode, message }).toEqual(want);
}

const load = (path: string, value: unknown): Body => withField(incentivesBody("LoadAmazonBalance"), path, value);
const create = (path: string, value: unknown): Body => withField(incentivesBody("CreateGiftCard"), path, value);

describe("LoadAmazonBalance, field by field (seed 003, other endpoints)", () => {
  it.each<[string, { given: Body; want: Want | "SUCCESS" }]>([
    ["no account is UndefinedAccountId (F2034)", { given: load("account", undefined), want: { errorType: "UndefinedAccountId", errorCode: "F200", message: "AccountId provided in request does not exist in Amazon system" } }],
    ["an account without a type is InvalidAccountType (F2033)", { given: load("account", { id: "amzn1.account.TEST" }), want: { errorType: "InvalidAccountType", errorCode: "F200", message: "Account type provided in request is undefined" } }],
    ["an account type that is no number is InvalidAccountType (F2033)", { given: load("account.type", "business"), want: { errorType: "InvalidAccountType", errorCode: "F200", message: "Account type provided in request is undefined" } }],
    ["no amount is InvalidAmountInput (F2003)", { given: load("amount", undefined), want: { errorType: "InvalidAmountInput", errorCode: "F200", message: "Amount cannot be null" } }],
    ["an amount of 0 is InvalidAmountValue (F2004)", { given: load("amount.value", 0), want: { errorType: "InvalidAmountValue", errorCode: "F200", message: "Amount must be greater than 0" } }],
    ["a negative amount is InvalidAmountValue (F2004)", { given: load("amount.value", -5), want: { errorType: "InvalidAmountValue", errorCode: "F200", message: "Amount must be greater than 0" } }],
    ["no currency is InvalidCurrencyCodeInput (F2005)", { given: load("amount.currencyCode", ""), want: { errorType: "InvalidCurrencyCodeInput", errorCode: "F200", message: "Currency code cannot be null" } }],
    // Seed 003: "Amount greater than maximum value allowed in the national market segment (e.g. $500 in US)".
    ["500.01 USD is MaxAmountExceeded (F2015)", { given: load("amount.value", 500.01), want: { errorType: "MaxAmountExceeded", errorCode: "F200", message: "Amount greater than maximum value allowed in the national market segment (e.g. $500 in US)" } }],
    ["500 USD is loaded", { given: load("amount.value", 500), want: "SUCCESS" }],
    ["a notificationDetails of 251 characters is NotificationMessageTooLong (F2043)", { given: load("notificationDetails", "n".repeat(251)), want: { errorType: "NotificationMessageTooLong", errorCode: "F200", message: "The value used in the notificationDetails parameter exceeds 250 Unicode characters" } }],
    ["a notificationMessage of 251 characters inside notificationDetails is too", { given: load("notificationDetails", { notificationMessage: "n".repeat(251) }), want: { errorType: "NotificationMessageTooLong", errorCode: "F200", message: "The value used in the notificationDetails parameter exceeds 250 Unicode characters" } }],
    // Characters, not bytes: 250 emoji are 1 000 bytes of UTF-8.
    ["250 characters of notificationDetails are loaded, even as 1 000 bytes", { given: load("notificationDetails", "🎁".repeat(250)), want: "SUCCESS" }],
    ["a sourceId of 41 characters is SourceIdTooLong (F2044)", { given: load("transactionSource", { sourceId: "s".repeat(41), institutionId: "A1234" }), want: { errorType: "SourceIdTooLong", errorCode: "F200", message: "The value used in the sourceID field exceeded the max number of 40 Unicode characters" } }],
    ["a sourceId of 40 characters is loaded", { given: load("transactionSource", { sourceId: "s".repeat(40), institutionId: "A1234", sourceDetails: '{"institutionName": "Test Merchant"}' }), want: "SUCCESS" }],
    ["an externalReference of 101 characters is ExternalReferenceTooLong (F2042; 100 is a setting)", { given: load("externalReference", "r".repeat(101)), want: { errorType: "ExternalReferenceTooLong", errorCode: "F200", message: "The value used exceeds the max number of Unicode characters" } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await call("LoadAmazonBalance", given);
    if (want === "SUCCESS") expect(answer.body, answer.text).toMatchObject({ status: "SUCCESS" });
    else expectError(answer, want);
  });

  it("seed 003's own example request, with its account type 0 as XML sends it, is loaded", async () => {
    const example = { account: { id: "amzn1.account.EXAMPLE", type: 0 }, partnerId: PARTNER_ID, amount: { currencyCode: "USD", value: 45.7 }, loadBalanceRequestId: `${PARTNER_ID}000000001`, timestamp: 1464933146000, transactionSource: { sourceId: "12344332", institutionId: "A1234", sourceDetails: '{"institutionName": "Test Merchant"}' } };
    const answer = await readAnswer(await sendIncentives({ operation: "LoadAmazonBalance", body: toXmlRequest("LoadAmazonBalance", example), headers: { accept: null, "content-type": "application/xml" } }));
    expect(answer.root).toBe("LoadAmazonBalanceResponse");
    expect(answer.body).toMatchObject({ loadBalanceRequestId: `${PARTNER_ID}000000001`, status: "SUCCESS" });
  });
});

describe("CreateGiftCard, field by field (seed 003, F200)", () => {
  it.each<[string, { given: Body; want: Want | "SUCCESS" }]>([
    ["no value is InvalidAmountInput (F2003)", { given: create("value", undefined), want: { errorType: "InvalidAmountInput", errorCode: "F200", message: "Amount can't be null" } }],
    ["an amount of 0 is InvalidAmountValue (F2004)", { given: create("value.amount", 0), want: { errorType: "InvalidAmountValue", errorCode: "F200", message: "Amount must be larger than 0" } }],
    ["an amount of -1 is InvalidAmountValue (F2004)", { given: create("value.amount", -1), want: { errorType: "InvalidAmountValue", errorCode: "F200", message: "Amount must be larger than 0" } }],
    ["an amount that is no number is InvalidAmountValue (F2004)", { given: create("value.amount", "ten"), want: { errorType: "InvalidAmountValue", errorCode: "F200", message: "Amount must be larger than 0" } }],
    ["no currencyCode is InvalidCurrencyCodeInput (F2005)", { given: create("value.currencyCode", undefined), want: { errorType: "InvalidCurrencyCodeInput", errorCode: "F200", message: "Currency Code can't be null or empty" } }],
    ["10.50 JPY is FractionalAmountNotAllowed (F2017, \"e.g. JP\")", { given: create("value", { currencyCode: "JPY", amount: 10.5 }), want: { errorType: "FractionalAmountNotAllowed", errorCode: "F200", message: "Fractional Amount Not Allowed" } }],
    ["an externalReference of 101 characters is ExternalReferenceTooLong (F2042)", { given: create("externalReference", "r".repeat(101)), want: { errorType: "ExternalReferenceTooLong", errorCode: "F200", message: "External Reference is too long" } }],
    ["an externalReference of 100 characters is accepted", { given: create("externalReference", "r".repeat(100)), want: "SUCCESS" }],
    ["no partnerId is InvalidPartnerIdInput (F2002)", { given: create("partnerId", undefined), want: { errorType: "InvalidPartnerIdInput", errorCode: "F200", message: "Partner Id can't be null or empty" } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await call("CreateGiftCard", given);
    if (want === "SUCCESS") expect(answer.body, answer.text).toMatchObject({ status: "SUCCESS" });
    else expectError(answer, want);
  });

  it("PascalCase element names stay F500 (seed 003), before any field is read", async () => {
    const answer = await call("CreateGiftCard", { CreationRequestId: "F3003", PartnerId: PARTNER_ID, Value: { CurrencyCode: "USD", Amount: 10 } });
    expect(answer.body).toMatchObject({ errorCode: "F500", errorType: "GeneralError" });
  });
});

describe("mock codes work only on the operation and in the place seed 003 puts them", () => {
  const balance = (accountId: string, type: number, requestId = `${PARTNER_ID}0001`): Body => withField(withField(load("account.id", accountId), "account.type", type), "loadBalanceRequestId", requestId);
  const requestIdMessage = "Request Id Must Start With Partner Name";
  it.each<[string, { given: { operation: string; body: Body }; want: Want | "SUCCESS" }]>([
    ["F2034 in LoadAmazonBalance's account id with type 0 is UndefinedAccountId", { given: { operation: "LoadAmazonBalance", body: balance("F2034", 0) }, want: { errorType: "UndefinedAccountId", errorCode: "F200", message: "AccountId provided in request does not exist in Amazon system" } }],
    ["F2034 in the account id with type 1 is an ordinary account", { given: { operation: "LoadAmazonBalance", body: balance("F2034", 1) }, want: "SUCCESS" }],
    // The mock replaces the account id, not the request id: a request id must still start with the partnerId.
    ["F2034 in LoadAmazonBalance's request id is no mock: RequestIdMustStartWithPartnerName", { given: { operation: "LoadAmazonBalance", body: balance("amzn1.account.TEST", 0, "F2034") }, want: { errorType: "RequestIdMustStartWithPartnerName", errorCode: "F200", message: "loadBalanceRequestId must begin with partnerId" } }],
    ["F0000 in the account id with type 0 still needs a request id with the partnerId", { given: { operation: "LoadAmazonBalance", body: balance("F0000", 0, "F0000") }, want: { errorType: "RequestIdMustStartWithPartnerName", errorCode: "F200", message: "loadBalanceRequestId must begin with partnerId" } }],
    ["F0000 in the account id with type 0 is a success", { given: { operation: "LoadAmazonBalance", body: balance("F0000", 0) }, want: "SUCCESS" }],
    // F2034 is a balance-load code: on CreateGiftCard it is an id like any other, and lacks the partnerId.
    ["a balance-load mock code (F2034) as CreateGiftCard's request id is RequestIdMustStartWithPartnerName", { given: { operation: "CreateGiftCard", body: create("creationRequestId", "F2034") }, want: { errorType: "RequestIdMustStartWithPartnerName", errorCode: "F200", message: requestIdMessage } }],
    ["a gift-card mock code (F2008) in LoadAmazonBalance's account id is an ordinary account", { given: { operation: "LoadAmazonBalance", body: balance("F2008", 0) }, want: "SUCCESS" }],
    ["F3003 as CancelGiftCard's creationRequestId is no mock: no such card", { given: { operation: "CancelGiftCard", body: withField(incentivesBody("CancelGiftCard"), "creationRequestId", "F3003") }, want: { errorType: "OrderNotFound", errorCode: "F300", message: "General Error" } }],
    ["F3003 as CreateGiftCard's creationRequestId is InsufficientFunds", { given: { operation: "CreateGiftCard", body: create("creationRequestId", "F3003") }, want: { errorType: "InsufficientFunds", errorCode: "F300", message: "Insufficient Funds" } }],
    ["F3003 as ActivateGiftCard's activationRequestId is InsufficientFunds", { given: { operation: "ActivateGiftCard", body: withField(incentivesBody("ActivateGiftCard"), "activationRequestId", "F3003") }, want: { errorType: "InsufficientFunds", errorCode: "F300", message: "Insufficient Funds" } }],
  ])("%s", async (_, { given, want }) => {
    const answer = await call(given.operation, given.body);
    if (want === "SUCCESS") expect(answer.body, answer.text).toMatchObject({ status: "SUCCESS" });
    else expectError(answer, want);
  });
});

describe("the rules the documents leave open are settings (incentives.fields)", () => {
  const EU = "agcod-v2-eu-gamma.amazon.com";
  it.each<[string, { given: { fields: Record<string, unknown>; operation: string; body: Body; host?: string }; want: Want | "SUCCESS" }]>([
    ["by default a currency of another region is taken (which error Amazon gives is undocumented)", { given: { fields: {}, operation: "CreateGiftCard", body: create("value.currencyCode", "EUR") }, want: "SUCCESS" }],
    ["regionCurrencies: EUR on the NA host is CurrencyCodeMismatch", { given: { fields: { regionCurrencies: A1_REGION_CURRENCIES }, operation: "CreateGiftCard", body: create("value.currencyCode", "EUR") }, want: { errorType: "CurrencyCodeMismatch", errorCode: "F200", message: "Currency Code Mismatch" } }],
    ["regionCurrencies: EUR on the EU host is a card", { given: { fields: { regionCurrencies: A1_REGION_CURRENCIES }, operation: "CreateGiftCard", body: create("value.currencyCode", "EUR"), host: EU }, want: "SUCCESS" }],
    ["regionCurrencies: a balance load in EUR on the NA host is InvalidCurrencyInMarketplace", { given: { fields: { regionCurrencies: A1_REGION_CURRENCIES }, operation: "LoadAmazonBalance", body: load("amount.currencyCode", "EUR") }, want: { errorType: "InvalidCurrencyInMarketplace", errorCode: "F200", message: "Currency code is not supported in national market segment where AccountId is created" } }],
    ["balanceLoadMin: 4.99 USD under a 5 USD minimum is AmountBelowMinThreshold", { given: { fields: { balanceLoadMin: { USD: 5 } }, operation: "LoadAmazonBalance", body: load("amount.value", 4.99) }, want: { errorType: "AmountBelowMinThreshold", errorCode: "F200", message: "Amount below minimum required amount" } }],
    ["giftCardMax: 2 001 USD over 2 000 is MaxAmountExceeded", { given: { fields: { giftCardMax: { USD: 2000 } }, operation: "CreateGiftCard", body: create("value.amount", 2001) }, want: { errorType: "MaxAmountExceeded", errorCode: "F200", message: "Max Amount Exceeded" } }],
    ["externalReferenceMaxLength: 10 refuses 11 characters", { given: { fields: { externalReferenceMaxLength: 10 }, operation: "CreateGiftCard", body: create("externalReference", "r".repeat(11)) }, want: { errorType: "ExternalReferenceTooLong", errorCode: "F200", message: "External Reference is too long" } }],
    ["by default CancelGiftCard without gcId is served, as npm amazon-incentives-api sends it (reference C2)", { given: { fields: {}, operation: "CancelGiftCard", body: withField(incentivesBody("CancelGiftCard"), "gcId", undefined) }, want: "SUCCESS" }],
    ["cancelRequiresGcId: CancelGiftCard without gcId is InvalidGCIdInput (F2024)", { given: { fields: { cancelRequiresGcId: true }, operation: "CancelGiftCard", body: withField(incentivesBody("CancelGiftCard"), "gcId", undefined) }, want: { errorType: "InvalidGCIdInput", errorCode: "F200", message: "GC Id can't be null or empty" } }],
  ])("%s", async (_, { given, want }) => {
    const configured = createSandbox({ config: { verifySignatures: false, incentives: { fields: given.fields } } });
    server.use(...configured.handlers);
    if (given.operation === "CancelGiftCard") expect((await call("CreateGiftCard", incentivesBody("CreateGiftCard"))).status).toBe(200);
    const answer = await call(given.operation, given.body, given.host ? { host: given.host } : {});
    if (want === "SUCCESS") expect(answer.body, answer.text).toMatchObject({ status: "SUCCESS" });
    else expectError(answer, want);
  });
});
