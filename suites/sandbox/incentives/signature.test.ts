/**
 * The Incentives sandbox checks SigV4 as AGCOD does (reference A2: service
 * AGCODService, the host's region from A1): requests signed by aws4, the
 * signer the npm clients and the reference use, through both transports.
 * Refusals are seed 003's answers: F200 for a signature that does not match
 * (its first common cause), F300 InvalidAccessKey for an unknown access key.
 */
import { readFileSync } from "node:fs";
import aws4 from "aws4";
import { XMLParser } from "fast-xml-parser";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../../generated/sandbox.js";
import { createManualClock, DEFAULT_EPOCH_MS } from "../../clock/clock.js";
import type { DeepPartial, SandboxConfig } from "../config.js";
import { serveThrough, TRANSPORTS } from "../test-support/transports.js";
import { REASON_HEADER, SIGNATURE_MISMATCH } from "./signature-check.js";

/** TEST-ONLY keys. */
const KEY = { accessKeyId: "FPTESTONLYSIGV4KEY01", secretAccessKey: "faultproof-test-only-sigv4-secret" } as const;
const OTHER_KEY = { accessKeyId: "FPTESTONLYSIGV4KEY02", secretAccessKey: "faultproof-test-only-second-secret" } as const;
const PARTNER_ID = "Fproo";
/** 2026-01-01T00:00:00Z, the sandbox clock's start, as x-amz-date. */
const T0 = "20260101T000000Z";
const MINUTE = 60_000;

const clock = createManualClock();
const sandbox = createSandbox({ clock, config: { incentives: { throttling: false }, credentials: { incentives: [KEY, OTHER_KEY] } } });
afterEach(() => {
  sandbox.reset();
  clock.set(DEFAULT_EPOCH_MS);
});

interface Signing {
  readonly host?: string;
  readonly region?: string;
  readonly service?: string;
  readonly key?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly amzDate?: string;
  readonly operation?: string;
  readonly body?: string;
  readonly format?: "json" | "xml";
}

/** A request signed by aws4 as the npm clients sign it; `send` may change it after signing, as a broken client or a proxy would. */
function signed(options: Signing = {}): { url: string; headers: Record<string, string>; body: string } {
  const host = options.host ?? "agcod-v2-gamma.amazon.com";
  const operation = options.operation ?? "CreateGiftCard";
  const format = options.format ?? "json";
  const body = options.body ?? (format === "json" ? JSON.stringify({ creationRequestId: `${PARTNER_ID}Sig0001`, partnerId: PARTNER_ID, value: { currencyCode: "USD", amount: 10 } }) : `<${operation}Request><creationRequestId>${PARTNER_ID}Sig0001</creationRequestId><partnerId>${PARTNER_ID}</partnerId><value><currencyCode>USD</currencyCode><amount>10</amount></value></${operation}Request>`);
  const contentType = format === "json" ? "application/json" : "application/xml";
  const request = aws4.sign(
    {
      host,
      method: "POST",
      path: `/${operation}`,
      service: options.service ?? "AGCODService",
      region: options.region ?? "us-east-1",
      body,
      headers: { accept: contentType, "content-type": contentType, "x-amz-target": `com.amazonaws.agcod.AGCODService.${operation}`, "X-Amz-Date": options.amzDate ?? T0 },
    },
    options.key ?? KEY,
  );
  // fetch sets Host and Content-Length itself, to the values aws4 signed (as the reference client does).
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => !/^(host|content-length)$/i.test(name)).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return { url: `https://${host}/${operation}`, headers, body };
}

async function send(request: { url: string; headers: Record<string, string>; body: string }): Promise<{ status: number; json: Record<string, unknown>; reason: string | null }> {
  const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
  const text = await response.text();
  return { status: response.status, json: /json/.test(response.headers.get("content-type") ?? "") ? (JSON.parse(text) as Record<string, unknown>) : { text }, reason: response.headers.get(REASON_HEADER) };
}

const without = (headers: Record<string, string>, name: string): Record<string, string> => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

/** The broken requests, each as a client sends it, and the reason the sandbox gives. */
const BROKEN: readonly (readonly [string, { readonly given: () => ReturnType<typeof signed>; readonly reason: RegExp }])[] = [
  ["a wrong secret", { given: () => signed({ key: { accessKeyId: KEY.accessKeyId, secretAccessKey: "not-the-secret" } }), reason: /does not match/ }],
  ["the service s3", { given: () => signed({ service: "s3" }), reason: /service s3; the Incentives API signs for AGCODService/ }],
  ["the region eu-west-1 on the NA host", { given: () => signed({ region: "eu-west-1" }), reason: /region eu-west-1; agcod-v2-gamma\.amazon\.com signs for us-east-1/ }],
  ["no Authorization header", { given: () => ({ ...signed(), headers: without(signed().headers, "authorization") }), reason: /no Authorization header/ }],
  ["no x-amz-date header", { given: () => ({ ...signed(), headers: without(signed().headers, "x-amz-date") }), reason: /no x-amz-date header/ }],
  ["an x-amz-date that is no time", { given: () => ({ ...signed(), headers: { ...signed().headers, "x-amz-date": "2026-01-01T00:00:00Z" } }), reason: /not of the form/ }],
  ["a date in 2001", { given: () => signed({ amzDate: "20010101T000000Z" }), reason: /expired or not yet valid/ }],
  ["a body changed after signing", { given: () => ({ ...signed(), body: JSON.stringify({ creationRequestId: `${PARTNER_ID}Sig0001`, partnerId: PARTNER_ID, value: { currencyCode: "USD", amount: 1000 } }) }), reason: /does not match/ }],
  ["a signed header changed after signing", { given: () => ({ ...signed(), headers: { ...signed().headers, "x-amz-target": "com.amazonaws.agcod.AGCODService.CancelGiftCard" } }), reason: /does not match/ }],
  ["a signature that is no hex", { given: () => ({ ...signed(), headers: { ...signed().headers, authorization: signed().headers.authorization!.replace(/Signature=\w+/, "Signature=!!not-hex!!") } }), reason: /64 lower-case hexadecimal/ }],
  ["another scheme", { given: () => ({ ...signed(), headers: { ...signed().headers, authorization: "Bearer abc" } }), reason: /algorithm is "Bearer"/ }],
];

describe.each(TRANSPORTS)("SigV4 through $name", (transport) => {
  serveThrough(transport, sandbox);

  it.each([
    ["agcod-v2-gamma.amazon.com", "us-east-1"],
    ["agcod-v2.amazon.com", "us-east-1"],
    ["agcod-v2-eu-gamma.amazon.com", "eu-west-1"],
    ["agcod-v2-eu.amazon.com", "eu-west-1"],
    ["agcod-v2-fe-gamma.amazon.com", "us-west-2"],
    ["agcod-v2-fe.amazon.com", "us-west-2"],
  ])("accepts a request to %s signed for %s", async (host, region) => {
    const answer = await send(signed({ host, region }));
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json).toMatchObject({ status: "SUCCESS" });
    expect(answer.reason).toBeNull();
  });

  it("accepts an XML request, and any of the configured keys", async () => {
    expect((await send(signed({ format: "xml" }))).status).toBe(200);
    expect((await send(signed({ key: OTHER_KEY }))).status).toBe(200);
  });

  it.each(BROKEN)("refuses %s with seed 003's F200: the signature does not match", async (_name, { given, reason }) => {
    const answer = await send(given());
    expect(answer.status).toBe(sandbox.config.incentives.errorStatus.F200);
    expect(answer.json).toMatchObject({ errorCode: "F200", errorType: "InvalidSignatureException", message: SIGNATURE_MISMATCH.quote, agcodResponse: { status: "FAILURE" } });
    expect(answer.reason).toMatch(reason);
    expect(sandbox.journal.entries.at(-1)?.response).toEqual({ status: answer.status, code: "InvalidSignatureException", errorId: SIGNATURE_MISMATCH.id, by: "sandbox" });
  });

  it("refuses an access key it does not know with F300 InvalidAccessKey (seed 003)", async () => {
    const answer = await send(signed({ key: { accessKeyId: "FPTESTONLYUNKNOWN001", secretAccessKey: KEY.secretAccessKey } }));
    expect(answer.status).toBe(sandbox.config.incentives.errorStatus.F300);
    expect(answer.json).toMatchObject({ errorCode: "F300", errorType: "InvalidAccessKey", message: "Invalid Access Key" });
    expect(answer.reason).toMatch(/access key is none of the sandbox's credentials\.incentives/);
    expect(sandbox.journal.entries.at(-1)?.response).toMatchObject({ code: "InvalidAccessKey", errorId: "f3001-invalid-access-key", by: "sandbox" });
  });

  it("answers an XML client in XML", async () => {
    const { url, headers, body } = signed({ format: "xml", key: { accessKeyId: KEY.accessKeyId, secretAccessKey: "not-the-secret" } });
    const response = await fetch(url, { method: "POST", headers, body });
    const xml = new XMLParser({ parseTagValue: false }).parse(await response.text()) as Record<string, Record<string, unknown>>;
    expect(xml).toEqual({ AGCODException: { agcodResponse: { status: "FAILURE" }, errorType: "InvalidSignatureException", errorCode: "F200", Message: SIGNATURE_MISMATCH.quote } });
  });
});

describe("the clock skew allowed (UNVERIFIED for AGCOD: AWS's SigV4 allows five minutes), on the sandbox's clock", () => {
  serveThrough(TRANSPORTS[0]!, sandbox);

  it.each([
    ["the clock 5 minutes after x-amz-date", 5 * MINUTE, 200],
    ["the clock 5 minutes and 1 second after", 5 * MINUTE + 1000, 400],
    ["the clock 5 minutes before x-amz-date", -5 * MINUTE, 200],
    ["the clock 5 minutes and 1 second before", -5 * MINUTE - 1000, 400],
  ] as const)("%s: %s", async (_name, offset, status) => {
    clock.set(DEFAULT_EPOCH_MS + offset);
    const answer = await send(signed());
    expect(answer.status).toBe(status);
    if (status !== 200) expect(answer.reason).toMatch(/expired or not yet valid/);
  });

  it("checks a request before any fault queued for it: a refused request leaves the fault to the next", async () => {
    sandbox.enqueue("CreateGiftCard", { kind: "error", code: "F4000" });
    expect((await send(signed({ service: "s3" }))).json).toMatchObject({ errorCode: "F200" });
    expect((await send(signed())).json).toMatchObject({ errorCode: "F400", agcodResponse: { status: "RESEND" } });
  });
});

describe("the settings", () => {
  it.each<[string, { config: DeepPartial<SandboxConfig>; want: number }]>([
    ["verifySignatures: false accepts every broken signature", { config: { verifySignatures: false }, want: 200 }],
    ["no credentials: every key is unknown, F300", { config: { credentials: { incentives: [] } }, want: 400 }],
  ])("%s", async (_name, { config, want }) => {
    const own = createSandbox({ config: { incentives: { throttling: false }, ...config } });
    const server = TRANSPORTS[1]!.start(own);
    try {
      for (const [name, { given }] of BROKEN) {
        own.reset();
        expect((await send(given())).status, name).toBe(want);
      }
      if (want !== 200) expect((await send(signed())).json).toMatchObject({ errorType: "InvalidAccessKey" });
    } finally {
      server.close();
    }
  });

  it("takes the errorType and the skew from the config", async () => {
    const own = createSandbox({ clock: createManualClock(DEFAULT_EPOCH_MS + 10 * MINUTE), config: { credentials: { incentives: [KEY] }, incentives: { signature: { errorType: "SignatureDoesNotMatch", maxSkewMs: 15 * MINUTE } } } });
    const server = TRANSPORTS[1]!.start(own);
    try {
      expect((await send(signed())).status).toBe(200);
      expect((await send(signed({ service: "s3" }))).json).toMatchObject({ errorCode: "F200", errorType: "SignatureDoesNotMatch" });
    } finally {
      server.close();
    }
  });

  it("quotes seed 003's common cause of F200 as the spec records it", () => {
    const classes = parse(readFileSync(new URL("../../../spec/incentives/classes.yaml", import.meta.url), "utf8")) as { commonCauses: { errorClass: string; cause: string; code?: string }[] };
    const cause = classes.commonCauses.find((entry) => entry.errorClass === "F200" && entry.code === undefined)!.cause;
    expect(cause.startsWith(SIGNATURE_MISMATCH.quote)).toBe(true);
    expect(sandbox.config.incentives.signature.message).toBe(SIGNATURE_MISMATCH.quote);
  });
});
