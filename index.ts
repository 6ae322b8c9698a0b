// The programmatic API of faultproof: load the catalogue and read its model.
export { loadSpec, type LoadResult } from "./generator/spec/load-spec.js";
export { readSpecDir, type SpecDir } from "./generator/spec/read-spec-dir.js";
export { formatDiagnostic, type Diagnostic } from "./generator/spec/diagnostic.js";
export type * from "./generator/spec/catalogue.js";
export type { ApiId, HandlingId, Outcome } from "./generator/spec/spec-input.js";
export {
  defineConfig,
  type Adapter,
  type AdapterOutcome,
  type AmazonPayAdapter,
  type AmazonPayPublicKey,
  type FaultproofConfig,
  type IncentivesAdapter,
  type IncentivesCredential,
  type RetryPolicy,
  type SigningCredentials,
} from "./suites/adapter.js";
export type { CertificationReport, CertificationResult } from "./suites/report/report.js";
