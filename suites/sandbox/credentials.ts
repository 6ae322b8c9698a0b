/**
 * The test keys an integration signs with under faultproof. Test keys only:
 * the sandbox never needs a real secret, and a report never shows one.
 */

/** An Incentives API (AGCOD) access key: the sandbox checks SigV4 signatures made with it. */
export interface IncentivesCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** An Amazon Pay public key id with its public key (PEM): the sandbox checks RSASSA-PSS signatures made with the private key. */
export interface AmazonPayPublicKey {
  readonly publicKeyId: string;
  readonly publicKey: string;
}

/** The keys of each API; several may be given, and any of them signs. */
export interface SigningCredentials {
  readonly incentives?: readonly IncentivesCredential[];
  readonly amazonPay?: readonly AmazonPayPublicKey[];
}
