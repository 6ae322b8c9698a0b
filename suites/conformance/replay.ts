import { isAbsolute, relative } from "node:path";

/**
 * The shell command that replays one mishandled case: the same case, seed
 * and fast-check path, against the same adapter. The adapter is always named
 * (`--config`, or `--reference` when the bundled reference was certified):
 * certify run without either refuses to guess, and run in another folder it
 * would find another config.
 */
export function replayCommand(options: {
  key: string;
  /** The seed the certification ran with (each case derives its own from it). */
  seed: number;
  /**
   * fast-check's path to the failing run; empty for a failure the deterministic
   * checks found before any random run. Printed even when empty: `--replay-path`
   * is what makes certify write a replay's reports apart, and an empty one
   * replays the deterministic checks.
   */
  path: string;
  /** The config certify read, as the workers got it (absolute). */
  configPath?: string | undefined;
  /** The folder certify ran in: the command is written to be pasted there. */
  cwd?: string | undefined;
}): string {
  const target = options.configPath ? ["--config", shownPath(options.configPath, options.cwd)] : ["--reference"];
  const words = ["npx", "faultproof", "certify", ...target, "--only", options.key, "--seed", String(options.seed), "--replay-path", options.path];
  return words.map(shellQuote).join(" ");
}

function shownPath(path: string, cwd: string | undefined): string {
  if (!cwd || !isAbsolute(path)) return path;
  // relative() gives an absolute path back when there is no relative one (another drive on Windows).
  return relative(cwd, path) || path;
}

/** A word as a POSIX shell reads it: as it is when nothing in it is special, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
