import { BatchInterceptor, getGlobalSymbol } from "@mswjs/interceptors";
import { ClientRequestInterceptor } from "@mswjs/interceptors/ClientRequest";
import { FetchInterceptor } from "@mswjs/interceptors/fetch";
import { XMLHttpRequestInterceptor } from "@mswjs/interceptors/XMLHttpRequest";
import { getResponse, RequestHandler } from "msw";
import { setupServer, type SetupServer } from "msw/node";
import { syncBuiltinESMExports } from "node:module";
import { guardEveryTransport } from "./no-escape.js";
import { announceOutside } from "./outside.js";
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
 *
 * Both also cover the clients MSW's interceptors do not see
 * (guardEveryTransport): undici's own request and fetch are answered through
 * undici's global dispatcher, here by the server's handlers (those added with
 * `server.use()` included); a socket or an undici dispatcher of the team's
 * own is refused, and so is a connection opened before the server listened.
 */
export function startSandboxServer(sandbox: Sandbox): SetupServer {
  // Two MSW servers would both read each request's body: the second read fails ("ReadableStream is
  // locked", from read-body.ts) on every request with a body, while the first server answers.
  if (anotherInterceptorListening()) {
    throw new Error(
      "faultproof: another MSW server is already listening in this process (a setupServer from a vitest setup file?), and two MSW servers cannot share one request: " +
        "add the sandbox's handlers to yours instead, setupServer(...sandbox.handlers, ...yours), or close that server before startSandboxServer",
    );
  }
  const server = setupServer(...sandbox.handlers);
  const strict: Parameters<SetupServer["listen"]>[0] = {
    onUnhandledRequest(request) {
      throw refuse(sandbox, request);
    },
  };
  const listen = server.listen.bind(server);
  const close = server.close.bind(server);
  const answerer = {
    sandbox,
    answer: (request: Request) => getResponse(server.listHandlers().filter((handler) => handler instanceof RequestHandler), request),
  };
  let stopGuards: (() => void) | undefined;
  const started = Object.assign(server, {
    // Listening again after close() (between test files, say) keeps every guarantee.
    listen(options = strict) {
      listen(options);
      stopGuards ??= guardEveryTransport(answerer);
      syncBuiltinESMExports();
    },
    close() {
      close();
      stopGuards?.();
      stopGuards = undefined;
      syncBuiltinESMExports();
    },
  });
  started.listen();
  return started;
}

/**
 * The sandbox behind MSW's own interception layer, without MSW's request
 * handlers: the same clients are intercepted (fetch, node:http and https,
 * XMLHttpRequest) and the same engines answer, but a request skips MSW's
 * handler matching, cookie parsing and lifecycle events: half the cost of a
 * request through `setupServer` (`npm run bench`, figure a4). What a
 * certification runs on; the same rule holds: nothing reaches the network,
 * through undici or a socket either (guardEveryTransport).
 */
export function startSandboxInterceptor(sandbox: Sandbox): { close(): void } {
  // MSW's interceptors join one already running in the process, and its listener answers first:
  // a team's own MSW server (from a vitest setup file, say) would answer, or refuse, every
  // request before the sandbox saw it, and the certification would judge that.
  if (anotherInterceptorListening()) {
    throw new Error(
      "faultproof: another MSW server or interceptor is already listening in this process (a setupServer from a vitest setup file?); " +
        "the certification must be the only one answering requests: run faultproof's conformance test without it (a vitest project of its own), or close that server first",
    );
  }
  const interceptor = new BatchInterceptor({
    name: "faultproof-sandbox",
    interceptors: [new ClientRequestInterceptor(), new XMLHttpRequestInterceptor(), new FetchInterceptor()],
  });
  interceptor.apply();
  syncBuiltinESMExports();
  const stopGuards = guardEveryTransport({ sandbox, answer: (request) => sandbox.answer(request) ?? Promise.resolve(undefined) });
  interceptor.on("request", async ({ request, controller }) => {
    const answer = sandbox.answer(request);
    const response = answer ? await answer : refuse(sandbox, request);
    // A client that aborted (a hang it gave up on) has its AbortError from the interceptor already.
    if (!request.signal.aborted) controller.respondWith(response);
  });
  return {
    close() {
      stopGuards();
      interceptor.dispose();
      syncBuiltinESMExports();
    },
  };
}

/** True when MSW's interceptors (a setupServer, or an interceptor of their own) already listen in this process. */
function anotherInterceptorListening(): boolean {
  return [ClientRequestInterceptor, XMLHttpRequestInterceptor, FetchInterceptor].some((kind) => getGlobalSymbol(kind.symbol) !== undefined);
}

/** Journals a request outside the sandbox and makes it a network error: a client must not mistake it for an answer from Amazon. */
function refuse(sandbox: Sandbox, request: Request): Response {
  announceOutside(sandbox, request);
  return Response.error();
}
