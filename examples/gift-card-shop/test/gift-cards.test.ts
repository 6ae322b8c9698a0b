// The shop's own unit tests, on faultproof's sandbox: no Amazon account, no network.
import { createManualClock, createSandbox } from "faultproof/msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deskOptions, SANDBOX_TEST_CREDENTIALS } from "../src/config.js";
import { GiftCardDesk } from "../src/gift-cards.js";

// The sandbox checks the desk's SigV4 signatures against its test key, and their x-amz-date against
// its clock: aws4 signs with the real time, so the clock starts there.
const sandbox = createSandbox({ clock: createManualClock(Date.now()), config: { credentials: { incentives: [SANDBOX_TEST_CREDENTIALS] } } });
const server = setupServer(...sandbox.handlers);
const desk = new GiftCardDesk(deskOptions({})); // the sandbox defaults

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => sandbox.reset());
afterAll(() => server.close());

describe("the gift-card desk", () => {
  it("issues a card", async () => {
    const result = await desk.issue({ amount: 25, currencyCode: "USD" });
    expect(result).toMatchObject({ kind: "issued", gcId: expect.any(String) });
  });

  it("is refused with F200 when it signs with a secret that is not its key's", async () => {
    const misconfigured = new GiftCardDesk({ ...deskOptions({}), credentials: { ...SANDBOX_TEST_CREDENTIALS, secretAccessKey: "not-the-test-secret" } });
    const result = await misconfigured.issue({ amount: 25, currencyCode: "USD" });
    expect(result).toMatchObject({ kind: "rejected", errorType: "InvalidSignatureException" });
  });

  it("sends an empty account to the support queue", async () => {
    sandbox.next("CreateGiftCard").answers("InsufficientFunds");
    const result = await desk.issue({ amount: 25, currencyCode: "USD" });
    expect(result).toMatchObject({ kind: "support", errorType: "InsufficientFunds" });
  });

  it("cancels the original request before issuing again after RESEND", async () => {
    sandbox.next("CreateGiftCard").answers("F400");
    const result = await desk.issue({ amount: 25, currencyCode: "USD" });
    expect(result.kind).toBe("issued");
    const operations = sandbox.journal.entries.map((entry) => entry.operation);
    expect(operations).toEqual(["CreateGiftCard", "CancelGiftCard", "CreateGiftCard"]);
  });
});
