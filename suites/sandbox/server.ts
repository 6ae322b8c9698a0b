import { setupServer, type SetupServer } from "msw/node";
import type { Sandbox } from "./sandbox.js";

/**
 * An MSW server with the sandbox's handlers in which any request the sandbox
 * does not handle is an error: nothing reaches the network.
 */
export function startSandboxServer(sandbox: Sandbox): SetupServer {
  const server = setupServer(...sandbox.handlers);
  server.listen({
    onUnhandledRequest(request, print) {
      print.error();
      throw new Error(`faultproof: ${request.method} ${request.url} is not an Amazon Pay or Incentives API request; the sandbox does not reach the network`);
    },
  });
  return server;
}
