import { describe, expect, it } from "vitest";
import { REDACTED, redactDeep, redactReport, redactText } from "./redact-report.js";
import { SECRETS, fixtureReport, privateKeyPem, reportWithSecrets } from "./test-support/report-fixture.js";

describe("redactReport", () => {
  it("leaves a report without credentials as it was", () => {
    const report = fixtureReport();
    expect(redactReport(report)).toEqual(report);
  });

  it("removes every planted credential from a report, wherever it was", () => {
    const text = JSON.stringify(redactReport(reportWithSecrets()));
    for (const secret of [...Object.values(SECRETS), privateKeyPem()]) expect(text).not.toContain(secret);
  });

  it("does not change the report it is given", () => {
    const report = reportWithSecrets();
    const before = JSON.stringify(report);
    redactReport(report);
    expect(JSON.stringify(report)).toBe(before);
  });

  it("redacts what it already redacted to the same text", () => {
    const once = redactReport(reportWithSecrets());
    expect(redactReport(once)).toEqual(once);
  });
});

describe("redactDeep: values of credential headers and secret-key fields", () => {
  it.each([
    { what: "Authorization keeps its scheme", value: { Authorization: "AWS4-HMAC-SHA256 Credential=x, Signature=y" }, expected: { Authorization: `AWS4-HMAC-SHA256 ${REDACTED}` } },
    { what: "x-amz-pay-authorization keeps its scheme", value: { "x-amz-pay-authorization": "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=k" }, expected: { "x-amz-pay-authorization": `AMZN-PAY-RSASSA-PSS-V2 ${REDACTED}` } },
    { what: "an authorization without a scheme goes whole", value: { authorization: "opaque-token" }, expected: { authorization: REDACTED } },
    { what: "x-amz-security-token goes whole", value: { "X-Amz-Security-Token": "Fwo GZX" }, expected: { "X-Amz-Security-Token": REDACTED } },
    { what: "secretKey goes whole", value: { secretKey: "short" }, expected: { secretKey: REDACTED } },
    { what: "aws_secret_access_key goes whole", value: { aws_secret_access_key: "x" }, expected: { aws_secret_access_key: REDACTED } },
    { what: "SecretAccessKey goes whole", value: { SecretAccessKey: "x" }, expected: { SecretAccessKey: REDACTED } },
    { what: "a [name, value] header pair", value: [["authorization", "Bearer abc"], ["accept", "*/*"]], expected: [["authorization", `Bearer ${REDACTED}`], ["accept", "*/*"]] },
    { what: "other headers stay", value: { "content-type": "application/json", "x-amz-pay-idempotency-key": "<id 1>" }, expected: { "content-type": "application/json", "x-amz-pay-idempotency-key": "<id 1>" } },
    { what: "numbers, booleans and null stay", value: { status: 500, retried: true, body: null }, expected: { status: 500, retried: true, body: null } },
  ])("$what", ({ value, expected }) => {
    expect(redactDeep(value)).toEqual(expected);
  });

  it("walks arrays and nested objects", () => {
    expect(redactDeep({ journal: [{ headers: { authorization: "Bearer abc" } }] })).toEqual({ journal: [{ headers: { authorization: `Bearer ${REDACTED}` } }] });
  });

  it("keeps a __proto__ key a key", () => {
    const parsed = JSON.parse('{"__proto__": {"authorization": "Bearer abc"}}') as unknown;
    expect(Object.getOwnPropertyNames(redactDeep(parsed))).toEqual(["__proto__"]);
    expect(JSON.stringify(redactDeep(parsed))).toBe(`{"__proto__":{"authorization":"Bearer ${REDACTED}"}}`);
  });

  it("stops at a cycle", () => {
    const looped: { name: string; self?: unknown } = { name: "loop" };
    looped.self = looped;
    expect(redactDeep(looped)).toEqual({ name: "loop", self: "[circular]" });
  });
});

describe("redactText: credential-shaped text anywhere in a string", () => {
  it.each([
    { what: "a PEM private key", text: `key: ${privateKeyPem()} end`, expected: "key: [redacted private key] end" },
    { what: "a PEM private key cut short", text: `${privateKeyPem().split("\n").slice(0, 2).join("\n")}`, expected: "[redacted private key]" },
    { what: "a public certificate stays", text: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", expected: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----" },
    { what: "an access key id", text: `id ${SECRETS.accessKeyId}.`, expected: `id ${REDACTED}.` },
    { what: "an access key id glued to a word", text: `key_${SECRETS.accessKeyId}`, expected: `key_${REDACTED}` },
    { what: "a secret key after aws_secret_access_key", text: `aws_secret_access_key = ${SECRETS.secretAccessKey}`, expected: `aws_secret_access_key = ${REDACTED}` },
    { what: "a secret key after \"secretKey\": in JSON", text: `{"secretKey":"${SECRETS.secretAccessKey}"}`, expected: `{"secretKey":"${REDACTED}"}` },
    { what: "a 40-character value after another name stays", text: `requestId=${SECRETS.secretAccessKey}`, expected: `requestId=${SECRETS.secretAccessKey}` },
    { what: "Signature= in an Authorization header", text: "SignedHeaders=host, Signature=abc123", expected: `SignedHeaders=host, Signature=${REDACTED}` },
    { what: "X-Amz-Signature= in a presigned URL", text: "https://h/p?X-Amz-Signature=abc&x=1", expected: `https://h/p?X-Amz-Signature=${REDACTED}&x=1` },
    { what: "X-Amz-Security-Token= in a query", text: "?X-Amz-Security-Token=FwoG%2Fz&a=b", expected: `?X-Amz-Security-Token=${REDACTED}&a=b` },
    { what: "an Authorization line in a raw dump", text: "POST /\nAuthorization: AWS4-HMAC-SHA256 Credential=x\nHost: h", expected: `POST /\nAuthorization: ${REDACTED}\nHost: h` },
    { what: "a quoted header in JSON text", text: `{"x-amz-security-token":"FwoG","a":1}`, expected: `{"x-amz-security-token":"${REDACTED}","a":1}` },
    { what: "prose that names the header stays", text: "the Authorization header was missing", expected: "the Authorization header was missing" },
  ])("$what", ({ text, expected }) => {
    expect(redactText(text)).toBe(expected);
  });
});
