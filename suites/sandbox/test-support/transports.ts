import { afterAll, beforeAll } from "vitest";
import { startSandboxInterceptor, startSandboxServer } from "../server.js";
import type { Sandbox } from "../sandbox.js";

export interface Transport {
  readonly name: string;
  readonly start: (sandbox: Sandbox) => { close(): void };
}

/** The two ways the sandbox is put in front of clients: the tests that say what a client sees run through both. */
export const TRANSPORTS: readonly Transport[] = [
  { name: "an MSW server (setupServer)", start: startSandboxServer },
  { name: "the certification's interceptor", start: startSandboxInterceptor },
];

/** Puts the sandbox behind this transport for the tests of the enclosing describe block. */
export function serveThrough(transport: Transport, sandbox: Sandbox): void {
  let stop: () => void = () => {};
  beforeAll(() => {
    const started = transport.start(sandbox);
    stop = () => started.close();
  });
  afterAll(() => stop());
}
