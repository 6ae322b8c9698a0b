import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CliIo } from "../terminal.js";
import { scaffold } from "./scaffold.js";

/** Writes the scaffold; never overwrites a file that exists (unless --force), and says what it did. */
export function initCommand(options: { io: CliIo; cwd: string; force: boolean }): number {
  const files = scaffold();
  const existing = [...files.keys()].filter((path) => existsSync(join(options.cwd, path)));
  if (existing.length > 0 && !options.force) {
    options.io.stderr.write(`faultproof init: ${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written (use --force to overwrite)\n`);
    return 2;
  }
  for (const [path, contents] of files) {
    const target = join(options.cwd, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    options.io.stdout.write(`wrote ${path}\n`);
  }
  options.io.stdout.write(
    "next: fill faultproof/adapter.ts with calls to your integration, then run `npx faultproof certify`.\n" +
      'To run the suites in your own vitest run too, add to your vitest config: test: { server: { deps: { inline: ["faultproof"] } } }\n',
  );
  return 0;
}
