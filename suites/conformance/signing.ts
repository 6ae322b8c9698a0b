import type { Adapter } from "../adapter.js";
import type { DeepPartial, SandboxConfig } from "../sandbox/config.js";
import type { SigningCredentials } from "../sandbox/credentials.js";

/** How a certification's sandbox checks signatures: what faultproof.config.ts says (or the module certified, without one). */
export interface SigningSettings {
  readonly credentials?: SigningCredentials;
  /** Default true. */
  readonly verifySignatures?: boolean;
}

/**
 * The config keys a certification lacks: while signatures are verified, each
 * API the adapter implements needs the test keys its integration signs with.
 * Without them every request would be refused as signed by an unknown key,
 * and hundreds of cases would fail for one missing setting.
 */
export function missingCredentials(options: { adapter: Adapter; signing: SigningSettings }): string[] {
  const { adapter, signing } = options;
  if (signing.verifySignatures === false) return [];
  const implements_ = (side: object | undefined) => side !== undefined && Object.values(side).some((value) => typeof value === "function");
  const missing: string[] = [];
  if (implements_(adapter.incentives) && (signing.credentials?.incentives?.length ?? 0) === 0) missing.push("credentials.incentives");
  if (implements_(adapter.amazonPay) && (signing.credentials?.amazonPay?.length ?? 0) === 0) missing.push("credentials.amazonPay");
  return missing;
}

/** What to set, in words: the keys missing, their form, and the switch. */
export function missingCredentialsHint(missing: readonly string[]): string {
  const forms: Readonly<Record<string, string>> = {
    "credentials.incentives": 'incentives: [{ accessKeyId: "…", secretAccessKey: "…" }]',
    "credentials.amazonPay": 'amazonPay: [{ publicKeyId: "…", publicKey: "-----BEGIN PUBLIC KEY-----…" }]',
  };
  return `credentials: { ${missing.map((key) => forms[key]).join(", ")} } with the test keys your integration signs with under certification (never real ones), or verifySignatures: false to accept any signature`;
}

/** The sandbox settings for a certification: signatures checked (unless switched off) against the configured keys. */
export function signingConfig(signing: SigningSettings): DeepPartial<SandboxConfig> {
  return {
    verifySignatures: signing.verifySignatures !== false,
    credentials: { incentives: signing.credentials?.incentives ?? [], amazonPay: signing.credentials?.amazonPay ?? [] },
  };
}
