import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { request as httpsRequest } from "node:https";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { startSandboxInterceptor, startSandboxServer } from "./server.js";
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
    // A request made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
    const sandbox = createSandbox({ config: { verifySignatures: false } });
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

describe("the sandbox's MSW server, closed and listening again", () => {
  it("still refuses a request outside the sandbox from a client that imported https.request by name", async () => {
    const sandbox = createSandbox();
    const server = startSandboxServer(sandbox);
    server.close();
    server.listen();
    try {
      const outcome = await new Promise<string>((resolve) => {
        const request = httpsRequest("https://example.com/collect", { method: "POST" }, (response) => resolve(`answered ${response.statusCode}`));
        request.on("error", (error) => resolve(`error ${error.message}`));
        request.end("{}");
      });
      expect(outcome).toMatch(/^error /);
      expect(outcome).not.toMatch(/ENOTFOUND|ECONNREFUSED/);
      expect(sandbox.journal.outside).toEqual(["POST https://example.com/collect"]);
    } finally {
      server.close();
    }
  });
});
