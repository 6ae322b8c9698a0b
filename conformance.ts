/**
 * faultproof/conformance: every conformance suite, for a team's own vitest
 * run (`faultproof init` writes the test file that imports it). With `spec:`
 * in the config FAULTPROOF_CONFIG names, the suites are those of the bundled
 * spec with the team's overlay on it, built in memory as `faultproof certify`
 * builds them; otherwise the generated ones.
 */
import { pathToFileURL } from "node:url";
import { overlayDirOf, loadOverlaySpec } from "./generator/spec/overlay-spec.js";
import { defineOverlaySuites } from "./suites/conformance/overlay-suites.js";
import { formatDiagnostic } from "./generator/spec/diagnostic.js";
import type { FaultproofConfig } from "./suites/adapter.js";

const configPath = process.env.FAULTPROOF_CONFIG;
// vitest's own import: the config is TypeScript, and it transforms it.
const config = configPath ? ((await import(/* @vite-ignore */ pathToFileURL(configPath).href)) as { default?: Partial<FaultproofConfig> }).default : undefined;

if (configPath && config?.spec) {
  const loaded = loadOverlaySpec({ dir: overlayDirOf({ configPath, spec: config.spec }), base: process.cwd() });
  if (!loaded.ok) throw new Error(`faultproof: the spec overlay that ${configPath} names does not load:\n${loaded.diagnostics.map(formatDiagnostic).join("\n")}`);
  defineOverlaySuites(loaded.overlay.catalogue);
} else {
  await import("./generated/conformance.js");
}
