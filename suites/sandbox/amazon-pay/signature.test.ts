/**
 * The Amazon Pay sandbox checks AMZN-PAY-RSASSA-PSS(-V2) signatures as
 * reference B3 describes them, against the public keys configured. Requests
 * are signed by Amazon's own Node SDK (`getSignedHeaders`, what every SDK call
 * sends), with its clock set by the test. Refusals are seed 000's:
 * InvalidRequestSignature (403), UnauthorizedAccess (401), MissingHeaderValue
 * and InvalidHeaderValue (400).
 */
import { constants, createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../../../generated/sandbox.js";
import { createManualClock, DEFAULT_EPOCH_MS } from "../../clock/clock.js";
import type { DeepPartial, SandboxConfig } from "../config.js";
import { serveThrough, TRANSPORTS } from "../test-support/transports.js";

interface SdkConfig {
  readonly publicKeyId: string;
  readonly privateKey: KeyObject;
  readonly region: "us" | "eu" | "jp";
  readonly sandbox?: boolean;
  readonly algorithm?: "AMZN-PAY-RSASSA-PSS" | "AMZN-PAY-RSASSA-PSS-V2";
}

interface Sdk {
  readonly WebStoreClient: new (config: SdkConfig) => {
    createCheckoutSession(payload: object, headers: Readonly<Record<string, string>>): Promise<{ status: number; data: { checkoutSessionId: string } }>;
    getCheckoutSession(id: string): Promise<{ status: number; data: { statusDetails: { state: string } } }>;
  };
  readonly AmazonPayClient: new (config: SdkConfig) => {
    getSignedHeaders(options: { method: string; urlFragment: string; payload?: string; headers?: Readonly<Record<string, string>> }): Record<string, string>;
  };
}

const sdk = createRequire(import.meta.url)("@amazonpay/amazon-pay-api-sdk-nodejs") as Sdk;

/** TEST-ONLY key pairs: the SDK signs with the private key, the sandbox trusts the public one. */
const pair = (): { privateKey: KeyObject; publicKey: string } => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  return { privateKey, publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() };
};
const KEY = pair();
const OTHER = pair();
const KEY_ID = "SANDBOX-FAULTPROOF-TEST-ONLY-SIGNATURE";
const LEGACY_KEY_ID = "FAULTPROOFTESTONLYLEGACYKEY";
const MINUTE = 60_000;
const SESSION = { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.application-oa2-client.TEST" };

const clock = createManualClock();
const credentials = { amazonPay: [KEY_ID, LEGACY_KEY_ID].map((publicKeyId) => ({ publicKeyId, publicKey: KEY.publicKey })) };
const sandbox = createSandbox({ clock, config: { credentials } });

// The SDK dates its signature with `new Date()`: the test sets that time, and the sandbox's clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(DEFAULT_EPOCH_MS);
});
afterEach(() => {
  vi.useRealTimers();
  sandbox.reset();
  clock.set(DEFAULT_EPOCH_MS);
});

let serial = 0;
const idempotencyKey = () => ({ "x-amz-pay-idempotency-key": `sig${(serial += 1)}` });

interface Signed {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** A Create Checkout Session signed by the SDK (a SANDBOX- key: `/v2/`), to send as it is or changed after signing. */
function signed(options: { privateKey?: KeyObject; publicKeyId?: string; algorithm?: SdkConfig["algorithm"] } = {}): Signed {
  const client = new sdk.AmazonPayClient({ publicKeyId: options.publicKeyId ?? KEY_ID, privateKey: options.privateKey ?? KEY.privateKey, region: "us", algorithm: options.algorithm ?? "AMZN-PAY-RSASSA-PSS-V2" });
  const body = JSON.stringify(SESSION);
  const headers = client.getSignedHeaders({ method: "POST", urlFragment: "checkoutSessions", payload: body, headers: idempotencyKey() });
  return { url: "https://pay-api.amazon.com/v2/checkoutSessions", method: "POST", headers, body };
}

async function send(request: Signed): Promise<{ status: number; json: { reasonCode?: string; message?: string } }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  return { status: response.status, json: (await response.json()) as { reasonCode?: string; message?: string } };
}

const without = (request: Signed, name: string): Signed => ({ ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([key]) => key !== name)) });
const withHeader = (request: Signed, name: string, value: string): Signed => ({ ...request, headers: { ...request.headers, [name]: value } });

/** Signed in 2001: the SDK's clock set back, the sandbox's not. */
function signedIn2001(): Signed {
  vi.setSystemTime(Date.UTC(2001, 0, 1));
  try {
    return signed();
  } finally {
    vi.setSystemTime(DEFAULT_EPOCH_MS);
  }
}

/** The broken requests, and seed 000's answer to each. */
const BROKEN: readonly (readonly [string, { readonly given: () => Signed; readonly status: number; readonly code: string; readonly message: RegExp }])[] = [
  ["a private key that is not the key id's", { given: () => signed({ privateKey: OTHER.privateKey }), status: 403, code: "InvalidRequestSignature", message: /does not match the request under the key id's public key/ }],
  ["Signature=!!not-base64!!", { given: () => withHeader(signed(), "authorization", signed().headers.authorization!.replace(/Signature=\S+$/, "Signature=!!not-base64!!")), status: 403, code: "InvalidRequestSignature", message: /not Base64/ }],
  ["a V1 signature labelled V2 (salt 20, not 32)", { given: () => withHeader(signed({ algorithm: "AMZN-PAY-RSASSA-PSS" }), "authorization", signed({ algorithm: "AMZN-PAY-RSASSA-PSS" }).headers.authorization!.replace("AMZN-PAY-RSASSA-PSS ", "AMZN-PAY-RSASSA-PSS-V2 ")), status: 403, code: "InvalidRequestSignature", message: /does not match/ }],
  ["another algorithm", { given: () => withHeader(signed(), "authorization", signed().headers.authorization!.replace("AMZN-PAY-RSASSA-PSS-V2", "AWS4-HMAC-SHA256")), status: 403, code: "InvalidRequestSignature", message: /neither AMZN-PAY-RSASSA-PSS-V2 nor AMZN-PAY-RSASSA-PSS/ }],
  ["a body changed after signing", { given: () => ({ ...signed(), body: JSON.stringify({ ...SESSION, storeId: "amzn1.application-oa2-client.OTHER" }) }), status: 403, code: "InvalidRequestSignature", message: /does not match/ }],
  ["a signed header changed after signing", { given: () => withHeader(signed(), "x-amz-pay-idempotency-key", "another-key"), status: 403, code: "InvalidRequestSignature", message: /does not match/ }],
  ["a public key id the sandbox does not know", { given: () => signed({ publicKeyId: "SANDBOX-FAULTPROOF-UNKNOWN" }), status: 401, code: "UnauthorizedAccess", message: /public key id is none of the sandbox's credentials\.amazonPay/ }],
  ["no authorization header", { given: () => without(signed(), "authorization"), status: 400, code: "MissingHeaderValue", message: /authorization is missing/ }],
  ["no x-amz-pay-date header", { given: () => without(signed(), "x-amz-pay-date"), status: 400, code: "MissingHeaderValue", message: /x-amz-pay-date is missing/ }],
  ["a signed header left out", { given: () => without(signed(), "user-agent"), status: 400, code: "MissingHeaderValue", message: /user-agent are missing/ }],
  ["an x-amz-pay-date that is no time", { given: () => withHeader(signed(), "x-amz-pay-date", "yesterday"), status: 400, code: "InvalidHeaderValue", message: /not an ISO 8601 time/ }],
  ["an x-amz-pay-date from 2001", { given: signedIn2001, status: 400, code: "InvalidHeaderValue", message: /more than 900 s from/ }],
];

describe.each(TRANSPORTS)("AMZN-PAY-RSASSA-PSS through $name", (transport) => {
  serveThrough(transport, sandbox);

  it.each([
    ["us", "pay-api.amazon.com", "AMZN-PAY-RSASSA-PSS-V2"],
    ["eu", "pay-api.amazon.eu", "AMZN-PAY-RSASSA-PSS-V2"],
    ["jp", "pay-api.amazon.jp", "AMZN-PAY-RSASSA-PSS-V2"],
    ["us", "pay-api.amazon.com", "AMZN-PAY-RSASSA-PSS"],
    ["eu", "pay-api.amazon.eu", "AMZN-PAY-RSASSA-PSS"],
    ["jp", "pay-api.amazon.jp", "AMZN-PAY-RSASSA-PSS"],
  ] as const)("accepts the SDK's requests in region %s (%s), signed with %s: a POST and a GET", async (region, host, algorithm) => {
    const client = new sdk.WebStoreClient({ publicKeyId: KEY_ID, privateKey: KEY.privateKey, region, algorithm });
    const created = await client.createCheckoutSession(SESSION, idempotencyKey());
    expect(created.status).toBe(201);
    expect((await client.getCheckoutSession(created.data.checkoutSessionId)).data.statusDetails.state).toBe("Open");
    expect(sandbox.journal.entries.map((entry) => new URL(entry.url).host)).toEqual([host, host]);
  });

  it("accepts a legacy key id on /sandbox/v2/, and any configured key", async () => {
    const legacy = new sdk.WebStoreClient({ publicKeyId: LEGACY_KEY_ID, privateKey: KEY.privateKey, region: "us", sandbox: true });
    expect((await legacy.createCheckoutSession(SESSION, idempotencyKey())).status).toBe(201);
    expect(new URL(sandbox.journal.entries[0]!.url).pathname).toBe("/sandbox/v2/checkoutSessions");
  });

  it.each(BROKEN)("refuses %s", async (_name, { given, status, code, message }) => {
    const answer = await send(given());
    expect(answer).toMatchObject({ status, json: { reasonCode: code } });
    expect(answer.json.message).toMatch(message);
    expect(sandbox.journal.entries.at(-1)?.response).toMatchObject({ status, code, by: "sandbox" });
    expect(sandbox.amazonPay.resources.sessions.size).toBe(0);
  });
});

describe("the clock skew allowed (UNVERIFIED: 15 minutes by default), on the sandbox's clock", () => {
  serveThrough(TRANSPORTS[0]!, sandbox);

  it.each([
    ["the clock 15 minutes after x-amz-pay-date", 15 * MINUTE, 201],
    ["the clock 15 minutes and 1 second after", 15 * MINUTE + 1000, 400],
    ["the clock 15 minutes before", -15 * MINUTE, 201],
    ["the clock 15 minutes and 1 second before", -15 * MINUTE - 1000, 400],
  ] as const)("%s", async (_name, offset, status) => {
    clock.set(DEFAULT_EPOCH_MS + offset);
    const answer = await send(signed());
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.json.reasonCode).toBe("InvalidHeaderValue");
  });

  it("accepts the basic form of the doc's example (20190923T231908Z), which the SDK never sends", async () => {
    // Signed here step by step as Amazon's "Signing requests" page writes it (reference B3): the SDK dates in the extended form only.
    const body = JSON.stringify(SESSION);
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json", "x-amz-pay-date": "20260101T000000Z", "x-amz-pay-host": "pay-api.amazon.com", "x-amz-pay-idempotency-key": "basic0001", "x-amz-pay-region": "na" };
    const names = Object.keys(headers).sort();
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    const canonical = ["POST", "/v2/checkoutSessions", "", ...names.map((name) => `${name}:${headers[name]}`), "", names.join(";"), sha(body)].join("\n");
    const signature = sign("sha256", Buffer.from(`AMZN-PAY-RSASSA-PSS-V2\n${sha(canonical)}`), { key: KEY.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }).toString("base64");
    const authorization = `AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=${KEY_ID}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
    expect((await send({ url: "https://pay-api.amazon.com/v2/checkoutSessions", method: "POST", headers: { ...headers, authorization }, body })).status).toBe(201);
  });

  it("checks a request before any fault queued for it: a refused request leaves the fault to the next", async () => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "error", code: "ServiceUnavailable" });
    expect((await send(signed({ privateKey: OTHER.privateKey }))).json.reasonCode).toBe("InvalidRequestSignature");
    expect((await send(signed())).json.reasonCode).toBe("ServiceUnavailable");
  });
});

describe("the settings", () => {
  it.each<[string, { config: DeepPartial<SandboxConfig>; want: number; except: Readonly<Record<string, number>> }]>([
    // Off, no signature is checked; what the engine required before signatures were checked it still requires:
    // the headers of amazonPay.requiredHeaders, and an authorization in Amazon Pay's scheme.
    ["verifySignatures: false accepts every signature", { config: { verifySignatures: false }, want: 201, except: { "no authorization header": 400, "no x-amz-pay-date header": 400, "another algorithm": 403 } }],
    // The header is read before the key is looked up: a header that is none of Amazon Pay's is refused as such.
    ["no credentials: every public key id is unknown, 401", { config: {}, want: 401, except: { "no authorization header": 400, "another algorithm": 403 } }],
  ])("%s", async (_name, { config, want, except }) => {
    const own = createSandbox({ clock: createManualClock(), config });
    const server = TRANSPORTS[1]!.start(own);
    try {
      for (const [name, { given }] of BROKEN) {
        own.reset();
        expect((await send(given())).status, name).toBe(except[name] ?? want);
      }
    } finally {
      server.close();
    }
  });

  it("takes the skew and the codes from the config", async () => {
    const own = createSandbox({ clock: createManualClock(DEFAULT_EPOCH_MS + 20 * MINUTE), config: { credentials, amazonPay: { signature: { maxSkewMs: 30 * MINUTE, unknownKeyCode: "InvalidAuthentication" } } } });
    const server = TRANSPORTS[1]!.start(own);
    try {
      expect((await send(signed())).status).toBe(201);
      expect((await send(signed({ publicKeyId: "SANDBOX-FAULTPROOF-UNKNOWN" }))).json.reasonCode).toBe("InvalidAuthentication");
    } finally {
      server.close();
    }
  });
});
