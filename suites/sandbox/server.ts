import { BatchInterceptor } from "@mswjs/interceptors";
import { ClientRequestInterceptor } from "@mswjs/interceptors/ClientRequest";
import { FetchInterceptor } from "@mswjs/interceptors/fetch";
import { XMLHttpRequestInterceptor } from "@mswjs/interceptors/XMLHttpRequest";
import { syncBuiltinESMExports } from "node:module";
import { setupServer, type SetupServer } from "msw/node";
import type { Sandbox } from "./sandbox.js";

/**
 * An MSW server with the sandbox's handlers in which any request the sandbox
 * does not handle is an error: nothing reaches the network, and the journal
 * notes the request so a certification can name it.
 *
 * Both transports patch `http.request` and friends on Node's modules; a
 * client that imported them by name (`import { request } from "node:https"`)
 * holds the ESM binding, which Node updates only when asked: without
 * syncBuiltinESMExports() such a client would bypass the sandbox and reach
 * the network.
 */
export function startSandboxServer(sandbox: Sandbox): SetupServer {
  const server = setupServer(...sandbox.handlers);
  server.listen({
    onUnhandledRequest(request) {
      throw refuse(sandbox, request);
    },
  });
  syncBuiltinESMExports();
  const close = server.close.bind(server);
  return Object.assign(server, {
    close() {
      close();
      syncBuiltinESMExports();
    },
  });
}

/**
 * The sandbox behind MSW's own interception layer, without MSW's request
 * handlers: the same clients are intercepted (fetch, node:http and https,
 * XMLHttpRequest) and the same engines answer, but a request skips MSW's
 * handler matching, cookie parsing and lifecycle events — about a third of
 * a request's cost through `setupServer` (see `npm run bench`). What a
 * certification runs on; the same rule holds: nothing reaches the network.
 */
export function startSandboxInterceptor(sandbox: Sandbox): { close(): void } {
  const interceptor = new BatchInterceptor({
    name: "faultproof-sandbox",
    interceptors: [new ClientRequestInterceptor(), new XMLHttpRequestInterceptor(), new FetchInterceptor()],
  });
  interceptor.apply();
  syncBuiltinESMExports();
  interceptor.on("request", async ({ request, controller }) => {
    const answer = sandbox.answer(request);
    const response = answer ? await answer : refuse(sandbox, request);
    // A client that aborted (a hang it gave up on) has its AbortError from the interceptor already.
    if (!request.signal.aborted) controller.respondWith(response);
  });
  return {
    close() {
      interceptor.dispose();
      syncBuiltinESMExports();
    },
  };
}

/** Journals a request outside the sandbox and makes it a network error: a client must not mistake it for an answer from Amazon. */
function refuse(sandbox: Sandbox, request: Request): Response {
  // Not MSW's own message: it prints the whole URL, and a presigned URL's query carries credentials.
  const named = sandbox.journal.recordOutside(request);
  process.stderr.write(`faultproof: ${named} is not an Amazon Pay or Incentives API request; the sandbox sends nothing to the network\n`);
  return Response.error();
}
