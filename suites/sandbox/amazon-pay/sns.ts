import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { urlOf } from "../routing.js";
import { selfSignedCertificate } from "./test-certificate.js";

/**
 * AWS SNS as Amazon Pay uses it to deliver IPNs (reference B9): each envelope
 * is signed as SNS signs it, and the sandbox serves the signing certificate at
 * the envelope's SigningCertURL, so an integration that verifies signatures
 * (AWS: "you must verify the signature before processing any Amazon SNS
 * messages") is certified like one that does not (seed 002: "You do not have
 * to verify the source of IPNs").
 *
 * The key pair is made once per process and the certificate is self-signed,
 * test-only: a verifier that checks the chain up to Amazon's CA must trust
 * this certificate in tests (`snsSigningCertificate().pem`).
 */

/** The region the sandbox's topics live in; its SNS host serves the certificate. */
export const SNS_REGION = "us-east-1";

/** Hosts the sandbox answers for SNS, as the generated tables give them for the APIs: host → region. */
export const SNS_HOSTS: Readonly<Record<string, string>> = { [`sns.${SNS_REGION}.amazonaws.com`]: SNS_REGION };

/** SignatureVersion 1 signs a SHA1 digest, 2 a SHA256 digest, both with RSA (PKCS #1 v1.5). */
export type SnsSignatureVersion = "1" | "2";

export const SNS_DIGEST: Readonly<Record<SnsSignatureVersion, string>> = { "1": "sha1", "2": "sha256" };

/** The fields of a Notification envelope that SNS signs, and the signature's own fields. */
export interface SnsNotification {
  readonly Type: "Notification";
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion: SnsSignatureVersion;
  readonly Signature: string;
  readonly SigningCertURL: string;
  readonly UnsubscribeURL: string;
}

interface Signer {
  readonly privateKey: KeyObject;
  readonly pem: string;
  readonly url: string;
}

let signer: Signer | undefined;

/** The process's signing key and certificate, made on first use (an RSA key takes a tenth of a second). */
function snsSigner(): Signer {
  if (!signer) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = selfSignedCertificate({ privateKey, publicKey, commonName: "sns.amazonaws.com", organization: "faultproof sandbox (TEST ONLY)" });
    // Named after the certificate, as SNS names its own: a verifier that caches by URL never keeps a stale one.
    const name = createHash("sha256").update(pem).digest("hex").slice(0, 32);
    signer = { privateKey, pem, url: `https://sns.${SNS_REGION}.amazonaws.com/SimpleNotificationService-${name}.pem` };
  }
  return signer;
}

/** The certificate the sandbox's envelopes are signed with, and the URL it is served at. */
export function snsSigningCertificate(): { readonly pem: string; readonly url: string } {
  const { pem, url } = snsSigner();
  return { pem, url };
}

/**
 * The string SNS signs for a Notification: each of Message, MessageId,
 * Subject (when present), Timestamp, TopicArn and Type, as its name and its
 * value, each on a line of its own, in that order.
 */
export function snsStringToSign(envelope: Omit<SnsNotification, "Signature" | "SignatureVersion" | "SigningCertURL" | "UnsubscribeURL">): string {
  const fields = [["Message", envelope.Message], ["MessageId", envelope.MessageId], ...(envelope.Subject === undefined ? [] : [["Subject", envelope.Subject]]), ["Timestamp", envelope.Timestamp], ["TopicArn", envelope.TopicArn], ["Type", envelope.Type]];
  return fields.map(([name, value]) => `${name}\n${value}\n`).join("");
}

/** A signed Notification envelope around `Message`. */
export function signedNotification(options: { readonly messageId: string; readonly topicArn: string; readonly message: string; readonly timestamp: string; readonly signatureVersion: SnsSignatureVersion }): SnsNotification {
  const { privateKey, url } = snsSigner();
  const unsigned = { Type: "Notification", MessageId: options.messageId, TopicArn: options.topicArn, Message: options.message, Timestamp: options.timestamp } as const;
  const signature = sign(SNS_DIGEST[options.signatureVersion], Buffer.from(snsStringToSign(unsigned), "utf8"), privateKey).toString("base64");
  return {
    ...unsigned,
    SignatureVersion: options.signatureVersion,
    Signature: signature,
    SigningCertURL: url,
    UnsubscribeURL: `https://sns.${SNS_REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${options.topicArn}:00000000-0000-4000-8000-000000000000`)}`,
  };
}

/** Answers a request to the SNS host: the certificate at its URL; anything else is not found (nothing else is simulated). */
export function answerSns(request: Request): Response {
  const { url, pem } = snsSigner();
  const asked = urlOf(request);
  const served = new URL(url);
  if (request.method === "GET" && asked.host === served.host && asked.pathname === served.pathname) {
    return new Response(pem, { status: 200, headers: { "content-type": "application/x-x509-ca-cert" } });
  }
  return new Response("<ErrorResponse><Error><Code>NotFound</Code></Error></ErrorResponse>", { status: 404, headers: { "content-type": "text/xml" } });
}
