/**
 * TEST-ONLY keys of the reference integration: what its clients sign with,
 * and what the sandbox is told to trust (this repository's
 * faultproof.config.ts, `certify --reference`, the family of integrations).
 * They open no account anywhere.
 *
 * The Amazon Pay key pair is made in process, once per process: committing a
 * private key would ship one in the package. 1024 bits, not the 2048 of a key
 * Amazon issues: it signs only requests to the sandbox, five times faster.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { SigningCredentials } from "../../suites/sandbox/credentials.js";

/** The reference's Incentives API access key: a test key, named so. */
export const REFERENCE_TEST_ACCESS_KEY = {
  accessKeyId: "FPTESTONLYREFERENCE1",
  secretAccessKey: "faultproof-test-only-reference-secret-not-a-real-key",
} as const;

const pair = generateKeyPairSync("rsa", { modulusLength: 1024 });

/** The reference's Amazon Pay key: a SANDBOX- public key id (the SDK then calls `/v2/…`), its private key and its public key. */
export const REFERENCE_TEST_PAY_KEY: { readonly publicKeyId: string; readonly privateKey: KeyObject; readonly publicKey: string } = {
  publicKeyId: "SANDBOX-FAULTPROOF-TEST-ONLY-REFERENCE",
  privateKey: pair.privateKey,
  publicKey: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
};

/** What the sandbox must trust to accept the reference's signatures: for a config's `credentials`. */
export const referenceTestCredentials: SigningCredentials = {
  incentives: [REFERENCE_TEST_ACCESS_KEY],
  amazonPay: [{ publicKeyId: REFERENCE_TEST_PAY_KEY.publicKeyId, publicKey: REFERENCE_TEST_PAY_KEY.publicKey }],
};
