import { defineConfig } from "./suites/adapter.js";

// What `npx faultproof certify` certifies in this repository: the bundled reference integrations
// of both APIs. In your own project, `npx faultproof init` writes this file, importing defineConfig
// from "faultproof" and naming your adapter.
export default defineConfig({
  adapter: "./integrations/reference/index.ts",
});
