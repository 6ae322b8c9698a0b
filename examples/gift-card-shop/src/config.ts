import type { GiftCardDeskOptions } from "./gift-cards.js";

/** The desk's settings from the environment; without them, the NA sandbox host with placeholder keys. */
export function deskOptions(env: NodeJS.ProcessEnv = process.env): GiftCardDeskOptions {
  return {
    partnerId: env.AGCOD_PARTNER_ID ?? "Fshop",
    host: env.AGCOD_HOST ?? "agcod-v2-gamma.amazon.com",
    region: env.AGCOD_REGION ?? "us-east-1",
    credentials: { accessKeyId: env.AGCOD_ACCESS_KEY_ID ?? "AKIAEXAMPLESHOP", secretAccessKey: env.AGCOD_SECRET_ACCESS_KEY ?? "example-secret" },
    maxAttempts: 4,
  };
}
