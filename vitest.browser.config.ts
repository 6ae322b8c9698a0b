import { defineConfig } from "vitest/config";

/** The tests that need a real browser (Debian's Chromium): `npm run test:browser`, run by CI. */
export default defineConfig({
  test: {
    include: ["**/*.browser.test.ts"],
    exclude: ["**/node_modules/**"],
  },
});
