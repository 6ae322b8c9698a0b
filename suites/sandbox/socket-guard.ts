import net from "node:net";
import { refuseOutside, urlHost } from "./outside.js";
import type { Sandbox } from "./sandbox.js";

type WriteCallback = (error?: Error | null) => void;

/** What a socket of this process exposes beyond Node's typings: set by net itself. */
interface SocketInternals {
  /** The net.Server that accepted it: a socket of a server in this process. */
  readonly server?: unknown;
  readonly _server?: unknown;
  /** The host given to connect(), as the caller named it (a host name, not its address). */
  readonly _host?: unknown;
}

/**
 * The last line behind the interceptors and undici's global dispatcher, for
 * clients they do not see (a dispatcher of the team's own, an Agent, Pool or
 * Client; a raw net or tls socket; an agent with its own createConnection):
 * while the sandbox listens,
 *
 * - no socket connects: net.Socket#connect (which tls.connect and every
 *   client library end in) is refused with ECONNREFUSED, journaled as
 *   `CONNECT tcp://host:port`;
 * - a connection opened before the sandbox started (a keep-alive pool's idle
 *   socket, a socket held open) sends nothing: its first write is refused and
 *   the socket destroyed, journaled as `SEND tcp://host:port`. Sockets that
 *   stay idle are left as they are, and serve again once the sandbox closes.
 *
 * Sockets accepted by a server of this process, pipes (stdout, a child
 * process's stdio) and the interceptors' mock sockets (their write is their
 * own) are not touched. Returns the function that puts net.Socket back.
 */
export function guardSockets(current: () => Sandbox): () => void {
  const prototype = net.Socket.prototype;
  const connect = Object.getOwnPropertyDescriptor(prototype, "connect")!;
  const write = Object.getOwnPropertyDescriptor(prototype, "_write")!;
  const writev = Object.getOwnPropertyDescriptor(prototype, "_writev")!;
  const originalWrite = write.value as (this: net.Socket, chunk: unknown, encoding: BufferEncoding, callback: WriteCallback) => void;
  const originalWritev = writev.value as (this: net.Socket, chunks: unknown, callback: WriteCallback) => void;
  // A socket refused at connect and written to at once (before it is destroyed) fails with the refusal, not "socket closed".
  const refusedAtConnect = new WeakMap<net.Socket, Error>();

  Object.defineProperty(prototype, "connect", {
    ...connect,
    value: function refusedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
      const refused = refuseOutside(
        current(),
        { method: "CONNECT", url: connectionTarget(args) },
        "the sandbox opens no socket while it listens: it answers fetch, node:http(s) and undici's global dispatcher, never a socket or an undici dispatcher of your own (Agent, Pool, Client)",
      );
      refusedAtConnect.set(this, refused);
      process.nextTick(() => this.destroy(refused));
      return this;
    },
  });
  Object.defineProperty(prototype, "_write", {
    ...write,
    value: function guardedWrite(this: net.Socket, chunk: unknown, encoding: BufferEncoding, callback: WriteCallback): void {
      const refused = refusedAtConnect.get(this);
      if (refused) return callback(refused);
      const opened = openedBefore(this);
      if (opened === undefined) return originalWrite.call(this, chunk, encoding, callback);
      callback(refusedSend(current(), opened));
    },
  });
  Object.defineProperty(prototype, "_writev", {
    ...writev,
    value: function guardedWritev(this: net.Socket, chunks: unknown, callback: WriteCallback): void {
      const refused = refusedAtConnect.get(this);
      if (refused) return callback(refused);
      const opened = openedBefore(this);
      if (opened === undefined) return originalWritev.call(this, chunks, callback);
      callback(refusedSend(current(), opened));
    },
  });
  return () => {
    Object.defineProperty(prototype, "connect", connect);
    Object.defineProperty(prototype, "_write", write);
    Object.defineProperty(prototype, "_writev", writev);
  };
}

/**
 * `tcp://host:port` for a client's TCP connection, or undefined for any other
 * socket. While the sandbox listens no client socket connects, so a client's
 * connection that is up (or still connecting) was opened before it started.
 */
function openedBefore(socket: net.Socket): string | undefined {
  const internals = socket as net.Socket & SocketInternals;
  if (internals.server || internals._server) return undefined;
  // This process's own output, whatever it is connected to: the sandbox's notices are written there.
  if (socket === (process.stdout as unknown) || socket === (process.stderr as unknown)) return undefined;
  const host = typeof internals._host === "string" ? internals._host : socket.remoteAddress;
  const port = socket.remotePort;
  if (typeof port === "number" && host !== undefined) return `tcp://${urlHost(host)}:${port}`;
  // Connecting still: its port is not known yet, its host is.
  if (socket.connecting && typeof internals._host === "string") return `tcp://${urlHost(internals._host)}`;
  return undefined;
}

/** Journals a write refused on a connection opened before the sandbox started; the error that destroys the socket. */
function refusedSend(sandbox: Sandbox, target: string): Error {
  return refuseOutside(sandbox, { method: "SEND", url: target }, "this connection was opened before the sandbox started, and sends nothing while it listens");
}

/** `tcp://host:port` or `unix:path`, from any of net.Socket#connect's signatures. */
function connectionTarget(args: readonly unknown[]): string {
  const [first, second] = args;
  const options = (Array.isArray(first) ? first[0] : first) as { host?: unknown; port?: unknown; path?: unknown } | number | string | undefined;
  // As Node reads them: a string that is not a number names a pipe, else a port.
  if (typeof options === "string" && !/^\d+$/.test(options)) return `unix:${options}`;
  if (typeof options === "number" || typeof options === "string") return `tcp://${urlHost(typeof second === "string" ? second : "localhost")}:${options}`;
  if (typeof options?.path === "string") return `unix:${options.path}`;
  return `tcp://${urlHost(typeof options?.host === "string" ? options.host : "localhost")}:${String(options?.port ?? "")}`;
}
