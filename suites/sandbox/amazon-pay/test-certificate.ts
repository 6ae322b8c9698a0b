import { createHash, sign, type KeyObject } from "node:crypto";

/**
 * A self-signed X.509 certificate for a key pair made in process. TEST ONLY:
 * it is what the sandbox serves as the SNS signing certificate, and it proves
 * nothing to anyone outside a test.
 *
 * node:crypto reads certificates (X509Certificate) but cannot write one, and
 * no dependency of faultproof can either. Committing a key pair as a fixture
 * would ship a private key in the package; the DER of one certificate with no
 * extensions is short enough to write here instead (RFC 5280, section 4.1).
 */
export function selfSignedCertificate(options: {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly commonName: string;
  readonly organization: string;
}): string {
  const name = sequence(
    set(sequence(oid("2.5.4.10"), utf8(options.organization))),
    set(sequence(oid("2.5.4.3"), utf8(options.commonName))),
  );
  const sha256WithRsa = sequence(oid("1.2.840.113549.1.1.11"), NULL);
  const spki = options.publicKey.export({ type: "spki", format: "der" });
  // A positive serial, the same for the same key: a certificate cached by a verifier stays the right one.
  const serial = createHash("sha256").update(spki).digest().subarray(0, 8);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sha256WithRsa,
    name,
    // Wide enough for any clock a test sets, virtual or real (UTCTime ends in 2049).
    sequence(utcTime("200101000000Z"), utcTime("491231235959Z")),
    name,
    spki,
  );
  const signature = sign("sha256", tbs, options.privateKey);
  const der = sequence(tbs, sha256WithRsa, bitString(signature));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

// DER: tag, length, content.
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : lengthBytes(n);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function lengthBytes(n: number): Buffer {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, content: Buffer) => tlv(0xa0 | n, content);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
const utcTime = (text: string) => tlv(0x17, Buffer.from(text, "ascii"));
const bitString = (bytes: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
const NULL = Buffer.from([0x05, 0x00]);

/** An unsigned big-endian INTEGER: a leading zero keeps a high first bit from reading as negative. */
function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      base128.unshift((value % 128) | (base128.length > 0 ? 0x80 : 0));
      if (value < 128) break;
    }
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}
