/**
 * The certify worker's test file when the config names a spec overlay: as
 * certify-worker.ts, but the suites are built in memory from bundled spec +
 * overlay instead of imported from generated/. certify loaded the overlay
 * before starting the workers, so a problem here is one it already reported.
 */
import { formatDiagnostic } from "../../generator/spec/diagnostic.js";
import { useModuleImporter } from "../../suites/conformance/target.js";
import { loadOverlaySpec, OVERLAY_ENV } from "../../generator/spec/overlay-spec.js";
import { defineOverlaySuites } from "../../suites/conformance/overlay-suites.js";

useModuleImporter((href) => import(/* @vite-ignore */ href));

const dir = process.env[OVERLAY_ENV.dir];
if (!dir) throw new Error(`faultproof: ${OVERLAY_ENV.dir} names no overlay folder`);
const loaded = loadOverlaySpec({ dir, base: process.env[OVERLAY_ENV.base] || process.cwd() });
if (!loaded.ok) throw new Error(`faultproof: the spec overlay does not load:\n${loaded.diagnostics.map(formatDiagnostic).join("\n")}`);
defineOverlaySuites(loaded.overlay.catalogue);
