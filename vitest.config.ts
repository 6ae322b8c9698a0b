import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["generator/**/*.test.ts", "suites/**/*.test.ts", "cli/**/*.test.ts", "generated/**/*.test.ts", "integrations/**/*.test.ts"],
    // The HTML report's real-browser test needs Chromium, which a fresh machine does not have:
    // `npm run test:browser` runs it (CI does), and the run says so at its end.
    exclude: ["**/node_modules/**", "**/*.browser.test.ts"],
    globalSetup: ["./vitest.left-out.ts"],
    // vitest leaves one core free by default: on a 2-core CI machine that is a single worker, and the
    // certify-as-a-process tests would run one after the other.
    maxWorkers: availableParallelism(),
  },
});
