import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CliIo } from "../terminal.js";
import { API_CHOICES, REPORT_IGNORE, scaffold, type ApiChoice } from "./scaffold.js";

/**
 * Writes the scaffold for the API(s) the team uses (--api, or asked on a terminal, else both);
 * never overwrites a file that exists (unless --force); adds faultproof-report/ to .gitignore once.
 */
export async function initCommand(options: { io: CliIo; cwd: string; force: boolean; api?: string }): Promise<number> {
  const { io } = options;
  let api: ApiChoice;
  if (options.api !== undefined) {
    if (!API_CHOICES.includes(options.api as ApiChoice)) {
      io.stderr.write(`faultproof init: --api is ${API_CHOICES.join(", ")}; got ${options.api}\n`);
      return 2;
    }
    api = options.api as ApiChoice;
  } else api = io.ask ? await askApi(io) : "both";

  const files = scaffold(api);
  const existing = [...files.keys()].filter((path) => existsSync(join(options.cwd, path)));
  if (existing.length > 0 && !options.force) {
    io.stderr.write(`faultproof init: ${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written (use --force to overwrite)\n`);
    return 2;
  }
  for (const [path, contents] of files) {
    const target = join(options.cwd, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    io.stdout.write(`wrote ${path}\n`);
  }
  const ignored = ignoreReports(options.cwd);
  if (ignored) io.stdout.write(`${ignored} .gitignore: ${REPORT_IGNORE}\n`);
  const apis = { incentives: "the Amazon Incentives API's operations", "amazon-pay": "Amazon Pay's operations", both: "the operations of both APIs" }[api];
  io.stdout.write(
    `next: fill faultproof/adapter.ts (${apis}) with calls to your integration, then run \`npx faultproof certify\`.\n` +
      'To run the suites in your own vitest run too, add to your vitest config: test: { server: { deps: { inline: ["faultproof"] } } }\n',
  );
  return 0;
}

async function askApi(io: CliIo): Promise<ApiChoice> {
  const answer = (await io.ask!("Which API does your integration use? 1) Amazon Incentives API  2) Amazon Pay  3) both [3]: ")).trim().toLowerCase();
  const byAnswer: Readonly<Record<string, ApiChoice>> = { "1": "incentives", incentives: "incentives", "2": "amazon-pay", "amazon-pay": "amazon-pay", "amazon pay": "amazon-pay", "3": "both", both: "both", "": "both" };
  const chosen = byAnswer[answer];
  if (chosen) return chosen;
  io.stdout.write(`not one of 1, 2 or 3: scaffolding both APIs (delete what you do not use, or run init --force --api …)\n`);
  return "both";
}

/** Adds the reports' folder to .gitignore: creates the file, or appends the line once. Says what it did, or nothing. */
function ignoreReports(cwd: string): "created" | "added to" | undefined {
  const path = join(cwd, ".gitignore");
  if (!existsSync(path)) {
    writeFileSync(path, `${REPORT_IGNORE}\n`);
    return "created";
  }
  const text = readFileSync(path, "utf8");
  const already = text.split(/\r?\n/).some((line) => /^\/?faultproof-report\/?(\*\*?)?\s*$/.test(line.trim()));
  if (already) return undefined;
  appendFileSync(path, `${text === "" || text.endsWith("\n") ? "" : "\n"}${REPORT_IGNORE}\n`);
  return "added to";
}
