/**
 * The one test file of a certify worker, run from the built files (dist/): it
 * loads both generated conformance suites as Node loads them, without
 * vitest's transformer, and gives them vitest's own import for the team's
 * config and adapter, which may be TypeScript. One file per worker: one
 * module graph per worker, and both APIs in it, for the split by cost.
 */
import { useModuleImporter } from "../../suites/conformance/target.js";
import "../../generated/conformance.js";

useModuleImporter((href) => import(/* @vite-ignore */ href));
