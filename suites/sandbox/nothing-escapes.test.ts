import * as http from "node:http";
import { createServer, get as httpGet, request as httpRequest, type Server } from "node:http";
import { generateKeyPairSync } from "node:crypto";
import * as https from "node:https";
import { get as httpsGet } from "node:https";
import net, { connect as netConnect, type AddressInfo, type Socket } from "node:net";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { Writable } from "node:stream";
import { http as mswHttp, HttpResponse, passthrough } from "msw";
import { Agent, Client, Pool, fetch as undiciFetch, request as undiciRequest, stream as undiciStream, type Dispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { selfSignedCertificate } from "./amazon-pay/test-certificate.js";
import { startSandboxServer } from "./server.js";
import { incentivesBody, payHeaders } from "./test-support/requests.js";
import { TRANSPORTS, type Transport } from "./test-support/transports.js";

/*
 * Nothing escapes, whichever client a team's code uses: every kind of client,
 * through both transports, against real servers on 127.0.0.1 (HTTP, and HTTPS
 * with a test certificate) that count the connections they accept and the
 * requests they read. Each client is refused, the journal names the host, and
 * the servers count nothing. Sockets and pools opened before the sandbox
 * started (keep-alive) are among the clients: their connection exists
 * already, so the servers count requests, not connections.
 */

/** A client that kept Node's fetch before anything patched it (a library that captures it when it loads). */
const fetchBefore = globalThis.fetch;
const sandbox = createSandbox();
let local: Server;
let secure: https.Server;
let port = 0;
let securePort = 0;
let connections = 0;
let requests = 0;
const url = () => `http://127.0.0.1:${port}/`;
const secureUrl = () => `https://127.0.0.1:${securePort}/`;
const reset = () => {
  connections = 0;
  requests = 0;
  sandbox.reset();
};

beforeAll(async () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const cert = selfSignedCertificate({ privateKey, publicKey, commonName: "127.0.0.1", organization: "faultproof test" });
  local = createServer((_request, response) => response.end("reached"));
  secure = https.createServer({ key: privateKey.export({ type: "pkcs8", format: "pem" }), cert }, (_request, response) => response.end("reached"));
  for (const server of [local, secure]) {
    server.keepAliveTimeout = 60_000;
    server.on("connection", () => (connections += 1));
    server.on("request", () => (requests += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  }
  port = (local.address() as AddressInfo).port;
  securePort = (secure.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const server of [local, secure]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** What a client saw: an answer, or the error with its causes and codes. */
type Outcome = { answered: number } | { error: string };

async function outcomeOf(send: () => Promise<number>): Promise<Outcome> {
  try {
    return { answered: await send() };
  } catch (error) {
    return { error: describeError(error) };
  }
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let at: unknown = error, depth = 0; at !== undefined && depth < 4; depth += 1) {
    if (!(at instanceof Error)) {
      parts.push(String(at));
      break;
    }
    const code = (at as NodeJS.ErrnoException).code;
    parts.push(`${at.name}${code ? ` ${code}` : ""}: ${at.message}`);
    at = at.cause;
  }
  return parts.join(" <- ");
}

/** node:http(s) as callers use it: the status, or the request's error. */
function nodeCall(start: (callback: (response: http.IncomingMessage) => void) => http.ClientRequest, end = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = start((response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
    if (end) request.end();
  });
}

/** A socket's first line back, or its error: a socket that connects is sent a request for the local server to read. */
function socketCall(open: () => Socket, alreadyOpen = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = open();
    const send = () => {
      socket.once("data", (data) => {
        resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(String(data))?.[1] ?? 0));
        socket.destroy();
      });
      socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    };
    socket.once("error", reject);
    if (alreadyOpen) send();
    else socket.once("connect", send);
  });
}

async function undiciStatus(answer: Promise<Dispatcher.ResponseData>): Promise<number> {
  const response = await answer;
  await response.body.text();
  return response.statusCode;
}

/** Connections opened before the sandbox started, idle in their pools or held open: keep-alive. */
interface Opened {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: https.Agent;
  readonly undiciAgent: Agent;
  readonly socket: Socket;
  readonly tlsSocket: TLSSocket;
  close(): Promise<void>;
}

async function openBefore(): Promise<Opened> {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  const undiciAgent = new Agent({ keepAliveTimeout: 60_000 });
  await nodeCall((callback) => httpRequest(url(), { agent: httpAgent }, callback));
  await nodeCall((callback) => https.request(secureUrl(), { agent: httpsAgent }, callback));
  await undiciStatus(undiciRequest(url(), { dispatcher: undiciAgent }));
  // undici's global dispatcher (the one undici.request and undici.fetch use) pools one as well.
  await undiciStatus(undiciRequest(url()));
  const socket = netConnect(port, "127.0.0.1");
  const tlsSocket = tlsConnect({ port: securePort, host: "127.0.0.1", rejectUnauthorized: false });
  await Promise.all([new Promise((resolve) => socket.once("connect", resolve)), new Promise((resolve) => tlsSocket.once("secureConnect", resolve))]);
  // Each pooled connection is idle and open: the servers read their requests, and nothing since.
  const free = (agent: http.Agent) => Object.values(agent.freeSockets).flat().length;
  expect({ requests, free: [free(httpAgent), free(httpsAgent)] }).toEqual({ requests: 4, free: [1, 1] });
  return {
    httpAgent,
    httpsAgent,
    undiciAgent,
    socket,
    tlsSocket,
    async close() {
      httpAgent.destroy();
      httpsAgent.destroy();
      socket.destroy();
      tlsSocket.destroy();
      await undiciAgent.close();
    },
  };
}

/** One kind of client: how it sends, how the journal names what it tried, and who words the error it gets. */
interface ClientKind {
  readonly name: string;
  readonly send: (opened: Opened) => Promise<number>;
  readonly named: () => string;
  /** Refused by faultproof's own guards (not MSW's interceptors): the error names what was refused. */
  readonly worded?: boolean;
}

const GET = () => `GET http://127.0.0.1:${port}/`;
const GET_HTTPS = () => `GET https://127.0.0.1:${securePort}/`;
const CONNECT = () => `CONNECT tcp://127.0.0.1:${port}`;
const CONNECT_TLS = () => `CONNECT tcp://127.0.0.1:${securePort}`;
const SEND = () => `SEND tcp://127.0.0.1:${port}`;
const SEND_TLS = () => `SEND tcp://127.0.0.1:${securePort}`;
const tlsOptions = { rejectUnauthorized: false };

const CLIENTS: readonly ClientKind[] = [
  { name: "global fetch", send: async () => (await fetch(url())).status, named: GET },
  { name: "Node's fetch, kept from before the sandbox started", send: async () => (await fetchBefore(url())).status, named: GET, worded: true },
  { name: "http.request", send: () => nodeCall((callback) => http.request(url(), callback)), named: GET },
  { name: "http.get", send: () => nodeCall((callback) => http.get(url(), callback), false), named: GET },
  { name: "request imported by name from node:http", send: () => nodeCall((callback) => httpRequest(url(), callback)), named: GET },
  { name: "get imported by name from node:http", send: () => nodeCall((callback) => httpGet(url(), callback), false), named: GET },
  { name: "new http.ClientRequest", send: () => nodeCall((callback) => new http.ClientRequest(url(), callback)), named: GET },
  { name: "https.request", send: () => nodeCall((callback) => https.request(secureUrl(), tlsOptions, callback)), named: GET_HTTPS },
  { name: "https.get", send: () => nodeCall((callback) => https.get(secureUrl(), tlsOptions, callback), false), named: GET_HTTPS },
  { name: "get imported by name from node:https", send: () => nodeCall((callback) => httpsGet(secureUrl(), tlsOptions, callback), false), named: GET_HTTPS },
  { name: "a keep-alive http.Agent whose socket was opened before", send: (opened) => nodeCall((callback) => httpRequest(url(), { agent: opened.httpAgent }, callback)), named: GET },
  { name: "a keep-alive https.Agent whose socket was opened before", send: (opened) => nodeCall((callback) => https.request(secureUrl(), { agent: opened.httpsAgent }, callback)), named: GET_HTTPS },
  { name: "undici.request (its global pool holds a socket opened before)", send: () => undiciStatus(undiciRequest(url())), named: GET, worded: true },
  { name: "undici.fetch", send: async () => (await undiciFetch(url())).status, named: GET, worded: true },
  { name: "undici.request through a new Agent", send: () => undiciStatus(undiciRequest(url(), { dispatcher: new Agent() })), named: CONNECT, worded: true },
  { name: "an undici Agent over TLS", send: () => undiciStatus(undiciRequest(secureUrl(), { dispatcher: new Agent({ connect: tlsOptions }) })), named: CONNECT_TLS, worded: true },
  { name: "a Pool", send: () => undiciStatus(new Pool(`http://127.0.0.1:${port}`).request({ path: "/", method: "GET" })), named: CONNECT, worded: true },
  { name: "a Client", send: () => undiciStatus(new Client(`http://127.0.0.1:${port}`).request({ path: "/", method: "GET" })), named: CONNECT, worded: true },
  { name: "an undici Agent whose socket was opened before", send: (opened) => undiciStatus(undiciRequest(url(), { dispatcher: opened.undiciAgent })), named: SEND, worded: true },
  { name: "a raw socket opened before", send: (opened) => socketCall(() => opened.socket, true), named: SEND, worded: true },
  { name: "a TLS socket opened before", send: (opened) => socketCall(() => opened.tlsSocket, true), named: SEND_TLS, worded: true },
  { name: "net.connect", send: () => socketCall(() => netConnect(port, "127.0.0.1")), named: CONNECT, worded: true },
  { name: "new net.Socket().connect", send: () => socketCall(() => new net.Socket().connect({ port, host: "127.0.0.1" })), named: CONNECT, worded: true },
  { name: "tls.connect", send: () => socketCall(() => tlsConnect({ port: securePort, host: "127.0.0.1", ...tlsOptions })), named: CONNECT_TLS, worded: true },
];

describe.each(TRANSPORTS)("through $name, nothing escapes", (transport) => {
  let opened: Opened;
  let stop: () => void = () => {};
  beforeAll(async () => {
    reset();
    opened = await openBefore();
    reset();
    const started = transport.start(sandbox);
    stop = () => started.close();
  });
  afterAll(() => {
    stop();
    return opened.close();
  });

  it.each(CLIENTS.map((client) => [client.name, client] as const))("%s is refused, named, and the server counts nothing", async (_, client) => {
    reset();
    const outcome = await outcomeOf(() => client.send(opened));
    expect(outcome, JSON.stringify(outcome)).toHaveProperty("error");
    expect({ connections, requests }).toEqual({ connections: 0, requests: 0 });
    expect(sandbox.journal.outside).toEqual([client.named()]);
    if (client.worded) expect((outcome as { error: string }).error).toContain(`faultproof: ${client.named()} refused`);
  });
});

const SESSION = "https://pay-api.amazon.com/v2/checkoutSessions/S01-0000000-0000000";
const AGCOD = "https://agcod-v2-gamma.amazon.com/CreateGiftCard";
const agcodHeaders = (operation: string) => ({
  accept: "application/json",
  "content-type": "application/json",
  "x-amz-date": "20260101T000000Z",
  "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}`,
  authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=host, Signature=abc",
});

/** One request to a sandbox host, as each client sends it. */
interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const CALLS: readonly (readonly [string, Call])[] = [
  ["a GET to Amazon Pay", { url: SESSION, method: "GET", headers: payHeaders() }],
  ["an AGCOD CreateGiftCard with a JSON body", { url: AGCOD, method: "POST", headers: agcodHeaders("CreateGiftCard"), body: JSON.stringify(incentivesBody("CreateGiftCard")) }],
];

/** What a client read: the status, the content type and the body. */
type Read = { readonly status: number; readonly type: string | null; readonly body: string };

const SENDERS: readonly (readonly [string, (call: Call) => Promise<Read>])[] = [
  ["undici.request", async ({ url, method, headers, body }) => {
    const response = await undiciRequest(url, { method: method as Dispatcher.HttpMethod, headers, ...(body !== undefined ? { body } : {}) });
    return { status: response.statusCode, type: String(response.headers["content-type"] ?? null), body: await response.body.text() };
  }],
  ["undici.fetch, with a streamed body", async ({ url, method, headers, body }) => {
    const stream = body === undefined ? undefined : new Blob([body]).stream();
    const response = await undiciFetch(url, { method, headers, ...(stream ? { body: stream, duplex: "half" as const } : {}) });
    return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
  }],
  ["undici.stream", async ({ url, method, headers, body }) => {
    const chunks: Buffer[] = [];
    let status = 0;
    let type: string | null = null;
    await undiciStream(url, { method: method as Dispatcher.HttpMethod, headers, ...(body !== undefined ? { body } : {}) }, ({ statusCode, headers: answered }) => {
      status = statusCode;
      type = String(answered["content-type"] ?? null);
      return new Writable({ write: (chunk: Buffer, _encoding, done) => void (chunks.push(chunk), done()) });
    });
    return { status, type, body: Buffer.concat(chunks).toString() };
  }],
];

const viaFetch = async ({ url, method, headers, body }: Call): Promise<Read> => {
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
};

/** A journal entry without what differs from one request to the next (arrival order, time, the headers each client adds). */
const journaled = () => sandbox.journal.entries.map(({ api, operation, method, url: at, body, response }) => ({ api, operation, method, url: at, body, response }));

describe.each(TRANSPORTS)("through $name, undici's own API is answered by the sandbox", (transport) => {
  let stop: () => void = () => {};
  beforeAll(() => {
    reset();
    const started = transport.start(sandbox);
    stop = () => started.close();
  });
  afterAll(() => stop());

  describe.each(CALLS)("%s", (_, call) => {
    it.each(SENDERS)("through %s: what fetch gets, journaled alike, nothing sent", async (_, send) => {
      reset();
      const expected = await viaFetch(call);
      const expectedEntries = journaled();
      reset();
      expect(await send(call)).toEqual(expected);
      expect(journaled()).toEqual(expectedEntries);
      expect(expectedEntries).toHaveLength(1);
      expect(sandbox.journal.outside).toEqual([]);
    });
  });

  it("a handler of undici's newer API (undici 8's) is answered as well", async () => {
    reset();
    const expected = await viaFetch(CALLS[0]![1]);
    reset();
    const dispatcher = (globalThis as Record<symbol, Dispatcher | undefined>)[Symbol.for("undici.globalDispatcher.1")]!;
    const seen: string[] = [];
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      dispatcher.dispatch({ origin: "https://pay-api.amazon.com", path: "/v2/checkoutSessions/S01-0000000-0000000", method: "GET", headers: payHeaders() }, {
        onRequestStart: () => void seen.push("start"),
        onResponseStart: (_controller: unknown, status: number, headers: Record<string, string | string[]>) => void seen.push(`${status} ${String(headers["content-type"])}`),
        onResponseData: (_controller: unknown, chunk: Buffer) => void chunks.push(chunk),
        onResponseEnd: () => {
          seen.push("end");
          resolve();
        },
        onResponseError: (_controller: unknown, error: Error) => reject(error),
      } as unknown as Dispatcher.DispatchHandler);
    });
    expect(seen).toEqual(["start", `${expected.status} ${expected.type}`, "end"]);
    expect(Buffer.concat(chunks).toString()).toBe(expected.body);
  });

  it("a dispatcher of the team's own (an Agent) cannot be answered: refused at its socket, with a message that says what to do", async () => {
    reset();
    const agent = new Agent();
    try {
      const outcome = await outcomeOf(() => undiciStatus(undiciRequest(SESSION, { headers: payHeaders(), dispatcher: agent })));
      expect(outcome).toEqual({ error: expect.stringContaining("faultproof: CONNECT tcp://pay-api.amazon.com:443 refused") });
      expect((outcome as { error: string }).error).toMatch(/undici's global dispatcher/);
      expect(sandbox.journal.outside).toEqual(["CONNECT tcp://pay-api.amazon.com:443"]);
      expect(sandbox.journal.entries).toEqual([]);
    } finally {
      await agent.close();
    }
  });
});

describe("through the MSW server, undici meets the handlers a test adds", () => {
  let server: ReturnType<typeof startSandboxServer>;
  beforeAll(() => {
    server = startSandboxServer(sandbox);
  });
  afterAll(() => server.close());

  it("server.use() answers undici too: a large body streamed with back-pressure, a network error is a socket error, a hang a wait the client can abort, passthrough() a refusal", async () => {
    reset();
    let hung: () => void = () => {};
    server.use(
      mswHttp.get("https://api.shop.example/dropped", () => HttpResponse.error()),
      mswHttp.get("https://api.shop.example/hangs", ({ request }) => new Promise<Response>((resolve) => {
        hung = () => resolve(HttpResponse.text("too late"));
        request.signal.addEventListener("abort", () => resolve(HttpResponse.error()));
      })),
      mswHttp.get("https://api.shop.example/passes", () => passthrough()),
      mswHttp.get("https://api.shop.example/orders", () => HttpResponse.json([{ id: 1 }])),
      mswHttp.get("https://api.shop.example/large", () => new HttpResponse(new ReadableStream({
        start(stream) {
          for (let chunk = 0; chunk < 64; chunk += 1) stream.enqueue(new TextEncoder().encode("0123456789abcdef".repeat(1 << 10)));
          stream.close();
        },
      }))),
    );
    try {
      expect(await (await undiciRequest("https://api.shop.example/orders")).body.json()).toEqual([{ id: 1 }]);
      // A megabyte: more than a client buffers before it pauses the sender, and resumes it.
      expect(await (await undiciRequest("https://api.shop.example/large")).body.text()).toBe("0123456789abcdef".repeat(1 << 16));
      expect(await (await undiciFetch("https://api.shop.example/large")).text()).toBe("0123456789abcdef".repeat(1 << 16));
      expect(await outcomeOf(() => undiciStatus(undiciRequest("https://api.shop.example/dropped")))).toEqual({ error: expect.stringMatching(/^SocketError UND_ERR_SOCKET/) });
      const abort = new AbortController();
      const waiting = outcomeOf(() => undiciStatus(undiciRequest("https://api.shop.example/hangs", { signal: abort.signal })));
      setTimeout(() => abort.abort(), 20);
      expect(await waiting).toEqual({ error: expect.stringMatching(/AbortError/) });
      hung();
      expect(await outcomeOf(() => undiciStatus(undiciRequest("https://api.shop.example/passes")))).toEqual({ error: expect.stringContaining("faultproof: GET https://api.shop.example/passes refused") });
      expect(sandbox.journal.outside).toEqual(["GET https://api.shop.example/passes"]);
    } finally {
      server.resetHandlers();
    }
  });
});

/** What the transports replace, to check that closing puts each back. */
function patched(): readonly unknown[] {
  const globalDispatcher = (symbol: string) => (globalThis as Record<symbol, unknown>)[Symbol.for(symbol)];
  return [
    net.Socket.prototype.connect,
    net.Socket.prototype._write,
    net.Socket.prototype._writev,
    globalDispatcher("undici.globalDispatcher.1"),
    globalDispatcher("undici.globalDispatcher.2"),
    globalThis.fetch,
    http.request,
    https.request,
  ];
}

describe.each(TRANSPORTS)("closing $name restores everything", (transport: Transport) => {
  it("the same functions and dispatchers as before, and every client reaches the server again, the keep-alive ones on their old connection", async () => {
    reset();
    const opened = await openBefore();
    const before = patched();
    const started = transport.start(sandbox);
    expect(patched()).not.toEqual(before);
    started.close();
    expect(patched()).toEqual(before);
    reset();
    try {
      for (const client of CLIENTS) expect(await outcomeOf(() => client.send(opened)), client.name).toEqual({ answered: 200 });
      expect(sandbox.journal.outside).toEqual([]);
      expect(requests).toBe(CLIENTS.length);
      // The connections opened before (two node agents, undici's Agent, a raw and a TLS socket) served their requests: no new connection for them.
      expect(connections).toBeLessThanOrEqual(CLIENTS.length - 5);
    } finally {
      await opened.close();
    }
  });
});

describe("the sandbox's MSW server, closed and listening again", () => {
  it("refuses undici and sockets again, and restores them again", async () => {
    reset();
    const before = patched();
    const server = startSandboxServer(sandbox);
    server.close();
    expect(patched()).toEqual(before);
    server.listen();
    try {
      expect(await outcomeOf(() => undiciStatus(undiciRequest(url())))).toEqual({ error: expect.stringContaining(`faultproof: ${GET()}`) });
      expect(await outcomeOf(() => socketCall(() => netConnect(port, "127.0.0.1")))).toEqual({ error: expect.stringContaining(`faultproof: ${CONNECT()}`) });
      expect((await undiciRequest(SESSION, { headers: payHeaders() })).statusCode).toBeGreaterThanOrEqual(200);
      expect(sandbox.journal.entries).toHaveLength(1);
      expect({ connections, requests }).toEqual({ connections: 0, requests: 0 });
    } finally {
      server.close();
    }
    expect(patched()).toEqual(before);
  });

  it("a second sandbox server at once is refused (two MSW servers cannot share a request), and closing the first restores everything", () => {
    const before = patched();
    const first = startSandboxServer(createSandbox());
    expect(() => startSandboxServer(createSandbox())).toThrow(/another MSW server is already listening/);
    expect(net.Socket.prototype.connect).not.toBe(before[0]);
    first.close();
    expect(patched()).toEqual(before);
  });
});
