import { BatchInterceptor, getGlobalSymbol } from "@mswjs/interceptors";
import { ClientRequestInterceptor } from "@mswjs/interceptors/ClientRequest";
import { FetchInterceptor } from "@mswjs/interceptors/fetch";
import { XMLHttpRequestInterceptor } from "@mswjs/interceptors/XMLHttpRequest";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
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
  const strict: Parameters<SetupServer["listen"]>[0] = {
    onUnhandledRequest(request) {
      throw refuse(sandbox, request);
    },
  };
  const listen = server.listen.bind(server);
  const close = server.close.bind(server);
  const started = Object.assign(server, {
    // Listening again after close() (between test files, say) keeps both guarantees.
    listen(options = strict) {
      listen(options);
      syncBuiltinESMExports();
    },
    close() {
      close();
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
 * certification runs on; the same rule holds: nothing reaches the network.
 */
export function startSandboxInterceptor(sandbox: Sandbox): { close(): void } {
  // MSW's interceptors join one already running in the process, and its listener answers first:
  // a team's own MSW server (from a vitest setup file, say) would answer, or refuse, every
  // request before the sandbox saw it, and the certification would judge that.
  const kinds = [ClientRequestInterceptor, XMLHttpRequestInterceptor, FetchInterceptor];
  if (kinds.some((kind) => getGlobalSymbol(kind.symbol) !== undefined)) {
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
  const allowConnections = refuseConnections(sandbox);
  interceptor.on("request", async ({ request, controller }) => {
    const answer = sandbox.answer(request);
    const response = answer ? await answer : refuse(sandbox, request);
    // A client that aborted (a hang it gave up on) has its AbortError from the interceptor already.
    if (!request.signal.aborted) controller.respondWith(response);
  });
  return {
    close() {
      allowConnections();
      interceptor.dispose();
      syncBuiltinESMExports();
    },
  };
}

/**
 * The last line behind the interceptors, for clients they do not see (undici's
 * own request(), a raw net or tls socket, an agent with its own
 * createConnection): while the sandbox listens, no socket connects. The
 * interceptors' mock sockets have a connect of their own and are not touched.
 * Returns the function that allows connections again.
 */
function refuseConnections(sandbox: Sandbox): () => void {
  const prototype = net.Socket.prototype;
  const connect = Object.getOwnPropertyDescriptor(prototype, "connect")!;
  Object.defineProperty(prototype, "connect", {
    ...connect,
    value: function refusedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
      const named = announceOutside(sandbox, { method: "CONNECT", url: connectionTarget(args) });
      const refused = Object.assign(new Error(`faultproof: ${named} refused; the sandbox sends nothing to the network`), { code: "ECONNREFUSED" });
      process.nextTick(() => this.destroy(refused));
      return this;
    },
  });
  return () => Object.defineProperty(prototype, "connect", connect);
}

/** `tcp://host:port` or `unix:path`, from any of net.Socket#connect's signatures. */
function connectionTarget(args: readonly unknown[]): string {
  const [first, second] = args;
  const options = (Array.isArray(first) ? first[0] : first) as { host?: unknown; port?: unknown; path?: unknown } | number | string | undefined;
  // As Node reads them: a string that is not a number names a pipe, else a port.
  if (typeof options === "string" && !/^\d+$/.test(options)) return `unix:${options}`;
  if (typeof options === "number" || typeof options === "string") return `tcp://${typeof second === "string" ? second : "localhost"}:${options}`;
  if (typeof options?.path === "string") return `unix:${options.path}`;
  return `tcp://${typeof options?.host === "string" ? options.host : "localhost"}:${String(options?.port ?? "")}`;
}

/** Journals a request outside the sandbox and makes it a network error: a client must not mistake it for an answer from Amazon. */
function refuse(sandbox: Sandbox, request: Request): Response {
  announceOutside(sandbox, request);
  return Response.error();
}

/** Journals and prints a request or connection outside the sandbox; returns how it is named. */
function announceOutside(sandbox: Sandbox, request: { readonly method: string; readonly url: string }): string {
  // Not MSW's own message: it prints the whole URL, and a presigned URL's query carries credentials.
  const named = sandbox.journal.recordOutside(request);
  process.stderr.write(`faultproof: ${named} is not an Amazon Pay or Incentives API request; the sandbox sends nothing to the network\n`);
  return named;
}
