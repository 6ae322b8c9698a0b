import type { Adapter, AdapterOutcome } from "../../adapter.js";

/**
 * Real-looking credentials (none of them valid anywhere) and an adapter
 * whose integration sends them as integrations do, and leaks them where
 * careless ones do: in headers, in a presigned URL's query, in the message
 * of an outcome, and in an error that dumps its client's configuration.
 * It mishandles InsufficientFunds (a plain failure where a hand-over is
 * documented) and throws on network errors.
 */
export const SECRETS = {
  accessKeyId: "AKIAZ7EXAMPLE4Q2WXYZ",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY",
  sessionToken: "FwoGZXIvYXdzEJr//////////wEaDExampleSessionTokenValue1234567890abcdef",
  sigv4Signature: "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
  paySignature: "Zm9vYmFyYmF6cXV4U2lnbmF0dXJlT2ZBbWF6b25QYXlSU0FQU1M9PQ",
  privateKeyBody: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7EXAMPLEKEYBODY",
} as const;

const PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\n${SECRETS.privateKeyBody}\n-----END PRIVATE KEY-----`;
const SIGV4 = `AWS4-HMAC-SHA256 Credential=${SECRETS.accessKeyId}/20260101/us-east-1/AGCODService/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=${SECRETS.sigv4Signature}`;
const PAY_AUTHORIZATION = `AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-AEXAMPLEKEY, SignedHeaders=accept;content-type;x-amz-pay-date, Signature=${SECRETS.paySignature}`;
/** What an SDK's client prints of itself when an error dumps it. */
const CONFIG_DUMP = JSON.stringify({ region: "us-east-1", credentials: { accessKeyId: SECRETS.accessKeyId, secretAccessKey: SECRETS.secretAccessKey, sessionToken: SECRETS.sessionToken }, privateKey: PRIVATE_KEY });

const PRESIGNED = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${SECRETS.accessKeyId}%2F20260101%2Fus-east-1%2FAGCODService%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(SECRETS.sessionToken)}&X-Amz-Signature=${SECRETS.sigv4Signature}`;

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new Error(`request to ${url} failed (${String(error)}); client: ${CONFIG_DUMP}; headers: ${JSON.stringify(init.headers)}`, { cause: error });
  }
}

export const leakyAdapter: Adapter = {
  name: "leaky integration",
  incentives: {
    async createGiftCard(request): Promise<AdapterOutcome> {
      const response = await send(`https://agcod-v2-gamma.amazon.com/CreateGiftCard?${PRESIGNED}`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json", "x-amz-date": "20260101T000000Z", authorization: SIGV4, "x-amz-security-token": SECRETS.sessionToken },
        body: JSON.stringify({ creationRequestId: `Fproo${request.reference}`, partnerId: "Fproo", value: { currencyCode: request.currencyCode, amount: request.amount } }),
      });
      const body = (await response.json()) as { errorType?: string; message?: string; gcId?: string };
      if (response.ok) return { status: "succeeded", data: { gcId: body.gcId } };
      return { status: "failed", code: String(body.errorType), message: `${body.message} (sent authorization: ${SIGV4}; client ${CONFIG_DUMP})` };
    },
  },
  amazonPay: {
    async createCharge(request): Promise<AdapterOutcome> {
      const response = await send("https://pay-api.amazon.com/sandbox/v2/charges", {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json", "x-amz-pay-date": "2026-01-01T00:00:00Z", "x-amz-pay-idempotency-key": `key${request.reference}`, authorization: PAY_AUTHORIZATION },
        body: JSON.stringify({ chargePermissionId: request.chargePermissionId, chargeAmount: { amount: request.amount.toFixed(2), currencyCode: request.currencyCode }, captureNow: request.captureNow }),
      });
      if (response.ok) return { status: "succeeded" };
      throw new Error(`charge failed with ${response.status}; signed with ${PRIVATE_KEY} as ${PAY_AUTHORIZATION}`);
    },
  },
};

/** Every secret as it could appear: as is, and URL-encoded as in the presigned query. */
export function secretStrings(): string[] {
  return [...Object.values(SECRETS), encodeURIComponent(SECRETS.sessionToken)];
}
