import dc from "node:diagnostics_channel";
import { createServer, request as httpRequest, type Server } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect as netConnect, Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { payHeaders } from "./test-support/requests.js";
import { serveThrough, TRANSPORTS } from "./test-support/transports.js";

/*
 * With the sandbox in front of the clients (an MSW server, or the interceptor a
 * certification runs on), nothing reaches the network: a request
 * to any host the sandbox does not serve fails in the client, and no socket is
 * opened. Two witnesses say "nothing was sent": Node's diagnostics channels
 * (every undici request and every client socket is published there) and a
 * real HTTP server on localhost that counts connections.
 */

// Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
const sandbox = createSandbox({ config: { verifySignatures: false } });
let local: Server;
let localUrl = "";
let connections = 0;
const published: string[] = [];
const CHANNELS = ["undici:request:create", "undici:client:beforeConnect", "net.client.socket"] as const;
const record = (_message: unknown, name: string | symbol): void => void published.push(String(name));
/** Whether the witnesses see a request that really goes out, before MSW is listening. */
let witnessesWork = false;

beforeAll(async () => {
  for (const name of CHANNELS) dc.subscribe(name, record);
  local = createServer((_request, response) => response.end("reached"));
  local.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
  // The control: without MSW, the same fetch reaches the local server and the channels see it.
  const control = await fetch(localUrl);
  witnessesWork = (await control.text()) === "reached" && connections === 1 && CHANNELS.every((name) => published.includes(name));
  connections = 0;
  published.length = 0;
});

afterEach(() => {
  connections = 0;
  published.length = 0;
  sandbox.reset();
});

afterAll(async () => {
  for (const name of CHANNELS) dc.unsubscribe(name, record);
  await new Promise<void>((resolve) => local.close(() => resolve()));
});

it("the witnesses see a real request (control, made before the sandbox listened)", () => {
  expect(witnessesWork).toBe(true);
});

describe.each(TRANSPORTS)("through $name, the sandbox does not reach the network", (transport) => {
  serveThrough(transport, sandbox);

  it.each<[string, { given: () => string; init?: RequestInit }]>([
    ["https://example.com/", { given: () => "https://example.com/" }],
    ["a POST with a body to https://example.com/", { given: () => "https://example.com/api", init: { method: "POST", body: '{"secret":"do not send"}', headers: { "content-type": "application/json" } } }],
    ["a server on localhost", { given: () => localUrl }],
    ["a look-alike of the Amazon Pay host", { given: () => "https://pay-api.amazon.com.example.net/v2/checkoutSessions", init: { headers: payHeaders() } }],
    ["a look-alike of the Incentives sandbox host", { given: () => "https://agcod-v2-gamma.amazon.com.example.net/CreateGiftCard", init: { method: "POST", body: "{}" } }],
    ["the Amazon Pay host over plain http", { given: () => "http://pay-api.amazon.com/v2/checkoutSessions", init: { headers: payHeaders() } }],
    ["an Amazon host the sandbox does not serve", { given: () => "https://pay.amazon.com/" }],
  ])("a fetch to %s rejects and nothing is sent", async (_, { given, init }) => {
    const outcome = await fetch(given(), init).then(
      async (response) => ({ rejected: false, status: response.status, body: (await response.text()).slice(0, 120) }),
      (error: unknown) => ({ rejected: true, error: error instanceof Error ? error.name : String(error) }),
    );
    // Nothing left the process...
    expect(connections).toBe(0);
    expect(published).toEqual([]);
    expect(sandbox.journal.entries).toEqual([]);
    // ...and the client is told so by a failed fetch, not by an answer it could mistake for the server's.
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ rejected: true });
  });

  it.each<[string, () => string]>([
    ["https://example.com/", () => "https://example.com/"],
    ["a server on localhost", () => localUrl],
  ])("a node:http(s) request to %s, by a client that imported request by name, errors and nothing is sent", async (_, given) => {
    const target = new URL(given());
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const outcome = await new Promise<string>((resolve) => {
      const request = send(target, { method: "POST", headers: { "content-type": "application/json" } }, (response) => resolve(`answered ${response.statusCode}`));
      request.on("error", (error) => resolve(`error ${error.name}`));
      request.end('{"secret":"do not send"}');
    });
    expect(outcome).toMatch(/^error /);
    expect(connections).toBe(0);
    expect(published).toEqual([]);
    expect(sandbox.journal.outside).toEqual([`POST ${target.protocol}//${target.host}${target.pathname}`]);
  });

  it("a sandbox host is still answered, in process", async () => {
    const response = await fetch("https://pay-api.amazon.com/v2/checkoutSessions/S01-0000000-0000000", { headers: payHeaders() });
    expect(response.status).toBe(404);
    expect(published).toEqual([]);
    expect(sandbox.journal.entries).toHaveLength(1);
  });
});

/** What a socket saw: connected (and what the local server said), or the error it got. */
const attempt = (open: () => Socket): Promise<string> =>
  new Promise((resolve) => {
    const socket = open();
    socket.once("connect", () => socket.once("data", (data) => resolve(`connected: ${String(data).split("\r\n")[0]}`)).end("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
  });
const localPort = () => Number(new URL(localUrl).port);

describe.each(TRANSPORTS)("through $name, no socket connects at all", (transport) => {
  // Clients MSW does not intercept (raw net and tls sockets, an agent with its own createConnection,
  // an undici dispatcher of the team's own) meet a refused connection instead of the network.
  // nothing-escapes.test.ts goes through every kind of client.
  serveThrough(transport, sandbox);

  it.each<[string, () => Socket]>([
    ["net.connect(port, host)", () => netConnect(localPort(), "127.0.0.1")],
    ["net.connect({ host, port })", () => netConnect({ host: "127.0.0.1", port: localPort() })],
    ["new net.Socket().connect(port, host)", () => new Socket().connect(localPort(), "127.0.0.1")],
    ["tls.connect to example.com:443", () => tlsConnect({ host: "example.com", port: 443, servername: "example.com" })],
  ])("%s is refused, named in the journal, and nothing is sent", async (_, open) => {
    expect(await attempt(open)).toBe("error ECONNREFUSED");
    expect(connections).toBe(0);
    // net.connect announces each socket it creates, before connecting: here the witness is the server's count.
    expect(published.filter((name) => name !== "net.client.socket")).toEqual([]);
    expect(sandbox.journal.outside).toEqual([expect.stringMatching(/^CONNECT tcp:\/\/(127\.0\.0\.1|example\.com):\d+$/)]);
  });
});

it("once the sandbox has closed, a socket connects again (the control)", async () => {
  expect(await attempt(() => netConnect(localPort(), "127.0.0.1"))).toBe("connected: HTTP/1.1 200 OK");
  expect(connections).toBe(1);
});
