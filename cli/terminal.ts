import { createColors } from "picocolors";

/** Where the CLI writes; a test passes string sinks, the executable passes the process's streams. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** A real stream's columns, when it is a terminal. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Asks a person a question and gives the answer; only on a terminal (absent: nobody to ask). */
  readonly ask?: (question: string) => Promise<string>;
}

/**
 * Whether to colour what goes to `stream`: never when NO_COLOR is set (https://no-color.org)
 * or FORCE_COLOR is 0 or false; always when FORCE_COLOR is otherwise set (a CI log that shows
 * colours); else only on a terminal that is not dumb.
 */
export function colorEnabled(options: { stream: Output; env: CliIo["env"] }): boolean {
  const { env } = options;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.trim().toLowerCase());
  return Boolean(options.stream.isTTY) && env.TERM !== "dumb";
}

export function colorsFor(options: { stream: Output; env: CliIo["env"] }): ReturnType<typeof createColors> {
  return createColors(colorEnabled(options));
}

/** The exit status of a process killed by SIGPIPE: what `cmd | head -1` expects of cmd, without its noise. */
export const CLOSED_PIPE_EXIT = 141;

interface ErrorEmitter {
  on(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * When the reader of `stream` goes away (`faultproof certify | head -1`), stop quietly: no
 * EPIPE stack trace. `onClosed` runs once; other stream errors are left to Node.
 */
export function onClosedPipe(stream: Output, onClosed: () => void): void {
  const emitter = stream as Partial<ErrorEmitter>;
  if (typeof emitter.on !== "function") return;
  let closed = false;
  emitter.on("error", (error) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    if (closed) return;
    closed = true;
    onClosed();
  });
}
