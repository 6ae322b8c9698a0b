import { guardSockets } from "./socket-guard.js";
import { answerUndici, type Answerer } from "./undici-dispatcher.js";

export type { Answerer } from "./undici-dispatcher.js";

/**
 * The sandboxes listening in this process, newest last, and how to undo the
 * guards they share. On globalThis, so two copies of faultproof (the built
 * `faultproof/msw` and the TypeScript suites, say) share one set of guards.
 */
interface Registry {
  readonly listening: Answerer[];
  restore: (() => void) | undefined;
}

const REGISTRY = Symbol.for("faultproof.sandbox.no-escape");

function registry(): Registry {
  const globals = globalThis as Record<symbol, Registry | undefined>;
  return (globals[REGISTRY] ??= { listening: [], restore: undefined });
}

/**
 * What both transports add to MSW's interceptors so that nothing escapes, in
 * any transport: undici's global dispatcher answered by the sandbox (or
 * refused), no socket connecting, no connection opened before sending (see
 * guardSockets). The newest sandbox listening answers and journals; the
 * guards are installed with the first and removed with the last, whatever
 * the order they close in. Returns the function that stops this one.
 */
export function guardEveryTransport(answerer: Answerer): () => void {
  const { listening } = registry();
  listening.push(answerer);
  if (listening.length === 1) {
    const newest = (): Answerer => listening.at(-1) ?? answerer;
    const sockets = guardSockets(() => newest().sandbox);
    const undici = answerUndici(newest);
    registry().restore = () => {
      undici();
      sockets();
    };
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    listening.splice(listening.indexOf(answerer), 1);
    if (listening.length > 0) return;
    const state = registry();
    state.restore?.();
    state.restore = undefined;
  };
}
