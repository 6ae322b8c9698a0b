import type { Diagnostic } from "../../generator/spec/diagnostic.js";
import type { FaultproofConfig } from "../../suites/adapter.js";
import { adapterOf, isAdapter } from "../../suites/conformance/target.js";
import { escapeRegExp, findInFile, WHOLE_FILE, type Position } from "./source-position.js";

/** A module certify loaded: its real path (to search its text) and the path a person reads. */
export interface LoadedModule {
  readonly exports: Readonly<Record<string, unknown>>;
  readonly path: string;
  readonly file: string;
}

export const CONFIG_KEYS = ["adapter", "runs", "seed", "minScore", "outDir", "baseline", "callTimeoutMs", "credentials", "verifySignatures", "spec"] as const satisfies readonly (keyof FaultproofConfig)[];

const DEFINE_CONFIG = "export default defineConfig({ adapter: … })";

/**
 * What is wrong with a config that loaded: no default export (or the config
 * under another name), an unknown key, a value out of range. At the export or
 * key to edit, found in the file's text: the module runner gives values, not
 * places.
 */
export function configProblem(module: LoadedModule): Diagnostic | undefined {
  const problem = problemIn(module);
  const config = module.exports.default;
  if (config === undefined) {
    const named = Object.keys(module.exports).find((name) => isObject(module.exports[name]) && "adapter" in (module.exports[name] as object));
    if (named) return problem(findInFile(module.path, ...exportPatterns(named)), "", `exports its config as ${named}; faultproof reads the default export`, DEFINE_CONFIG);
    return problem(WHOLE_FILE, "", "has no default export", DEFINE_CONFIG);
  }
  const atDefault = () => findInFile(module.path, /\bexport\s+default\b/);
  if (!isObject(config)) return problem(atDefault(), "", `the default export is ${typeof config}, not a config`, DEFINE_CONFIG);
  const atKey = (key: string) => findInFile(module.path, new RegExp(`(?<![\\w$.])(["']?)${escapeRegExp(key)}\\1\\s*:`), new RegExp(`(?<![\\w$.])${escapeRegExp(key)}\\b`));
  for (const key of Object.keys(config)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const near = closest(key, CONFIG_KEYS);
    return problem(atKey(key), key, `unknown key${near ? `; did you mean ${near}?` : ""}`, `allowed keys: ${CONFIG_KEYS.join(", ")}`);
  }
  const { adapter, runs, seed, minScore, callTimeoutMs, outDir, baseline, spec } = config as Partial<Record<(typeof CONFIG_KEYS)[number], unknown>>;
  if (adapter === undefined) return problem(atDefault(), "adapter", "missing: the config names the adapter to certify", 'adapter: "./faultproof/adapter.ts"');
  if (typeof adapter !== "string" && !isAdapter(adapter)) return problem(atKey("adapter"), "adapter", "must be an adapter object with a name, or a path to a module exporting one");
  if (runs !== undefined && !(Number.isInteger(runs) && (runs as number) >= 1)) return problem(atKey("runs"), "runs", `must be a positive whole number, got ${String(runs)}`);
  if (seed !== undefined && !Number.isInteger(seed)) return problem(atKey("seed"), "seed", `must be a whole number, got ${String(seed)}`);
  if (minScore !== undefined && !(typeof minScore === "number" && minScore >= 0 && minScore <= 1)) return problem(atKey("minScore"), "minScore", `must be between 0 and 1, got ${String(minScore)}`);
  if (callTimeoutMs !== undefined && !(Number.isInteger(callTimeoutMs) && (callTimeoutMs as number) > 0)) return problem(atKey("callTimeoutMs"), "callTimeoutMs", `must be a positive whole number of milliseconds, got ${String(callTimeoutMs)}`);
  for (const [key, value] of [["outDir", outDir], ["baseline", baseline], ["spec", spec]] as const) {
    if (value !== undefined && typeof value !== "string") return problem(atKey(key), key, `must be a path, got ${typeof value}`);
  }
  return undefined;
}

/**
 * What is wrong with an adapter module that loaded but exports no adapter
 * where faultproof looks (see adapterOf): most often the adapter under
 * another name, as with `export const adaptor`.
 */
export function adapterModuleProblem(module: LoadedModule): Diagnostic | undefined {
  if (adapterOf(module.exports)) return undefined;
  const problem = problemIn(module);
  const names = Object.keys(module.exports);
  if (module.exports.adapter !== undefined) {
    return problem(findInFile(module.path, ...exportPatterns("adapter")), "", "adapter is not an adapter: it needs at least a name", "export const adapter: Adapter = { name, incentives?, amazonPay? }");
  }
  const renamed = names.find((name) => name !== "default" && isAdapter(module.exports[name]));
  if (renamed) return problem(findInFile(module.path, ...exportPatterns(renamed)), "", `exports its adapter as ${renamed}; faultproof reads adapter`, "rename it: export const adapter: Adapter = { name, … }");
  return problem(WHOLE_FILE, "", `exports no adapter (its exports: ${names.length > 0 ? names.join(", ") : "none"})`, "export const adapter: Adapter = { name, incentives?, amazonPay? }");
}

function problemIn(module: LoadedModule) {
  return (position: Position, field: string, message: string, hint?: string): Diagnostic => ({ file: module.file, ...position, field, message, ...(hint ? { hint } : {}) });
}

/** `export const name`, `export function name`, …, or `export { x as name }`: at the name. */
function exportPatterns(name: string): RegExp[] {
  const id = escapeRegExp(name);
  return [
    new RegExp(`\\bexport\\s+(?:declare\\s+)?(?:const|let|var|class|(?:async\\s+)?function\\*?)\\s+(?<at>${id})(?![\\w$])`),
    new RegExp(`\\bexport\\s*(?:type\\s*)?\\{[^}]*?(?<![\\w$])(?<at>${id})(?![\\w$])`),
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

/** The candidate a typo most likely meant: at most two edits away (case aside). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}
