import { createPublicKey } from "node:crypto";
import type { Diagnostic } from "../../generator/spec/diagnostic.js";
import type { Adapter } from "../../suites/adapter.js";
import { missingCredentials, missingCredentialsHint } from "../../suites/conformance/signing.js";
import type { LoadedModule } from "./check-config.js";
import { escapeRegExp, findInFile } from "./source-position.js";

const FORM = 'credentials: { incentives: [{ accessKeyId, secretAccessKey }], amazonPay: [{ publicKeyId, publicKey }] }';

/**
 * What is wrong with a config's signing settings: `verifySignatures` not a
 * boolean, `credentials` not of the documented form (a public key that is no
 * PEM), or, while signatures are verified, no test keys for an API the
 * adapter implements. Said before any worker starts, at the key to set:
 * otherwise every request would be refused and hundreds of cases fail for
 * one missing setting.
 */
export function credentialsProblem(options: { module: LoadedModule; adapter: Adapter }): Diagnostic | undefined {
  const { module } = options;
  const config = module.exports.default as Record<string, unknown>;
  const at = (key: string) => findInFile(module.path, new RegExp(`(?<![\\w$.])(["']?)${escapeRegExp(key)}\\1\\s*:`), /\bexport\s+default\b/);
  const problem = (key: string, field: string, message: string, hint?: string): Diagnostic => ({ file: module.file, ...at(key), field, message, ...(hint ? { hint } : {}) });

  const { verifySignatures, credentials } = config;
  if (verifySignatures !== undefined && typeof verifySignatures !== "boolean") return problem("verifySignatures", "verifySignatures", `must be true or false, got ${JSON.stringify(verifySignatures)}`);
  if (credentials !== undefined) {
    const wrong = shapeProblem(credentials);
    if (wrong) return problem(wrong.key, wrong.field, wrong.message, FORM);
  }
  const missing = missingCredentials({ adapter: options.adapter, signing: { ...(credentials ? { credentials } : {}), ...(verifySignatures === false ? { verifySignatures } : {}) } });
  if (missing.length === 0) return undefined;
  const key = credentials === undefined ? "adapter" : "credentials";
  const apis = missing.map((name) => (name === "credentials.incentives" ? "the Incentives API" : "Amazon Pay")).join(" and ");
  return problem(key, missing.join(", "), `missing: signatures are verified (verifySignatures), and ${options.adapter.name} uses ${apis}, so the sandbox needs the test keys it signs with`, `set ${missingCredentialsHint(missing)}`);
}

function shapeProblem(credentials: unknown): { key: string; field: string; message: string } | undefined {
  if (!isObject(credentials)) return { key: "credentials", field: "credentials", message: `must be an object, got ${typeof credentials}` };
  const lists = { incentives: ["accessKeyId", "secretAccessKey"], amazonPay: ["publicKeyId", "publicKey"] } as const;
  for (const name of Object.keys(credentials)) {
    if (!(name in lists)) return { key: name, field: `credentials.${name}`, message: "unknown key: the APIs are incentives and amazonPay" };
  }
  for (const [name, fields] of Object.entries(lists)) {
    const list = credentials[name];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return { key: name, field: `credentials.${name}`, message: "must be a list of keys (several may sign)" };
    for (const [index, entry] of list.entries()) {
      const field = `credentials.${name}[${index}]`;
      if (!isObject(entry)) return { key: name, field, message: `must be an object with ${fields.join(" and ")}` };
      const empty = fields.find((key) => typeof entry[key] !== "string" || entry[key] === "");
      if (empty) return { key: empty, field: `${field}.${empty}`, message: "must be a non-empty string" };
      if (name === "amazonPay") {
        try {
          createPublicKey(entry.publicKey as string);
        } catch (error) {
          return { key: "publicKey", field: `${field}.publicKey`, message: `is no PEM public key: ${(error as Error).message}` };
        }
      }
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
