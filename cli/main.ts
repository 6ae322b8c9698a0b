import { runCli } from "./run-cli.js";

/** The `faultproof` executable: run the CLI against this process's streams and set the exit code. */
export async function main(): Promise<void> {
  try {
    process.exitCode = await runCli({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, env: process.env });
  } catch (error) {
    // Anything that reaches here is a faultproof bug, not bad input: say so in one line.
    process.stderr.write(`faultproof: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  }
}
