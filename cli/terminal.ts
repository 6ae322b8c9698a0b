import { createColors } from "picocolors";

/** Where the CLI writes; a test passes string sinks, the executable passes the process's streams. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorsFor(options: { stream: Output; env: CliIo["env"] }): ReturnType<typeof createColors> {
  const noColor = options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== "";
  return createColors(Boolean(options.stream.isTTY) && !noColor && options.env.TERM !== "dumb");
}
