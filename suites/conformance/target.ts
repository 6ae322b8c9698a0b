import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Adapter } from "../adapter.js";
import type { SigningCredentials } from "../sandbox/credentials.js";
import { missingCredentials, missingCredentialsHint } from "./signing.js";

/**
 * What a certification runs against: the adapter, the number of runs per
 * property, the seed, and which cases to run. Read from the environment that
 * `faultproof certify` (or a team's own vitest setup) provides.
 */
export interface Target {
  readonly adapter: Adapter;
  readonly adapterName: string;
  readonly runs: number;
  readonly seed: number;
  /** Only these `<failure>@<operation>` keys, when set (replay). */
  readonly only?: ReadonlySet<string>;
  /** fast-check path of the run to replay, with --only. */
  readonly path?: string;
  /** This process runs only the cases of one shard. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** This worker certifies one part of the shard's cases, split by estimated cost (certify's workers). */
  readonly part?: { readonly index: number; readonly count: number };
  /** Real time one adapter call may take before it is cut off (default DEFAULT_CALL_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  /** The config the adapter came from (absolute); none when the bundled reference is certified. For the replay command. */
  readonly configPath?: string;
  /** The folder certify ran in, where a replay command is pasted (this process's folder in a team's own vitest run). */
  readonly cwd?: string;
  /** The test keys the integration signs with, which the sandbox trusts. */
  readonly credentials?: SigningCredentials;
  /** Whether the sandbox checks signatures (faultproof.config.ts's verifySignatures); true unless false. */
  readonly verifySignatures?: boolean;
}

export const ENV = {
  config: "FAULTPROOF_CONFIG",
  adapter: "FAULTPROOF_ADAPTER",
  shard: "FAULTPROOF_SHARD",
  runs: "FAULTPROOF_RUNS",
  seed: "FAULTPROOF_SEED",
  only: "FAULTPROOF_ONLY",
  path: "FAULTPROOF_PATH",
  callTimeout: "FAULTPROOF_CALL_TIMEOUT_MS",
  cwd: "FAULTPROOF_CWD",
  /** Which part of the work this worker certifies (certify splits it by estimated cost), as p/n. */
  part: "FAULTPROOF_PART",
} as const;

/**
 * Random schedules per case after the classes. The classes carry the power
 * (every kind of defect the test family holds is caught by them alone; bench
 * figure f); the random runs sample what lies between them.
 */
export const DEFAULT_RUNS = 5;

/**
 * A model-based flow has no enumerated classes: its random command sequences
 * are its whole coverage, so it never runs fewer than this many.
 */
export const FLOW_MIN_RUNS = 10;
export const DEFAULT_SEED = 20261123;

/** Imports a module by its file URL: the config and the adapter's module, which may be TypeScript. */
export type ModuleImporter = (href: string) => Promise<unknown>;

let importModule: ModuleImporter = (href) => import(href);

/**
 * Says how the config and the adapter are imported. certify's workers load
 * faultproof itself from its built files, as Node loads them, and pass vitest's
 * own import here, so that a team's TypeScript config and adapter still go
 * through vitest's transformer.
 */
export function useModuleImporter(importer: ModuleImporter): void {
  importModule = importer;
}

/**
 * Loads the adapter: from the faultproof.config.ts named by FAULTPROOF_CONFIG
 * (its `adapter`, inline or a module path relative to the config), else the
 * module named by FAULTPROOF_ADAPTER, else the bundled reference integration.
 */
export async function loadTarget(processEnv: Readonly<Record<string, string | undefined>> = process.env): Promise<Target> {
  // certify passes every variable, empty when unset, so that one left in the shell (say a
  // FAULTPROOF_CONFIG exported for a team's own vitest run) cannot change what it certifies.
  const env = (name: string) => processEnv[name] || undefined;
  const configPath = env(ENV.config);
  const { adapter, credentials, verifySignatures } = await loadAdapter({ configPath, modulePath: env(ENV.adapter) });
  // Without the keys, every request would be refused as signed by an unknown key: one clear error, not hundreds of cases.
  const missing = missingCredentials({ adapter, signing: { ...(credentials ? { credentials } : {}), verifySignatures } });
  if (missing.length > 0) {
    throw new Error(`${configPath ?? modulePath(env(ENV.adapter))}: ${missing.join(" and ")} missing: signatures are verified, so the sandbox needs the test keys ${adapter.name} signs with; set ${missingCredentialsHint(missing)}`);
  }
  const runs = Number(env(ENV.runs) ?? DEFAULT_RUNS);
  const seed = Number(env(ENV.seed) ?? DEFAULT_SEED);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`${ENV.runs} must be a positive whole number, got ${env(ENV.runs)}`);
  if (!Number.isInteger(seed)) throw new Error(`${ENV.seed} must be a whole number, got ${env(ENV.seed)}`);
  const onlyList = env(ENV.only);
  const only = onlyList ? new Set(onlyList.split(",").map((key) => key.trim()).filter(Boolean)) : undefined;
  const path = env(ENV.path);
  const shard = parseShard(env(ENV.shard));
  const part = parseShard(env(ENV.part));
  const callTimeoutMs = env(ENV.callTimeout) === undefined ? undefined : Number(env(ENV.callTimeout));
  if (callTimeoutMs !== undefined && !(Number.isInteger(callTimeoutMs) && callTimeoutMs > 0)) throw new Error(`${ENV.callTimeout} must be a positive whole number of milliseconds, got ${env(ENV.callTimeout)}`);
  const cwd = env(ENV.cwd) ?? process.cwd();
  return { adapter, adapterName: adapter.name, runs, seed, ...(only ? { only } : {}), ...(path ? { path } : {}), ...(shard ? { shard } : {}), ...(part ? { part } : {}), ...(callTimeoutMs ? { callTimeoutMs } : {}), ...(configPath ? { configPath } : {}), cwd, ...(credentials ? { credentials } : {}), verifySignatures };
}

/** How an adapter module without a config is named in an error. */
function modulePath(path: string | undefined): string {
  return path ?? "the bundled reference integration";
}

/** What the worker certifies: the adapter, and how the sandbox checks its signatures. */
interface Loaded {
  readonly adapter: Adapter;
  readonly credentials?: SigningCredentials;
  readonly verifySignatures: boolean;
}

/**
 * The adapter with its signing settings: a config's `credentials` and
 * `verifySignatures`; without a config, the `credentials` the adapter's module
 * exports (the bundled reference exports its test keys).
 */
async function loadAdapter(options: { configPath: string | undefined; modulePath: string | undefined }): Promise<Loaded> {
  const { configPath, modulePath } = options;
  if (configPath) {
    const module = (await importModule(pathToFileURL(configPath).href)) as { default?: { adapter?: unknown; credentials?: SigningCredentials; verifySignatures?: boolean } };
    const config = module.default;
    const signing = { ...(config?.credentials ? { credentials: config.credentials } : {}), verifySignatures: config?.verifySignatures !== false };
    const declared = config?.adapter;
    if (typeof declared === "string") {
      const target = adapterModulePath(configPath, declared);
      return { adapter: pickAdapter((await importModule(pathToFileURL(target).href)) as Record<string, unknown>, target), ...signing };
    }
    if (isAdapter(declared)) return { adapter: declared, ...signing };
    throw new Error(`${configPath}: export default defineConfig({ adapter }) with an adapter or a path to its module`);
  }
  // The bundled reference is found by path at run time, so suites/ does not depend on integrations/ to compile.
  const reference = new URL("../../integrations/reference/index.js", import.meta.url).href;
  const module = (await importModule(modulePath ? pathToFileURL(resolve(modulePath)).href : reference)) as Record<string, unknown>;
  const credentials = module.credentials as SigningCredentials | undefined;
  return { adapter: pickAdapter(module, modulePath ?? "the bundled reference integration"), ...(credentials ? { credentials } : {}), verifySignatures: true };
}

/** `2/3` → the second of three shards. */
export function parseShard(text: string | undefined): { index: number; count: number } | undefined {
  if (!text) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new Error(`a shard is i/n with 1 <= i <= n, got ${text}`);
  return { index, count };
}

/** Where a config's `adapter: "./path"` points: a path relative to the config's folder. */
export function adapterModulePath(configPath: string, declared: string): string {
  return resolve(dirname(configPath), declared);
}

/**
 * The adapter a module exports, looked for in this order: `adapter`,
 * `referenceAdapter`, the default export's `adapter`, the default export.
 * certify checks a team's module with this before it starts the workers.
 */
export function adapterOf(module: Readonly<Record<string, unknown>>): Adapter | undefined {
  const candidate = module.adapter ?? module.referenceAdapter ?? (module.default as Record<string, unknown> | undefined)?.adapter ?? module.default;
  return isAdapter(candidate) ? candidate : undefined;
}

function pickAdapter(module: Record<string, unknown>, from: string): Adapter {
  const adapter = adapterOf(module);
  if (adapter) return adapter;
  throw new Error(`${from} exports no adapter: export const adapter: Adapter = { name, incentives?, amazonPay? }`);
}

export function isAdapter(value: unknown): value is Adapter {
  return value !== null && typeof value === "object" && typeof (value as { name?: unknown }).name === "string";
}
