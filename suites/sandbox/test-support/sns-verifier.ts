import { verify, X509Certificate } from "node:crypto";

/**
 * An SNS signature check as an integration writes it from AWS's page
 * "Verifying the signatures of Amazon SNS messages": the certificate comes
 * over HTTPS from an sns.<region>.amazonaws.com host, the string to sign is
 * rebuilt from the envelope's own fields, and the signature is checked with
 * the certificate's key. Written apart from the sandbox's signer on purpose:
 * a test that used the signer's own string to sign would prove nothing.
 */
export async function verifySnsEnvelope(body: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly problem: string }> {
  let envelope: Record<string, unknown>;
  try {
    envelope = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { ok: false, problem: "not JSON" };
  }
  const digest = { "1": "sha1", "2": "sha256" }[String(envelope.SignatureVersion)];
  if (!digest) return { ok: false, problem: `SignatureVersion ${String(envelope.SignatureVersion)}` };
  let certUrl: URL;
  try {
    certUrl = new URL(String(envelope.SigningCertURL));
  } catch {
    return { ok: false, problem: "SigningCertURL is not a URL" };
  }
  // The host check WooCommerce's IPN handler makes (reference B9).
  if (certUrl.protocol !== "https:" || !/^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/.test(certUrl.hostname)) return { ok: false, problem: `certificate from ${certUrl.origin}` };
  const response = await fetch(certUrl);
  if (!response.ok) return { ok: false, problem: `certificate answered ${response.status}` };
  const certificate = new X509Certificate(await response.text());
  const keys = envelope.Type === "Notification" ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  const text = keys.filter((key) => envelope[key] !== undefined).map((key) => `${key}\n${String(envelope[key])}\n`).join("");
  const signed = verify(digest, Buffer.from(text, "utf8"), certificate.publicKey, Buffer.from(String(envelope.Signature), "base64"));
  return signed ? { ok: true } : { ok: false, problem: "the signature does not match" };
}
