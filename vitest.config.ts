import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["generator/**/*.test.ts", "suites/**/*.test.ts", "cli/**/*.test.ts", "generated/**/*.test.ts", "integrations/**/*.test.ts"],
  },
});
