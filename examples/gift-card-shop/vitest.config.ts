import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // faultproof ships its suites as TypeScript: let vitest transform them.
    server: { deps: { inline: ["faultproof"] } },
  },
});
