import { referenceTestCredentials } from "./integrations/reference/test-credentials.js";
import { defineConfig } from "./suites/adapter.js";

// What `npx faultproof certify` certifies in this repository: the bundled reference integrations
// of both APIs. In your own project, `npx faultproof init` writes this file, importing defineConfig
// from "faultproof" and naming your adapter.
export default defineConfig({
  adapter: "./integrations/reference/index.ts",
  // The reference's TEST-ONLY keys (an access key, and a key pair made in process): the sandbox
  // checks every request's signature against them, as Amazon checks yours against your keys.
  credentials: referenceTestCredentials,
});
