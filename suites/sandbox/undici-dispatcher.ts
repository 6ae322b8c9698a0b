import { EventEmitter } from "node:events";
import { NOT_SERVED, refuseOutside } from "./outside.js";
import type { Sandbox } from "./sandbox.js";

/** Who answers a request while the sandbox listens: its answer, or undefined for a request it does not serve (then refused). */
export interface Answerer {
  readonly sandbox: Sandbox;
  answer(request: Request): Promise<Response | undefined>;
}

/**
 * Where every copy of undici keeps the dispatcher that undici.request,
 * undici.fetch, undici.stream and Node's own fetch use when given none: `.1`
 * for Node's bundled undici and undici 5 to 7, `.2` for undici 7 and later.
 */
const GLOBAL_DISPATCHERS = [Symbol.for("undici.globalDispatcher.1"), Symbol.for("undici.globalDispatcher.2")];

/**
 * Puts a dispatcher that answers in process in the place of undici's global
 * one: a request to one of the sandbox's hosts gets the sandbox's answer, any
 * other is refused (journaled, and an ECONNREFUSED error that names it). A
 * dispatcher the team made itself (`new Agent()`, a Pool, a Client) is not
 * reachable from here: its connections are refused at their socket. Returns
 * the function that puts undici's own global dispatchers back.
 */
export function answerUndici(current: () => Answerer): () => void {
  // Node's bundled undici sets its global dispatcher when it loads, which reading a fetch global does:
  // replacing it first, the sandbox's dispatcher would be left in place of none once it closes.
  if (typeof globalThis.Response !== "function") throw new Error("faultproof: this Node has no fetch (Node 20 or newer is needed)");
  const dispatcher = new SandboxDispatcher(current);
  const restores = GLOBAL_DISPATCHERS.map((symbol) => replaceGlobal(symbol, dispatcher)).filter((restore) => restore !== undefined);
  return () => {
    for (const restore of restores) restore();
  };
}

/**
 * Replaces a global dispatcher that an undici has set, as undici's own
 * setGlobalDispatcher does (a writable property that cannot be redefined, or
 * one with a setter). None set: none of that API is loaded, nothing to replace.
 */
function replaceGlobal(symbol: symbol, value: object): (() => void) | undefined {
  const globals = globalThis as Record<symbol, unknown>;
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, symbol);
  if (descriptor === undefined) return undefined;
  const previous = globals[symbol];
  if (descriptor.configurable) Object.defineProperty(globalThis, symbol, { value, writable: true, configurable: true, enumerable: descriptor.enumerable ?? false });
  else if (descriptor.writable || descriptor.set) globals[symbol] = value;
  else return undefined;
  return () => {
    // A test that set a dispatcher of its own meanwhile (setGlobalDispatcher(mockAgent)) keeps it.
    if (globals[symbol] !== value) return;
    if (descriptor.configurable) Object.defineProperty(globalThis, symbol, descriptor);
    else globals[symbol] = previous;
  };
}

/** What undici passes to a dispatcher: the parts the sandbox reads. */
interface DispatchOptions {
  readonly origin?: string | URL;
  readonly path?: string;
  readonly method?: string;
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly query?: Record<string, unknown>;
  readonly upgrade?: string | null;
}

/** A dispatch handler as Node's bundled undici and undici 5 to 7 call it. */
interface Handler {
  onConnect?(abort: (reason?: unknown) => void, context?: object): void;
  onResponseStarted?(): void;
  onHeaders?(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean | void;
  onData?(chunk: Buffer): boolean | void;
  onComplete?(trailers: Buffer[]): void;
  onError?(error: Error): void;
}

/** A dispatch handler of undici 7's newer API, which undici 8 uses throughout. */
interface ControllerHandler {
  onRequestStart?(controller: Controller, context: object): void;
  onResponseStart?(controller: Controller, statusCode: number, headers: Record<string, string | string[]>, statusMessage: string): void;
  onResponseData?(controller: Controller, chunk: Buffer): void;
  onResponseEnd?(controller: Controller, trailers: Record<string, string | string[]>): void;
  onResponseError?(controller: Controller, error: Error): void;
}

interface Controller {
  readonly aborted: boolean;
  readonly paused: boolean;
  readonly reason: unknown;
  abort(reason?: unknown): void;
  pause(): void;
  resume(): void;
}

/** A dispatcher as undici's API calls it (dispatch, close, destroy, an EventEmitter), answered by the sandbox. */
class SandboxDispatcher extends EventEmitter {
  readonly #current: () => Answerer;

  constructor(current: () => Answerer) {
    super();
    this.#current = current;
  }

  dispatch(options: DispatchOptions, handler: Handler | ControllerHandler): boolean {
    void serve(options, asHandler(handler), this.#current());
    return true;
  }

  // Nothing pooled, nothing to close: a test's afterAll that closes the global dispatcher finds it done.
  close(callback?: () => void): Promise<void> | undefined {
    if (callback) return void process.nextTick(callback);
    return Promise.resolve();
  }

  destroy(error?: unknown, callback?: () => void): Promise<void> | undefined {
    const done = typeof error === "function" ? (error as () => void) : callback;
    if (done) return void process.nextTick(done);
    return Promise.resolve();
  }
}

/** Answers one dispatched request through the handler, as a connection would: headers, body chunks (with back-pressure), end; or an error. */
async function serve(options: DispatchOptions, handler: Handler, { sandbox, answer }: Answerer): Promise<void> {
  const aborter = new AbortController();
  let settled = false;
  let paused = false;
  let resumed: (() => void) | undefined;
  const resume = (): void => {
    paused = false;
    const waiting = resumed;
    resumed = undefined;
    waiting?.();
  };
  const fail = (error: unknown): void => {
    if (settled) return;
    settled = true;
    aborter.abort(error);
    resume();
    handler.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
  handler.onConnect?.((reason) => fail(reason ?? Object.assign(new Error("Request aborted"), { name: "AbortError", code: "UND_ERR_ABORTED" })));
  if (settled) return;
  try {
    const url = urlOf(options);
    const method = options.method ?? "GET";
    if (options.upgrade || method === "CONNECT") return fail(refuseOutside(sandbox, { method, url: url.href }, "the sandbox answers HTTP requests, not an upgrade or a CONNECT tunnel"));
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(options.body);
    const request = new Request(url, { method, headers: toHeaders(options.headers), signal: aborter.signal, ...(body !== undefined ? { body } : {}) });
    const response = await answer(request);
    if (settled) return;
    // MSW's passthrough() (a handler of the team's, in the MSW server) would send it: refused as well.
    if (response === undefined || response.headers.get("x-msw-intention") === "passthrough") return fail(refuseOutside(sandbox, request, NOT_SERVED));
    // A network error (a fault the test queued): what undici reports when the other side drops the connection.
    if (response.type === "error") return fail(Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" }));

    handler.onResponseStarted?.();
    if (handler.onHeaders?.(response.status, rawHeaders(response.headers), resume, response.statusText) === false) paused = true;
    if (response.body) {
      const reader = response.body.getReader();
      aborter.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true });
      for (;;) {
        const { done, value } = await reader.read();
        if (settled) return;
        if (done) break;
        if (paused) await new Promise<void>((resolve) => (resumed = resolve));
        if (settled) return;
        if (handler.onData?.(Buffer.from(value.buffer, value.byteOffset, value.byteLength)) === false) paused = true;
      }
    }
    settled = true;
    handler.onComplete?.([]);
  } catch (error) {
    fail(error);
  }
}

/** The URL of the request a dispatcher was given. */
function urlOf(options: DispatchOptions): URL {
  const path = options.path ?? "/";
  // Origin and path joined as text: a path of `//host` must not name another host.
  if (options.origin === undefined || !path.startsWith("/")) throw Object.assign(new TypeError("faultproof: undici dispatched a request without an origin or an absolute path"), { code: "UND_ERR_INVALID_ARG" });
  const url = new URL(`${new URL(String(options.origin)).origin}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    for (const each of Array.isArray(value) ? value : [value]) if (each !== undefined) url.searchParams.append(name, String(each));
  }
  return url;
}

/** Headers in any of the shapes undici takes: an object, a flat [name, value, …] array, or pairs. */
function toHeaders(given: unknown): Headers {
  const headers = new Headers();
  const add = (name: unknown, value: unknown): void => {
    for (const each of Array.isArray(value) ? value : [value]) if (each !== undefined && each !== null) headers.append(String(name), String(each));
  };
  if (given === undefined || given === null) return headers;
  if (Array.isArray(given)) {
    if (given.every((entry) => Array.isArray(entry))) for (const [name, value] of given as unknown[][]) add(name, value);
    else for (let index = 0; index + 1 < given.length; index += 2) add(given[index], given[index + 1]);
  } else if (typeof given === "object" && Symbol.iterator in given) {
    for (const [name, value] of given as Iterable<[unknown, unknown]>) add(name, value);
  } else if (typeof given === "object") {
    for (const [name, value] of Object.entries(given)) add(name, value);
  }
  return headers;
}

/** A body in any of the shapes undici takes, read whole: the sandbox reads requests whole. */
async function readBody(body: unknown): Promise<Uint8Array | Blob | FormData | URLSearchParams | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array || body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  // Another copy of undici's FormData: its entries, in the FormData a Request takes.
  if (typeof body === "object" && (body as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === "FormData" && Symbol.iterator in body) {
    const form = new FormData();
    for (const [name, value] of body as Iterable<[string, string | Blob]>) form.append(name, value);
    return form;
  }
  // A stream (a Readable, a web ReadableStream, the async generator undici's fetch passes): its chunks.
  if (typeof body === "object" && (Symbol.asyncIterator in body || Symbol.iterator in body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  throw Object.assign(new TypeError("faultproof: a request body undici passed in a shape the sandbox cannot read"), { code: "UND_ERR_INVALID_ARG" });
}

/** Response headers as undici hands them to a handler: [name, value, …] as Buffers, one pair per set-cookie. */
function rawHeaders(headers: Headers): Buffer[] {
  const raw: Buffer[] = [];
  headers.forEach((value, name) => {
    if (name !== "set-cookie") raw.push(Buffer.from(name, "latin1"), Buffer.from(value, "latin1"));
  });
  for (const cookie of headers.getSetCookie()) raw.push(Buffer.from("set-cookie", "latin1"), Buffer.from(cookie, "latin1"));
  return raw;
}

/** A handler of the newer API driven through the older one, as undici 7 does for its own dispatchers. */
function asHandler(handler: Handler | ControllerHandler): Handler {
  const newer = handler as ControllerHandler;
  if (typeof newer.onRequestStart !== "function" && typeof newer.onResponseStart !== "function") return handler as Handler;
  let abort: (reason?: unknown) => void = () => {};
  let resume: () => void = () => {};
  const state = { aborted: false, paused: false, reason: undefined as unknown };
  const controller: Controller = {
    get aborted() {
      return state.aborted;
    },
    get paused() {
      return state.paused;
    },
    get reason() {
      return state.reason;
    },
    abort(reason) {
      if (state.aborted) return;
      state.aborted = true;
      state.reason = reason;
      abort(reason);
    },
    pause() {
      state.paused = true;
    },
    resume() {
      if (!state.paused) return;
      state.paused = false;
      resume();
    },
  };
  return {
    onConnect(given, context) {
      abort = given;
      newer.onRequestStart?.(controller, context ?? {});
    },
    onHeaders(statusCode, raw, given, statusText) {
      resume = given;
      newer.onResponseStart?.(controller, statusCode, headerRecord(raw), statusText);
      return !state.paused;
    },
    onData(chunk) {
      newer.onResponseData?.(controller, chunk);
      return !state.paused;
    },
    onComplete() {
      newer.onResponseEnd?.(controller, {});
    },
    onError(error) {
      newer.onResponseError?.(controller, error);
    },
  };
}

/** Raw headers as the newer API passes them: lower-case names, repeated ones as arrays. */
function headerRecord(raw: readonly Buffer[]): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index]!.toString("latin1").toLowerCase();
    const value = raw[index + 1]!.toString("latin1");
    const seen = record[name];
    record[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return record;
}
