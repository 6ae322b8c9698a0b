// The sandbox as a team's unit tests use it: `faultproof/msw`, with typed "next answers" helpers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, startSandboxServer } from "../../generated/index.js";

// Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
const sandbox = createSandbox({ config: { verifySignatures: false } });
let close = () => {};
beforeAll(() => {
  const server = startSandboxServer(sandbox);
  close = () => server.close();
});
beforeEach(() => sandbox.reset());
afterAll(() => close());

const createGiftCard = (creationRequestId: string) =>
  fetch("https://agcod-v2-gamma.amazon.com/CreateGiftCard", {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json", "x-amz-target": "com.amazonaws.agcod.AGCODService.CreateGiftCard", "x-amz-date": "20260101T000000Z", authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=host, Signature=abc" },
    body: JSON.stringify({ creationRequestId, partnerId: "Fproo", value: { currencyCode: "USD", amount: 10 } }),
  });

describe("sandbox.next(operation)", () => {
  it("answers the next request with a documented failure named by its code, then behaves normally", async () => {
    sandbox.next("CreateGiftCard").answers("InsufficientFunds");
    const first = (await (await createGiftCard("Fproo1")).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ errorCode: "F300", errorType: "InsufficientFunds" });
    const second = await createGiftCard("Fproo2");
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ creationRequestId: "Fproo2", status: "SUCCESS", gcId: expect.any(String) });
  });

  it("takes a mock code or an error class too", async () => {
    sandbox.next("CreateGiftCard").answers("F400");
    expect(await (await createGiftCard("Fproo3")).json()).toMatchObject({ errorCode: "F400", agcodResponse: { status: "RESEND" } });
  });

  it("schedules any faults in order", async () => {
    sandbox.next("CreateGiftCard").then({ kind: "status", status: 503 }, { kind: "network-error" });
    expect((await createGiftCard("Fproo4")).status).toBe(503);
    await expect(createGiftCard("Fproo4")).rejects.toThrow();
    expect((await createGiftCard("Fproo4")).status).toBe(200);
  });

  it("refuses a code the API does not document, at compile time and at run time", () => {
    // @ts-expect-error AmountMismatch is an Amazon Pay reason code, not an Incentives error
    expect(() => sandbox.next("CreateGiftCard").answers("AmountMismatch")).toThrow(/AmountMismatch/);
  });
});
