import { setupServer, type SetupServer } from "msw/node";
import type { Sandbox } from "./sandbox.js";

/**
 * An MSW server with the sandbox's handlers in which any request the sandbox
 * does not handle is an error: nothing reaches the network, and the journal
 * notes the request so a certification can name it.
 */
export function startSandboxServer(sandbox: Sandbox): SetupServer {
  const server = setupServer(...sandbox.handlers);
  server.listen({
    onUnhandledRequest(request) {
      // Not MSW's own message: it prints the whole URL, and a presigned URL's query carries credentials.
      const named = sandbox.journal.recordOutside(request);
      process.stderr.write(`faultproof: ${named} is not an Amazon Pay or Incentives API request; the sandbox sends nothing to the network\n`);
      // A network error, not a 500: a client must not mistake it for an answer from Amazon.
      throw Response.error();
    },
  });
  return server;
}
