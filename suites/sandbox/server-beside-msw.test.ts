import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { startSandboxServer } from "./server.js";
import { payHeaders } from "./test-support/requests.js";

/*
 * A team's unit tests: the sandbox's MSW server started beside the team's own would have two
 * MSW servers read each request's body (the second read throws "ReadableStream is locked" from
 * read-body.ts, and the tests still pass). It refuses to start, saying what to do instead; the
 * README's recipe, the sandbox's handlers in the team's own server, works.
 */

const closers: (() => void)[] = [];
afterEach(() => {
  closers.splice(0).reverse().forEach((close) => close());
  vi.restoreAllMocks();
});

const theirs = http.get("https://api.shop.example/orders", () => HttpResponse.json([{ id: "o1" }]));
const checkoutSession = "https://pay-api.amazon.com/v2/checkoutSessions";
const body = JSON.stringify({ webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.application-oa2-client.0", chargePermissionType: "OneTime" });

describe("startSandboxServer beside a team's own MSW server", () => {
  it("refuses to start, with a clear message, instead of failing each request with 'ReadableStream is locked'", () => {
    const team = setupServer(theirs);
    team.listen({ onUnhandledRequest: "bypass" });
    closers.push(() => team.close());
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let started: ReturnType<typeof startSandboxServer> | undefined;
    try {
      expect(() => (started = startSandboxServer(createSandbox({ config: { verifySignatures: false } })))).toThrow(
        /^faultproof: another MSW server is already listening in this process .*: add the sandbox's handlers to yours instead, setupServer\(\.\.\.sandbox\.handlers, \.\.\.yours\)/,
      );
    } finally {
      started?.close();
    }
    expect(errors).not.toHaveBeenCalled();
  });

  it("the recipe: the sandbox's handlers in the team's own server answer both the team's hosts and Amazon's", async () => {
    const sandbox = createSandbox({ config: { verifySignatures: false } });
    const server = setupServer(...sandbox.handlers, theirs);
    server.listen({ onUnhandledRequest: "error" });
    closers.push(() => server.close());
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);

    expect(await (await fetch("https://api.shop.example/orders")).json()).toEqual([{ id: "o1" }]);
    const created = await fetch(checkoutSession, { method: "POST", headers: { ...payHeaders(), "x-amz-pay-idempotency-key": "k-1" }, body });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(((await created.json()) as { checkoutSessionId?: string }).checkoutSessionId).toMatch(/\S/);
    expect(sandbox.journal.entries.map((entry) => `${entry.operation} ${entry.response.status}`)).toEqual(["CreateCheckoutSession 201"]);
    expect(errors).not.toHaveBeenCalled();
  });
});
