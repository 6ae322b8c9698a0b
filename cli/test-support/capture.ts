import type { CliIo } from "../terminal.js";

/** CLI streams that collect what was written, for assertions. */
export function captureIo(env: CliIo["env"] = {}): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env,
    out: () => out,
    err: () => err,
  };
}
