/**
 * The Incentives sandbox's field rules that the documents leave open: the
 * setting `incentives.fields`. What seed 003 states (request ids of at most 40
 * characters starting with the partnerId, amounts above 0, no fractions in
 * JPY, notificationDetails of at most 250 characters, sourceId of at most 40,
 * account type 0 for mock codes) is checked in checks.ts, not set here.
 */
export interface IncentivesFieldRules {
  /** CancelGiftCard without gcId is InvalidGCIdInput (F2024). UNVERIFIED (reference E); off, as npm amazon-incentives-api sends no gcId (reference C2). */
  readonly cancelRequiresGcId: boolean;
  /** The longest externalReference, in Unicode characters (ExternalReferenceTooLong, F2042). UNVERIFIED: 100 is the Incenteev model's (reference A4). */
  readonly externalReferenceMaxLength: number;
  /**
   * The currencies each region's hosts take; another is CurrencyCodeMismatch
   * (F2016) for a gift card and InvalidCurrencyInMarketplace (F2036) for a
   * balance load. UNVERIFIED: the currencies follow reference A1's countries,
   * and which error Amazon answers is not documented, so it is off (null).
   */
  readonly regionCurrencies: Readonly<Record<string, readonly string[]>> | null;
  /**
   * Largest and smallest balance load per currency (MaxAmountExceeded F2015,
   * AmountBelowMinThreshold F2037). Seed 003 gives one figure, "$500 in US";
   * the others are not documented, so they are not set.
   */
  readonly balanceLoadMax: Readonly<Record<string, number>>;
  readonly balanceLoadMin: Readonly<Record<string, number>>;
  /** Largest gift card per currency (MaxAmountExceeded F2015). UNVERIFIED: seed 003 names the error without a figure, so none is set. */
  readonly giftCardMax: Readonly<Record<string, number>>;
}

export const DEFAULT_INCENTIVES_FIELD_RULES: IncentivesFieldRules = {
  cancelRequiresGcId: false,
  externalReferenceMaxLength: 100,
  regionCurrencies: null,
  balanceLoadMax: { USD: 500 },
  balanceLoadMin: {},
  giftCardMax: {},
};

/** The currencies of reference A1's countries, per region: a value for `regionCurrencies` (UNVERIFIED). */
export const A1_REGION_CURRENCIES: Readonly<Record<string, readonly string[]>> = {
  NA: ["USD", "CAD", "MXN"],
  EU: ["EUR", "GBP", "TRY", "AED", "SAR", "PLN", "SEK", "EGP", "ZAR"],
  FE: ["JPY", "AUD", "SGD"],
};
