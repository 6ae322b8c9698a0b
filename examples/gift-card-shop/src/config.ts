import type { GiftCardDeskOptions } from "./gift-cards.js";

/**
 * TEST-ONLY access key of the sandbox: what the desk signs with when the
 * environment names no keys, and what faultproof.config.ts and the unit tests
 * tell faultproof's sandbox to trust. It opens no account anywhere; production
 * sets AGCOD_ACCESS_KEY_ID and AGCOD_SECRET_ACCESS_KEY.
 */
export const SANDBOX_TEST_CREDENTIALS = {
  accessKeyId: "FPTESTONLYSHOPKEY001",
  secretAccessKey: "gift-card-shop-test-only-secret-not-a-real-key",
} as const;

/** The desk's settings from the environment; without them, the NA sandbox host with the test-only keys. */
export function deskOptions(env: NodeJS.ProcessEnv = process.env): GiftCardDeskOptions {
  return {
    partnerId: env.AGCOD_PARTNER_ID ?? "Fshop",
    host: env.AGCOD_HOST ?? "agcod-v2-gamma.amazon.com",
    region: env.AGCOD_REGION ?? "us-east-1",
    credentials: { accessKeyId: env.AGCOD_ACCESS_KEY_ID ?? SANDBOX_TEST_CREDENTIALS.accessKeyId, secretAccessKey: env.AGCOD_SECRET_ACCESS_KEY ?? SANDBOX_TEST_CREDENTIALS.secretAccessKey },
    maxAttempts: 4,
  };
}
