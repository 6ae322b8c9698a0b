import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createVitest } from "vitest/node";
import type { FaultproofConfig } from "../../suites/adapter.js";

export const CONFIG_FILES = ["faultproof.config.ts", "faultproof.config.mts", "faultproof.config.js", "faultproof.config.mjs"];

/** The config file named on the command line, or the first of CONFIG_FILES in the working directory. */
export function findConfig(options: { cwd: string; explicit?: string }): string | undefined {
  if (options.explicit) return resolve(options.cwd, options.explicit);
  return CONFIG_FILES.map((name) => resolve(options.cwd, name)).find((path) => existsSync(path));
}

export type LoadedConfig = { ok: true; config: FaultproofConfig } | { ok: false; message: string };

/** Imports a TypeScript or JavaScript config through vitest's module runner, so a .ts config needs no build step. */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  if (!existsSync(path)) return { ok: false, message: `${path}: no such config file` };
  const vitest = await createVitest("test", { config: false, watch: false, reporters: [] }, { logLevel: "silent" });
  try {
    const module = await vitest.import<{ default?: unknown }>(path);
    const config = module.default;
    if (config === null || typeof config !== "object" || !("adapter" in config)) {
      return { ok: false, message: `${path}: export default defineConfig({ adapter: … }) — no default export with an adapter` };
    }
    const problem = checkConfig(config as FaultproofConfig);
    return problem ? { ok: false, message: `${path}: ${problem}` } : { ok: true, config: config as FaultproofConfig };
  } catch (error) {
    return { ok: false, message: `${path}: cannot load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  } finally {
    await vitest.close();
  }
}

function checkConfig(config: FaultproofConfig): string | undefined {
  const adapter = config.adapter as unknown;
  if (typeof adapter !== "string" && (adapter === null || typeof adapter !== "object" || typeof (adapter as { name?: unknown }).name !== "string")) {
    return "adapter must be an adapter object with a name, or a path to a module exporting one";
  }
  if (config.runs !== undefined && (!Number.isInteger(config.runs) || config.runs < 1)) return `runs must be a positive whole number, got ${String(config.runs)}`;
  if (config.seed !== undefined && !Number.isInteger(config.seed)) return `seed must be a whole number, got ${String(config.seed)}`;
  if (config.minScore !== undefined && !(config.minScore >= 0 && config.minScore <= 1)) return `minScore must be between 0 and 1, got ${String(config.minScore)}`;
  if (config.callTimeoutMs !== undefined && !(Number.isInteger(config.callTimeoutMs) && config.callTimeoutMs > 0)) return `callTimeoutMs must be a positive whole number of milliseconds, got ${String(config.callTimeoutMs)}`;
  return undefined;
}
