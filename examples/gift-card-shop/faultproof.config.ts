import { defineConfig } from "faultproof";
import { SANDBOX_TEST_CREDENTIALS } from "./src/config.js";

// faultproof certify reads this file. Options given on the command line win.
export default defineConfig({
  adapter: "./faultproof/adapter.ts",
  runs: 10,
  // The test-only key the desk signs with under certification: the sandbox checks every
  // request's SigV4 signature against it, as Amazon checks yours against your account's keys.
  credentials: { incentives: [SANDBOX_TEST_CREDENTIALS] },
});
