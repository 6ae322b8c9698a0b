import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createVitest, type Vitest } from "vitest/node";
import type { Diagnostic } from "../../generator/spec/diagnostic.js";
import type { Adapter, FaultproofConfig } from "../../suites/adapter.js";
import { adapterModulePath, adapterOf } from "../../suites/conformance/target.js";
import { adapterModuleProblem, configProblem, type LoadedModule } from "./check-config.js";
import { credentialsProblem } from "./check-credentials.js";
import { loadProblem, missingModule, type LoadContext } from "./load-problem.js";
import { escapeRegExp, findInFile, shownPath } from "./source-position.js";

export const CONFIG_FILES = ["faultproof.config.ts", "faultproof.config.mts", "faultproof.config.js", "faultproof.config.mjs"];

/** The config file named on the command line, or the first of CONFIG_FILES in the working directory. */
export function findConfig(options: { cwd: string; explicit?: string }): string | undefined {
  if (options.explicit) return resolve(options.cwd, options.explicit);
  return CONFIG_FILES.map((name) => resolve(options.cwd, name)).find((path) => existsSync(path));
}

/**
 * Why certify stops when it finds no config. It used to certify the bundled
 * reference instead, and exit 0: a team's CI that lost its config went green.
 */
export function noConfigMessage(cwd: string): string {
  const names = `${CONFIG_FILES.slice(0, -1).join(", ")} or ${CONFIG_FILES.at(-1)}`;
  return (
    `no config: looked for ${names} in ${cwd}, and found none, so there is no adapter to certify and nothing was certified. ` +
    "`npx faultproof init` creates one (faultproof.config.ts, naming an adapter skeleton in faultproof/adapter.ts); " +
    "--config FILE names one elsewhere; --reference certifies the bundled reference integration on purpose."
  );
}

export type LoadedConfig = { ok: true; config: FaultproofConfig; adapterName: string; adapter: Adapter } | { ok: false; problem: Diagnostic };

/**
 * Loads the config and the adapter it names, as the workers will, and checks
 * that the adapter is there, before any worker starts: a config or adapter
 * that fails to load is a located problem, not a run that tests nothing.
 * Imports TypeScript and JavaScript through vitest's module runner, so a .ts
 * config needs no build step.
 */
export async function loadConfig(options: { path: string; cwd: string }): Promise<LoadedConfig> {
  const { path, cwd } = options;
  const file = shownPath(path, cwd);
  if (!existsSync(path)) return { ok: false, problem: { file, line: 0, column: 0, field: "", message: "no such config file" } };
  const vitest = await createVitest("test", { config: false, root: cwd, watch: false, reporters: [] }, { logLevel: "silent" });
  // A throw deep inside a dependency must still show the team's own line that led to it.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  try {
    const config = await importModule(vitest, { module: path, loading: "the config", within: `the config ${file}`, root: cwd, cwd });
    if (!config.ok) return config;
    const invalid = configProblem(config.module);
    if (invalid) return { ok: false, problem: invalid };
    const loaded = config.module.exports.default as FaultproofConfig;
    if (typeof loaded.adapter !== "string") return signed({ module: config.module, config: loaded, adapter: loaded.adapter });

    const modulePath = adapterModulePath(path, loaded.adapter);
    const adapterFile = shownPath(modulePath, cwd);
    const adapter = await importModule(vitest, { module: modulePath, loading: "the adapter", within: `the adapter ${adapterFile}, named by ${file}`, root: cwd, cwd });
    if (!adapter.ok) {
      if (!adapter.missing) return adapter;
      // The module itself is missing: the place to edit is the path in the config.
      const at = findInFile(path, new RegExp(`(["'\`])${escapeRegExp(loaded.adapter)}\\1`));
      return { ok: false, problem: { file, ...at, field: "adapter", message: `no such module "${loaded.adapter}"`, hint: "a path to the adapter module, relative to the config's folder" } };
    }
    const exportsNone = adapterModuleProblem(adapter.module);
    if (exportsNone) return { ok: false, problem: exportsNone };
    return signed({ module: config.module, config: loaded, adapter: adapterOf(adapter.module.exports)! });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    await vitest.close();
  }
}

/** The config, once its signing settings are checked against the adapter: test keys for each API it uses, unless checking is off. */
function signed(options: { module: LoadedModule; config: FaultproofConfig; adapter: Adapter }): LoadedConfig {
  const problem = credentialsProblem({ module: options.module, adapter: options.adapter });
  return problem ? { ok: false, problem } : { ok: true, config: options.config, adapterName: options.adapter.name, adapter: options.adapter };
}

type Imported = { ok: true; module: LoadedModule } | { ok: false; problem: Diagnostic; missing: boolean };

async function importModule(vitest: Vitest, context: LoadContext): Promise<Imported> {
  try {
    const exports = await vitest.import<Record<string, unknown>>(context.module);
    return { ok: true, module: { exports, path: context.module, file: shownPath(context.module, context.cwd) } };
  } catch (error) {
    const missing = missingModule(error, context.root);
    return { ok: false, problem: loadProblem(error, context), missing: missing !== undefined && missing.importer === undefined };
  }
}
