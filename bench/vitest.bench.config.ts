import { defineConfig } from "vitest/config";

/**
 * The benchmark, kept out of `npm test`: the root config only includes `*.test.ts`, and this one
 * only `bench/**\/*.run.ts`. One file, one worker, no parallelism: every figure is measured side by
 * side in one process.
 */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["bench/**/*.run.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
