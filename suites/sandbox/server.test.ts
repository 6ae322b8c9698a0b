import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { startSandboxInterceptor } from "./server.js";
import { payHeaders } from "./test-support/requests.js";

describe("the certification's interceptor beside a team's own MSW server", () => {
  it("refuses to start, saying why, instead of letting that server answer the certification's requests", () => {
    // As a vitest setup file would leave it: listening, strict about unhandled requests.
    const teams = setupServer(http.get("https://api.shop.example/orders", () => HttpResponse.json([])));
    teams.listen({ onUnhandledRequest: "error" });
    try {
      expect(() => startSandboxInterceptor(createSandbox())).toThrow(/another MSW server or interceptor is already listening in this process .*run faultproof's conformance test without it/);
    } finally {
      teams.close();
    }
  });

  it("starts once that server is closed, and answers the sandbox's hosts", async () => {
    const teams = setupServer();
    teams.listen();
    teams.close();
    const sandbox = createSandbox();
    const started = startSandboxInterceptor(sandbox);
    try {
      const response = await fetch("https://pay-api.amazon.com/v2/checkoutSessions/S01-0000000-0000000", { headers: payHeaders() });
      expect(response.status).toBe(404);
      expect(sandbox.journal.entries).toHaveLength(1);
    } finally {
      started.close();
    }
  });
});
