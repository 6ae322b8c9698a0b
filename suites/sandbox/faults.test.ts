import { afterEach, describe, expect, it, vi } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { createManualClock } from "../clock/clock.js";
import type { Fault } from "./faults.js";
import { SIGV4_AUTHORIZATION, isJson, isXml, outcome, readAnswer, sendIncentives, settledWithin, toXmlRequest } from "./test-support/answers.js";
import { incentivesBody, payHeaders } from "./test-support/requests.js";
import { serveThrough, TRANSPORTS } from "./test-support/transports.js";

/*
 * The fault API (faults.ts): what a test can make either API answer instead of
 * its normal behaviour, once per request and in order, and what the journal
 * says about it. Every request goes through a transport, as a client's would:
 * an MSW server and the certification's interceptor, each in turn.
 */

const clock = createManualClock();
// Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
const sandbox = createSandbox({ clock, config: { verifySignatures: false } });
afterEach(() => sandbox.reset());

type Api = "incentives" | "amazon-pay";

const SESSION = { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.application-oa2-client.TEST" };

/** One operation per API whose repeat is idempotent, so "the normal answer" can be fetched again. */
const target = {
  incentives: {
    operation: "CreateGiftCard",
    url: "https://agcod-v2-gamma.amazon.com/CreateGiftCard",
    normalStatus: 200,
    body: incentivesBody("CreateGiftCard"),
    send: (signal?: AbortSignal, headers: Readonly<Record<string, string>> = {}): Promise<Response> =>
      sendIncentives({ operation: "CreateGiftCard", body: JSON.stringify(incentivesBody("CreateGiftCard")), headers, ...(signal ? { signal } : {}) }),
  },
  "amazon-pay": {
    operation: "CreateCheckoutSession",
    url: "https://pay-api.amazon.com/sandbox/v2/checkoutSessions",
    normalStatus: 201,
    body: SESSION,
    // The same idempotency key every time: a repeat replays the saved answer.
    send: (signal?: AbortSignal, headers: Readonly<Record<string, string>> = {}): Promise<Response> =>
      fetch("https://pay-api.amazon.com/sandbox/v2/checkoutSessions", {
        method: "POST",
        headers: payHeaders({ "x-amz-pay-idempotency-key": "fault-key-1", ...headers }),
        body: JSON.stringify(SESSION),
        ...(signal ? { signal } : {}),
      }),
  },
} as const;

describe.each(TRANSPORTS)("through $name", (transport) => {
  serveThrough(transport, sandbox);

  describe("error: a documented failure by its code, with Retry-After when retryAfterSeconds is given", () => {
    it.each<[string, { given: { api: Api; fault: Fault }; want: { status: number; retryAfter: string | null; body: Record<string, unknown>; code: string } }]>([
      [
        "Incentives F4000 with retryAfterSeconds 5",
        { given: { api: "incentives", fault: { kind: "error", code: "F4000", retryAfterSeconds: 5 } }, want: { status: 400, retryAfter: "5", body: { errorCode: "F400", errorType: "SystemTemporarilyUnavailable", agcodResponse: { status: "RESEND" } }, code: "SystemTemporarilyUnavailable" } },
      ],
      ["Incentives ThrottlingException with retryAfterSeconds 1", { given: { api: "incentives", fault: { kind: "error", code: "ThrottlingException", retryAfterSeconds: 1 } }, want: { status: 400, retryAfter: "1", body: { message: "Rate exceeded" }, code: "ThrottlingException" } }],
      ["Incentives F3003 without retryAfterSeconds has no Retry-After", { given: { api: "incentives", fault: { kind: "error", code: "F3003" } }, want: { status: 400, retryAfter: null, body: { errorCode: "F300", errorType: "InsufficientFunds", message: "Insufficient Funds" }, code: "InsufficientFunds" } }],
      [
        "Amazon Pay ServiceUnavailable with retryAfterSeconds 2",
        { given: { api: "amazon-pay", fault: { kind: "error", code: "ServiceUnavailable", retryAfterSeconds: 2 } }, want: { status: 503, retryAfter: "2", body: { reasonCode: "ServiceUnavailable", message: "The service is currently unable to handle the request, due to a temporary overloading or maintenance" }, code: "ServiceUnavailable" } },
      ],
      [
        "Amazon Pay TooManyRequests with retryAfterSeconds 3",
        { given: { api: "amazon-pay", fault: { kind: "error", code: "TooManyRequests", retryAfterSeconds: 3 } }, want: { status: 429, retryAfter: "3", body: { reasonCode: "TooManyRequests", message: "The request is throttled, due to too many requests in a given amount of time" }, code: "TooManyRequests" } },
      ],
      ["Amazon Pay InternalServerError without retryAfterSeconds has no Retry-After", { given: { api: "amazon-pay", fault: { kind: "error", code: "InternalServerError" } }, want: { status: 500, retryAfter: null, body: { reasonCode: "InternalServerError", message: "There was an unknown error in the service" }, code: "InternalServerError" } }],
    ])("%s", async (_, { given, want }) => {
      sandbox.enqueue(target[given.api].operation, given.fault);
      const answer = await readAnswer(await target[given.api].send());
      expect(answer.status).toBe(want.status);
      expect(answer.headers.get("retry-after")).toBe(want.retryAfter);
      expect(answer.body).toMatchObject(want.body);
      expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: want.status, code: want.code, by: "fault" });
    });
  });

  describe("status: a raw HTTP status with an optional body, as a proxy might send", () => {
    it.each<[string, { given: { api: Api; fault: Extract<Fault, { kind: "status" }> }; want: { text: string; contentType: string | null; retryAfter: string | null } }]>([
      ["Incentives 500 text/plain with a body and Retry-After", { given: { api: "incentives", fault: { kind: "status", status: 500, body: "upstream exploded", contentType: "text/plain", retryAfterSeconds: 4 } }, want: { text: "upstream exploded", contentType: "text/plain", retryAfter: "4" } }],
      ["Incentives 429 with no body", { given: { api: "incentives", fault: { kind: "status", status: 429 } }, want: { text: "", contentType: "text/plain;charset=UTF-8", retryAfter: null } }],
      ["Amazon Pay 504 with a JSON body", { given: { api: "amazon-pay", fault: { kind: "status", status: 504, body: '{"message":"Endpoint request timed out"}', contentType: "application/json" } }, want: { text: '{"message":"Endpoint request timed out"}', contentType: "application/json", retryAfter: null } }],
      ["Amazon Pay 408 with no body", { given: { api: "amazon-pay", fault: { kind: "status", status: 408 } }, want: { text: "", contentType: "text/plain;charset=UTF-8", retryAfter: null } }],
    ])("%s", async (_, { given, want }) => {
      sandbox.enqueue(target[given.api].operation, given.fault);
      const response = await target[given.api].send();
      expect(response.status).toBe(given.fault.status);
      expect(await response.text()).toBe(want.text);
      expect(response.headers.get("retry-after")).toBe(want.retryAfter);
      if (want.text !== "") expect(response.headers.get("content-type")).toBe(want.contentType);
      expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: given.fault.status, by: "fault", fault: "status" });
    });
  });

  describe("network-error: fetch rejects with a TypeError and the journal says status 0", () => {
    it.each<[string, { given: Api }]>([
      ["Incentives", { given: "incentives" }],
      ["Amazon Pay", { given: "amazon-pay" }],
    ])("%s", async (_, { given }) => {
      sandbox.enqueue(target[given].operation, { kind: "network-error" });
      await expect(target[given].send()).rejects.toThrow(TypeError);
      expect(sandbox.journal.entries).toHaveLength(1);
      expect(sandbox.journal.entries[0]).toMatchObject({ operation: target[given].operation, method: "POST", url: target[given].url, response: { status: 0, by: "fault", fault: "network-error" } });
      // The fault was spent: the next request is answered normally.
      expect((await target[given].send()).status).toBe(target[given].normalStatus);
    });
  });

  describe("hang: no answer until the client aborts or the sandbox is reset", () => {
    it.each<[string, { given: Api }]>([
      ["Incentives", { given: "incentives" }],
      ["Amazon Pay", { given: "amazon-pay" }],
    ])("%s: an abort after the request started makes fetch reject with AbortError", async (_, { given }) => {
      sandbox.enqueue(target[given].operation, { kind: "hang" });
      const controller = new AbortController();
      const request = target[given].send(controller.signal);
      // 100 ms of real time is an eternity for an in-process answer: the request has started and hangs.
      expect(await settledWithin(request, 100)).toBe("pending");
      controller.abort();
      await expect(request).rejects.toMatchObject({ name: "AbortError" });
      await vi.waitFor(() => expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: 0, by: "fault", fault: "hang" }));
    });

    it.each<[string, { given: Api }]>([
      ["Incentives", { given: "incentives" }],
      ["Amazon Pay", { given: "amazon-pay" }],
    ])("%s: sandbox.reset() releases a hung request as a network error", async (_, { given }) => {
      sandbox.enqueue(target[given].operation, { kind: "hang" });
      const request = target[given].send();
      expect(await settledWithin(request, 100)).toBe("pending");
      sandbox.reset();
      await expect(request).rejects.toThrow(TypeError);
    });
  });

  describe("malformed-body: a success status with a body that is neither JSON nor XML", () => {
    it.each<[string, { given: { api: Api; fault: Extract<Fault, { kind: "malformed-body" }> }; want: number }]>([
      ["Incentives, default status 200", { given: { api: "incentives", fault: { kind: "malformed-body" } }, want: 200 }],
      ["Amazon Pay with status 201", { given: { api: "amazon-pay", fault: { kind: "malformed-body", status: 201 } }, want: 201 }],
    ])("%s", async (_, { given, want }) => {
      sandbox.enqueue(target[given.api].operation, given.fault);
      const response = await target[given.api].send();
      expect(response.status).toBe(want);
      expect(response.headers.get("content-type")).toBe("application/json");
      const text = await response.text();
      expect(text.length).toBeGreaterThan(0);
      expect(isJson(text)).toBe(false);
      expect(isXml(text)).toBe(false);
      expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: want, by: "fault", fault: "malformed-body" });
    });
  });

  describe("truncated-body: the normal answer cut off, a prefix that does not parse", () => {
    it.each<[string, { given: { api: Api; xml?: boolean } }]>([
      ["Incentives, JSON", { given: { api: "incentives" } }],
      ["Incentives, XML", { given: { api: "incentives", xml: true } }],
      ["Amazon Pay", { given: { api: "amazon-pay" } }],
    ])("%s", async (_, { given }) => {
      const send = (): Promise<Response> =>
        given.xml
          ? sendIncentives({ operation: "CreateGiftCard", body: toXmlRequest("CreateGiftCard", incentivesBody("CreateGiftCard")), headers: { accept: null, "content-type": "application/xml" } })
          : target[given.api].send();
      sandbox.enqueue(target[given.api].operation, { kind: "truncated-body" });
      const cut = await send();
      const cutText = await cut.text();
      // The same request again is answered normally (both operations are idempotent here).
      const normal = await send();
      const normalText = await normal.text();
      expect(cut.status).toBe(target[given.api].normalStatus);
      expect(normal.status).toBe(target[given.api].normalStatus);
      expect(cutText.length).toBeGreaterThan(0);
      expect(cutText.length).toBeLessThan(normalText.length);
      expect(normalText.startsWith(cutText)).toBe(true);
      if (given.xml) {
        expect(isXml(normalText)).toBe(true);
        expect(isXml(cutText)).toBe(false);
      } else {
        expect(isJson(normalText)).toBe(true);
        expect(isJson(cutText)).toBe(false);
      }
      expect(sandbox.journal.entries.map((entry) => outcome(entry))).toEqual([
        { status: target[given.api].normalStatus, by: "fault", fault: "truncated-body" },
        { status: target[given.api].normalStatus, by: "sandbox" },
      ]);
    });
  });

  describe("gateway-html: an HTML error page from a gateway in front of the API", () => {
    const title = { 502: "502 Bad Gateway", 503: "503 Service Temporarily Unavailable", 504: "504 Gateway Time-out" } as const;
    it.each<[string, { given: { api: Api; status: 502 | 503 | 504; retryAfterSeconds?: number } }]>([
      ["Incentives 502", { given: { api: "incentives", status: 502 } }],
      ["Incentives 503 with Retry-After", { given: { api: "incentives", status: 503, retryAfterSeconds: 30 } }],
      ["Incentives 504", { given: { api: "incentives", status: 504 } }],
      ["Amazon Pay 502", { given: { api: "amazon-pay", status: 502 } }],
      ["Amazon Pay 503 with Retry-After", { given: { api: "amazon-pay", status: 503, retryAfterSeconds: 30 } }],
      ["Amazon Pay 504", { given: { api: "amazon-pay", status: 504 } }],
    ])("%s", async (_, { given }) => {
      sandbox.enqueue(target[given.api].operation, { kind: "gateway-html", status: given.status, ...(given.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: given.retryAfterSeconds }) });
      const response = await target[given.api].send();
      const text = await response.text();
      expect(response.status).toBe(given.status);
      expect(response.headers.get("content-type")).toBe("text/html");
      expect(response.headers.get("retry-after")).toBe(given.retryAfterSeconds === undefined ? null : String(given.retryAfterSeconds));
      expect(text).toContain(`<title>${title[given.status]}</title>`);
      expect(text).toMatch(/^<html>/);
      expect(isJson(text)).toBe(false);
      expect(outcome(sandbox.journal.entries.at(-1))).toEqual({ status: given.status, by: "fault", fault: "gateway-html" });
    });
  });

  describe("the queue: faults are spent one per request, in order, then the sandbox behaves normally", () => {
    it.each<[string, { given: { api: Api; schedule: readonly Fault[] }; want: readonly { status: number; by: string }[] }]>([
      [
        "Incentives: F4000, pass, gateway 503, then normal",
        {
          given: { api: "incentives", schedule: [{ kind: "error", code: "F4000" }, { kind: "pass" }, { kind: "gateway-html", status: 503 }] },
          want: [
            { status: 400, by: "fault" },
            { status: 200, by: "sandbox" },
            { status: 503, by: "fault" },
            { status: 200, by: "sandbox" },
            { status: 200, by: "sandbox" },
          ],
        },
      ],
      [
        "Amazon Pay: ServiceUnavailable, pass, raw 500, then normal",
        {
          given: { api: "amazon-pay", schedule: [{ kind: "error", code: "ServiceUnavailable" }, { kind: "pass" }, { kind: "status", status: 500 }] },
          want: [
            { status: 503, by: "fault" },
            { status: 201, by: "sandbox" },
            { status: 500, by: "fault" },
            { status: 201, by: "sandbox" },
            { status: 201, by: "sandbox" },
          ],
        },
      ],
    ])("%s", async (_, { given, want }) => {
      sandbox.enqueue(target[given.api].operation, ...given.schedule);
      const statuses: number[] = [];
      for (let i = 0; i < want.length; i += 1) statuses.push((await target[given.api].send()).status);
      expect(statuses).toEqual(want.map((w) => w.status));
      expect(sandbox.journal.entries.map((entry) => ({ status: entry.response.status, by: entry.response.by }))).toEqual(want);
    });

    it("faults queued for one operation do not touch another", async () => {
      sandbox.enqueue("CancelGiftCard", { kind: "status", status: 500 });
      expect((await target.incentives.send()).status).toBe(200);
      sandbox.enqueue("GetCheckoutSession", { kind: "status", status: 500 });
      expect((await target["amazon-pay"].send()).status).toBe(201);
    });

    it.each<[string, { given: string }]>([
      ["an unknown operation", { given: "NoSuchOperation" }],
      ["an operation name in the wrong case", { given: "createGiftCard" }],
      ["an empty name", { given: "" }],
    ])("enqueue on %s throws", (_, { given }) => {
      expect(() => sandbox.enqueue(given, { kind: "pass" })).toThrow(`faultproof sandbox: no operation "${given}"`);
    });
  });

  describe("the journal: method, url, parsed body, clock time, status, code and how the answer came about", () => {
    it.each<[string, { given: { send: () => Promise<Response>; fault?: { operation: string; fault: Fault } }; want: Record<string, unknown> }]>([
      [
        "an Incentives success",
        { given: { send: () => target.incentives.send() }, want: { api: "incentives", operation: "CreateGiftCard", method: "POST", url: target.incentives.url, body: incentivesBody("CreateGiftCard"), response: { status: 200, by: "sandbox" } } },
      ],
      [
        "an Incentives XML request, its body parsed",
        {
          given: { send: () => sendIncentives({ operation: "GetAvailableFunds", body: toXmlRequest("GetAvailableFunds", { partnerId: "Fproo" }), headers: { accept: null, "content-type": "application/xml" } }) },
          want: { api: "incentives", operation: "GetAvailableFunds", method: "POST", url: "https://agcod-v2-gamma.amazon.com/GetAvailableFunds", body: { partnerId: "Fproo" }, response: { status: 200, by: "sandbox" } },
        },
      ],
      [
        "an Incentives mock code",
        {
          given: { send: () => sendIncentives({ operation: "CreateGiftCard", body: JSON.stringify({ ...incentivesBody("CreateGiftCard"), creationRequestId: "F2005" }) }) },
          want: { operation: "CreateGiftCard", body: { ...incentivesBody("CreateGiftCard"), creationRequestId: "F2005" }, response: { status: 400, code: "InvalidCurrencyCodeInput", by: "mock-code" } },
        },
      ],
      [
        "an Incentives fault",
        { given: { send: () => target.incentives.send(), fault: { operation: "CreateGiftCard", fault: { kind: "error", code: "F4000" } } }, want: { operation: "CreateGiftCard", body: incentivesBody("CreateGiftCard"), response: { status: 400, code: "SystemTemporarilyUnavailable", by: "fault" } } },
      ],
      [
        "an Amazon Pay success",
        { given: { send: () => target["amazon-pay"].send() }, want: { api: "amazon-pay", operation: "CreateCheckoutSession", method: "POST", url: target["amazon-pay"].url, body: SESSION, response: { status: 201, by: "sandbox" } } },
      ],
      [
        "an Amazon Pay rule of the sandbox",
        {
          given: { send: () => fetch("https://pay-api.amazon.eu/v2/checkoutSessions/S01-0000000-0000000", { method: "GET", headers: payHeaders() }) },
          want: { api: "amazon-pay", operation: "GetCheckoutSession", method: "GET", url: "https://pay-api.amazon.eu/v2/checkoutSessions/S01-0000000-0000000", response: { status: 404, code: "ResourceNotFound", by: "sandbox" } },
        },
      ],
      [
        "an Amazon Pay fault",
        { given: { send: () => target["amazon-pay"].send(), fault: { operation: "CreateCheckoutSession", fault: { kind: "gateway-html", status: 502 } } }, want: { operation: "CreateCheckoutSession", body: SESSION, response: { status: 502, by: "fault", fault: "gateway-html" } } },
      ],
    ])("%s", async (_, { given, want }) => {
      clock.advance(1234);
      const at = clock.now();
      if (given.fault) sandbox.enqueue(given.fault.operation, given.fault.fault);
      await (await given.send()).text();
      expect(sandbox.journal.entries).toHaveLength(1);
      const entry = sandbox.journal.entries[0]!;
      expect(entry).toMatchObject({ seq: 0, at, ...want });
      if (!("body" in want)) expect(entry.body).toBeUndefined();
      expect(outcome(entry)).toEqual(want.response);
    });

    // A journal is read by people and kept by CI: no credential may reach it.
    it.each<[string, { given: { api: Api; headers: Record<string, string>; fault?: Fault }; want: { header: string; value: string; secrets: readonly string[] } }]>([
      ["a SigV4 Authorization (Incentives)", { given: { api: "incentives", headers: { authorization: SIGV4_AUTHORIZATION } }, want: { header: "authorization", value: "AWS4-HMAC-SHA256 [redacted]", secrets: ["AKIASECRETACCESSKEYID", "5ec12e7deadbeef0secretsignature"] } }],
      ["a SigV4 Authorization on a faulted request", { given: { api: "incentives", headers: { authorization: SIGV4_AUTHORIZATION }, fault: { kind: "network-error" } }, want: { header: "authorization", value: "AWS4-HMAC-SHA256 [redacted]", secrets: ["AKIASECRETACCESSKEYID", "5ec12e7deadbeef0secretsignature"] } }],
      ["an x-amz-security-token (Incentives)", { given: { api: "incentives", headers: { "x-amz-security-token": "FwoGZXIvYXdzEXAMPLESECRETSESSIONTOKEN" } }, want: { header: "x-amz-security-token", value: "[redacted]", secrets: ["FwoGZXIvYXdzEXAMPLESECRETSESSIONTOKEN"] } }],
      [
        "an Amazon Pay signature",
        { given: { api: "amazon-pay", headers: { authorization: "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-AEXAMPLEKEY, SignedHeaders=accept;content-type;x-amz-pay-date, Signature=U2VjcmV0U2lnbmF0dXJlQmFzZTY0" } }, want: { header: "authorization", value: "AMZN-PAY-RSASSA-PSS-V2 [redacted]", secrets: ["U2VjcmV0U2lnbmF0dXJlQmFzZTY0"] } },
      ],
      [
        "an Amazon Pay signature in x-amz-pay-authorization (older doc examples)",
        { given: { api: "amazon-pay", headers: { "x-amz-pay-authorization": "AMZN-PAY-RSASSA-PSS PublicKeyId=AEXAMPLEKEY, SignedHeaders=accept, Signature=T2xkZXJTZWNyZXRTaWduYXR1cmU=" } }, want: { header: "x-amz-pay-authorization", value: "AMZN-PAY-RSASSA-PSS [redacted]", secrets: ["T2xkZXJTZWNyZXRTaWduYXR1cmU"] } },
      ],
      ["a bearer token", { given: { api: "amazon-pay", headers: { authorization: "Bearer sk_live_do_not_log_me" } }, want: { header: "authorization", value: "[redacted]", secrets: ["sk_live_do_not_log_me"] } }],
    ])("%s never appears in the journal", async (_, { given, want }) => {
      if (given.fault) sandbox.enqueue(target[given.api].operation, given.fault);
      await target[given.api].send(undefined, given.headers).then(
        (response) => response.text(),
        () => "",
      );
      expect(sandbox.journal.entries).toHaveLength(1);
      expect(sandbox.journal.entries[0]?.headers[want.header]).toBe(want.value);
      const serialised = JSON.stringify(sandbox.journal.entries);
      for (const secret of want.secrets) expect(serialised).not.toContain(secret);
    });
  });
});
