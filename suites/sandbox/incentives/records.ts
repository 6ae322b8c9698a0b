// What the Incentives sandbox keeps (cards, activations, balance loads), and a card as CreateGiftCard answers it (reference A4).

/** A digital gift card the sandbox issued, by creationRequestId. */
export interface Card {
  readonly gcId: string;
  readonly claimCode: string;
  readonly amount: number;
  readonly currencyCode: string;
  readonly createdAt: number;
  cancelled: boolean;
}

/** A physical card's activation, by card number. */
export interface Activation {
  readonly activationRequestId: string;
  readonly amount: number;
  readonly currencyCode: string;
  active: boolean;
}

/** A balance load, by loadBalanceRequestId; `signature` is what a repeat of the id must match (F2038). */
export interface Load {
  readonly signature: string;
  readonly amount: number;
  readonly currencyCode: string;
  readonly accountId: string;
  voided: boolean;
}

export function cardBody(options: { id: string; card: Card }): Record<string, unknown> {
  const { card } = options;
  return {
    cardInfo: { cardNumber: null, cardStatus: card.cancelled ? "RefundedToPurchaser" : "Fulfilled", expirationDate: null, value: { amount: card.amount, currencyCode: card.currencyCode } },
    creationRequestId: options.id,
    gcClaimCode: card.claimCode,
    gcExpirationDate: null,
    gcId: card.gcId,
    status: "SUCCESS",
  };
}

export function claimCode(seed: number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let code = "";
  let n = seed;
  for (let i = 0; i < 14; i += 1) {
    code += alphabet[n % alphabet.length];
    n = Math.imul(n ^ (n >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 10)}-${code.slice(10, 14)}`;
}

export function currencyOf(region: string): string {
  return { NA: "USD", EU: "EUR", FE: "JPY" }[region] ?? "USD";
}

/** `20220610T085450Z`, the timestamp form of GetAvailableFunds. */
export function basicIso(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
