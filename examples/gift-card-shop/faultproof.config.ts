import { defineConfig } from "faultproof";

// faultproof certify reads this file. Options given on the command line win.
export default defineConfig({
  adapter: "./faultproof/adapter.ts",
  runs: 10,
});
