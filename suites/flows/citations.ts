import { CONTRACT } from "../oracles/adapter-contract.js";
import type { Citation } from "../oracles/citation.js";

/**
 * The sentences the flows' verdicts enforce, quoted as the documents word
 * them (ids, titles and urls as spec/sources.yaml gives them). faultproof
 * keeps no copy of Amazon's pages: `faultproof sync <saved page>` checks every
 * quote and section here against the page (cli/sync/flow-sentences.ts). A
 * flow fails an integration only with one of these; where the documents are
 * silent, it accepts.
 */

const FAQ = { doc: "002", title: "Amazon Pay — Frequently asked questions", url: "https://developer.amazon.com/docs/amazon-pay-checkout/faq.html" } as const;
const INCENTIVES_ERRORS = { doc: "003", title: "Amazon Incentives API — Errors and Mock Errors", url: "https://developer.amazon.com/docs/incentives-api/gift-codes-errors.html" } as const;

export const CITATIONS = {
  /** A Complete whose amount is not the session's cannot succeed. */
  amountMustMatch: {
    ...FAQ,
    section: "Why is Complete Checkout Session returning an AmountMismatch error response?",
    quote: "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount.",
    strength: "requires",
  },
  /** A whole checkout updates the session to the final total, then completes it with that total. */
  updateToFinalTotal: {
    ...FAQ,
    section: "Why is Complete Checkout Session returning an AmountMismatch error response?",
    quote:
      "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount. If there is a mismatch between the values, make sure you call Update Checkout Session once the final checkout total has been calculated before redirecting to amazonRedirectUrl.",
    strength: "requires",
  },
  /** A Canceled session's Complete never took effect. */
  canceledNotFinalized: {
    ...FAQ,
    section: "Why is Complete Checkout Session returning an InvalidCheckoutSessionStatus error response?",
    quote: "Note that the payment intent was not finalized",
    strength: "states",
  },
  /** Each IPN is followed by a GET of the object it names, and what is concluded is that object's state. */
  ipnGetsTheObject: {
    ...FAQ,
    section: "I’m upgrading from an older version of Amazon Pay checkout. Do I need to handle IPNs differently?",
    quote: "You must make a GET API call for the transaction specified in the message to determine transaction state.",
    strength: "requires",
  },
  /** RESEND: retry, or cancel the original id and re-send; never a second card beside an uncancelled first. */
  resendCompensation: {
    ...INCENTIVES_ERRORS,
    section: "Most common error codes and causes",
    quote: "This is a retry-able error. You can Cancel / Deactivate / Void your original request ID, and re-send Create / Activate / BalanceLoad API.",
    strength: "states",
  },
  /** RESEND is not a success. */
  resendIsNotSuccess: {
    ...INCENTIVES_ERRORS,
    section: "Other Endpoint Errors",
    quote: "Amazon system is temporarily not available.",
    strength: "states",
  },
  /** A pending authorization is not paid until a GET or an IPN shows its final state. */
  pendingCharge: {
    doc: "005",
    title: "Amazon Pay — Asynchronous processing",
    url: "https://developer.amazon.com/docs/amazon-pay-checkout/asynchronous-processing.html",
    section: "Manage asynchronous authorizations",
    quote: "Poll Get Charge or listen for a Charge IPN for final processing state.",
    strength: "states",
  },
  /** A refund is final only once a GET or an IPN shows it. */
  pendingRefund: {
    doc: "007",
    title: "Amazon Pay API — Refund",
    url: "https://developer.amazon.com/docs/amazon-pay-api-v2/refund.html",
    section: "Refund",
    quote: "You must set up instant payment notifications (IPNs), or implement a polling mechanism to query Get Refund API for updates.",
    strength: "requires",
  },
  /** faultproof's adapter contract: an outcome, never a throw or a hang; succeeded means the operation took effect. */
  contract: {
    doc: "contract",
    title: "faultproof adapter contract (suites/adapter.ts)",
    section: "AdapterOutcome",
    quote: "The operation took effect.",
    strength: "contract",
  },
} as const satisfies Record<string, Citation>;

/** The contract's citation for an answer the adapter never gave (a throw, a hang, a value outside the vocabulary), as the conformance cases give it. */
export const CONTRACT_NO_OUTCOME: Citation = CONTRACT;

/** The contract's citation for a request to a host the sandbox does not serve. */
export const CONTRACT_OUTSIDE: Citation = CONTRACT;
