/** An overlay file written for the tests: one Incentives code the bundled spec lacks (CardExpired, mock F2049). */
export const NEW_CODE_OVERLAY = `api: incentives
errors:
  - id: f2049-card-expired
    code: CardExpired
    errorClass: F200
    mockCode: F2049
    message: The card has expired
    operations: [ CreateGiftCard, ActivateGiftCard ]
    handling: fail-surface
    rationale: The request itself is wrong, so the same request fails the same way.
    documentsSilent: true
    source: { doc: "003", section: F200 - Partner Input Errors }
`;
