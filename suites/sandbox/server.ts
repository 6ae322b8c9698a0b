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
      process.stderr.write(`faultproof: ${request.method} ${request.url} is not an Amazon Pay or Incentives API request; the sandbox sends nothing to the network\n`);
      // A network error, not a 500: a client must not mistake it for an answer from Amazon.
      throw Response.error();
    },
  });
  return server;
}
