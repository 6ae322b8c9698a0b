import { X509Certificate } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox } from "../../../generated/sandbox.js";
import { verifySnsEnvelope } from "../test-support/sns-verifier.js";
import { serveThrough, TRANSPORTS } from "../test-support/transports.js";
import { ipnMessage, snsDelivery } from "./ipn.js";
import { snsSigningCertificate } from "./sns.js";

/*
 * Amazon Pay delivers IPNs inside AWS SNS envelopes (reference B9). The
 * sandbox signs them as SNS does and serves the signing certificate at the
 * envelope's SigningCertURL, through either transport, so an integration that
 * verifies the signature passes, and a tampered envelope fails it.
 */

const sandbox = createSandbox();
afterEach(() => sandbox.reset());

const message = ipnMessage({ ObjectType: "CHARGE", ObjectId: "S01-0000000-0000000-C000001", ChargePermissionId: "S01-0000000-0000000", NotificationId: "n-1", notificationVersion: "v2" });
const envelopeOf = (body: string) => JSON.parse(body) as Record<string, string>;

describe("the SNS envelope", () => {
  it.each(["1", "2"] as const)("carries SignatureVersion %s, a base64 signature and an https SigningCertURL on an sns.<region>.amazonaws.com host", (signatureVersion) => {
    const envelope = envelopeOf(snsDelivery(message, "m-1", { signatureVersion }).body);
    expect(envelope).toMatchObject({ Type: "Notification", MessageId: "m-1", SignatureVersion: signatureVersion, Message: JSON.stringify(message) });
    // As long as the RSA key's modulus: the key size is sns.ts's choice (1024 bits since 8fa2337, for speed).
    const modulusBits = new X509Certificate(snsSigningCertificate().pem).publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
    expect(Buffer.from(envelope.Signature!, "base64")).toHaveLength(modulusBits / 8);
    expect(envelope.SigningCertURL).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/SimpleNotificationService-[0-9a-f]{32}\.pem$/);
  });

  it("is stamped with the time it is delivered at", () => {
    expect(envelopeOf(snsDelivery(message, "m-1", { timestamp: Date.UTC(2026, 4, 2, 3, 4, 5) }).body).Timestamp).toBe("2026-05-02T03:04:05.000Z");
  });

  it("is signed with a self-signed test certificate, marked as such", () => {
    const certificate = new X509Certificate(snsSigningCertificate().pem);
    expect(certificate.subject).toContain("TEST ONLY");
    expect(certificate.checkIssued(certificate)).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });
});

describe.each(TRANSPORTS)("through $name", (transport) => {
  serveThrough(transport, sandbox);

  it("serves the signing certificate at SigningCertURL, without journaling it as an Amazon Pay request", async () => {
    const { url, pem } = snsSigningCertificate();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(pem);
    expect(sandbox.journal.entries).toEqual([]);
    expect(sandbox.journal.outside).toEqual([]);
  });

  it("answers any other path of the SNS host with 404: served, not refused", async () => {
    const response = await fetch("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-other.pem");
    expect(response.status).toBe(404);
    expect(sandbox.journal.outside).toEqual([]);
  });

  it.each(["1", "2"] as const)("an envelope signed with SignatureVersion %s passes a verifier that fetches the certificate", async (signatureVersion) => {
    expect(await verifySnsEnvelope(snsDelivery(message, "m-1", { signatureVersion }).body)).toEqual({ ok: true });
  });

  it.each<[string, (envelope: Record<string, string>) => void]>([
    ["its Message", (envelope) => (envelope.Message = envelope.Message!.replace("CHARGE", "REFUND"))],
    ["its MessageId", (envelope) => (envelope.MessageId = "m-2")],
    ["its Timestamp", (envelope) => (envelope.Timestamp = "2030-01-01T00:00:00.000Z")],
    ["its TopicArn", (envelope) => (envelope.TopicArn = "arn:aws:sns:us-east-1:111111111111:Other")],
    ["its SignatureVersion (a SHA1 signature read as SHA256)", (envelope) => (envelope.SignatureVersion = "2")],
  ])("an envelope with %s tampered with fails that verifier", async (_what, tamper) => {
    const envelope = envelopeOf(snsDelivery(message, "m-1", { signatureVersion: "1" }).body);
    tamper(envelope);
    expect(await verifySnsEnvelope(JSON.stringify(envelope))).toEqual({ ok: false, problem: "the signature does not match" });
  });

  it("a certificate from a host that is not SNS's is refused by the verifier before it is fetched", async () => {
    const envelope = { ...envelopeOf(snsDelivery(message, "m-1").body), SigningCertURL: "https://sns.us-east-1.attacker.example/cert.pem" };
    expect(await verifySnsEnvelope(JSON.stringify(envelope))).toMatchObject({ ok: false, problem: expect.stringContaining("attacker.example") });
    expect(sandbox.journal.outside).toEqual([]);
  });
});
