import { execFileSync } from "node:child_process";

/** The words a POSIX shell makes of a command line: what the command, pasted in a terminal, receives as its arguments. */
export function shellWords(command: string): string[] {
  const script = `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${command}`;
  return JSON.parse(execFileSync("sh", ["-c", script], { encoding: "utf8" })) as string[];
}
