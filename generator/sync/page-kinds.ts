import type { ApiId } from "../spec/spec-input.js";
import { readIncentivesErrorsPage } from "../sources/incentives-errors-page.js";
import { readPayErrorsPage } from "../sources/pay-errors-page.js";
import { readPayFaqPage } from "../sources/pay-faq-page.js";

/**
 * The documentation pages `faultproof sync` knows, each read by its reader of
 * `generator/sources/` into rows shaped like spec entries, and what the sync
 * needs to know about the page beyond its rows: which spec entries it is the
 * authority for, which fields it states, and where a new row goes.
 */
export interface PageRow {
  /** The section the entry cites, as the page words it. */
  readonly section: string;
  readonly code: string;
  readonly mockCode?: string;
  readonly errorClass?: string;
  readonly httpStatus?: number;
  readonly statusText?: string;
  readonly message?: string;
  readonly details?: readonly string[];
  /** Operation ids the page names for the row, when it names any. */
  readonly operations?: readonly string[];
}

/** The fields of an entry a page can state; sync compares and updates only these. */
export type PageField = "message" | "details" | "httpStatus" | "statusText" | "errorClass";

export interface Placement {
  /** Path under the spec folder of the file a new entry goes to, when no entry of its section exists yet. */
  readonly file: string;
  readonly idPrefix: string;
  readonly operations: "all" | readonly string[];
}

export interface PageKind {
  readonly id: "amazon-pay-errors" | "amazon-pay-faq" | "incentives-errors" | "amazon-pay-prose";
  readonly title: string;
  readonly api: ApiId;
  /** The page's address, which names it in spec/sources.yaml. */
  readonly url: string;
  readonly fields: readonly PageField[];
  /** True when the text carries the page's marks; its rows must be found too. */
  marked(text: string): boolean;
  read(text: string): PageRow[];
  /** True for a section of the page that lists rows, as opposed to prose other entries may cite. */
  listsRows(section: string): boolean;
  place(row: PageRow): Placement;
}

const PAY_ERRORS_SECTION = "Error codes";

const payErrors: PageKind = {
  id: "amazon-pay-errors",
  title: "Amazon Pay — Manage errors",
  api: "amazon-pay",
  url: "https://developer.amazon.com/docs/amazon-pay-api-v2/error-handling.html",
  fields: ["message", "details", "httpStatus", "statusText"],
  marked: (text) => /\bHTTP status code\b/.test(text) && /\bReason code\b/.test(text),
  read: (text) =>
    readPayErrorsPage(text).map(({ httpStatus, statusText, reasonCode, description }) => {
      const [message, ...details] = description;
      return { section: PAY_ERRORS_SECTION, code: reasonCode, httpStatus, statusText, ...(message === undefined ? {} : { message }), ...(details.length > 0 ? { details } : {}) };
    }),
  listsRows: (section) => section === PAY_ERRORS_SECTION,
  // The table lists generic errors "that Amazon Pay API endpoints can return": any operation.
  place: () => ({ file: "amazon-pay/errors.yaml", idPrefix: "", operations: "all" }),
};

const payFaq: PageKind = {
  id: "amazon-pay-faq",
  title: "Amazon Pay — Frequently asked questions",
  api: "amazon-pay",
  url: "https://developer.amazon.com/docs/amazon-pay-checkout/faq.html",
  // The FAQ names the error and its cause; it gives no HTTP status.
  fields: ["message"],
  marked: (text) => /Frequently asked questions/i.test(text),
  read: (text) =>
    readPayFaqPage(text).map(({ section, reasonCode, operation, message }) => ({
      section,
      code: reasonCode,
      message,
      operations: [operation.replace(/\s+/g, "")],
    })),
  listsRows: (section) => /^Why is .+ returning an? [A-Za-z0-9]+ error response\?$/.test(section),
  place: (row) => ({ file: "amazon-pay/errors.yaml", idPrefix: "", operations: row.operations ?? "all" }),
};

const INCENTIVES_TABLES = new Set(["F100 - System Errors", "F200 - Partner Input Errors", "F300 - Partner Account/Access/Onboarding Errors", "Other Endpoint Errors"]);
const BALANCE_LOAD_TABLE = "Other Endpoint Errors";
const THROTTLED_SECTION = "Throttled";

const incentivesErrors: PageKind = {
  id: "incentives-errors",
  title: "Amazon Incentives API — Errors and Mock Errors",
  api: "incentives",
  url: "https://developer.amazon.com/docs/incentives-api/gift-codes-errors.html",
  fields: ["message", "errorClass"],
  marked: (text) => /Mock Error/.test(text),
  read: (text) => {
    const page = readIncentivesErrorsPage(text);
    const rows: PageRow[] = page.rows.map(({ section, errorType, errorClass, mockCode, message }) => ({
      section,
      code: errorType,
      errorClass,
      mockCode,
      ...(message === undefined ? {} : { message }),
    }));
    if (page.throttling) {
      const { section, errorType, message } = page.throttling;
      rows.push({ section, code: errorType, errorClass: "Throttled", message });
    }
    return rows;
  },
  // A table heading the reader does not know is still a table of rows: "F100 - …" to "F300 - …".
  listsRows: (section) => INCENTIVES_TABLES.has(section) || section === THROTTLED_SECTION || /^F[1-3]00 - /.test(section),
  place: (row) => {
    if (row.section === THROTTLED_SECTION) return { file: "incentives/errors-gift-card.yaml", idPrefix: "", operations: "all" };
    // Mock codes go in CreateGiftCard's and ActivateGiftCard's request id, or LoadAmazonBalance's account.id
    // ("Error Testing Request & Responses"): those are the operations a new row is known to be testable on.
    return row.section === BALANCE_LOAD_TABLE
      ? { file: "incentives/errors-other-endpoints.yaml", idPrefix: "load-", operations: ["LoadAmazonBalance"] }
      : { file: "incentives/errors-gift-card.yaml", idPrefix: "", operations: ["CreateGiftCard", "ActivateGiftCard"] };
  },
};

/**
 * A page the spec cites for its sentences and sections, not for rows: the
 * pages of Amazon Pay's payment outcomes. No table of theirs is read (their
 * layouts were not confirmed), so such a page is known by the address it was
 * fetched from, never by its content; syncing it checks every section and
 * quote the spec and the flows cite from it, and records its digest.
 */
function prosePage(title: string, url: string): PageKind {
  return {
    id: "amazon-pay-prose",
    title,
    api: "amazon-pay",
    url,
    fields: [],
    marked: () => false,
    read: () => [],
    listsRows: () => false,
    place: () => {
      throw new Error(`${title} lists no rows: nothing is placed from it`);
    },
  };
}

export const PROSE_PAGES: readonly PageKind[] = [
  prosePage("Amazon Pay — Manage recurring payments", "https://developer.amazon.com/docs/amazon-pay-recurring-checkout/manage-recurring-payments.html"),
  prosePage("Amazon Pay — Asynchronous processing", "https://developer.amazon.com/docs/amazon-pay-checkout/asynchronous-processing.html"),
  prosePage("Amazon Pay — Sandbox simulations", "https://developer.amazon.com/docs/amazon-pay-checkout/sandbox-simulations.html"),
  prosePage("Amazon Pay API — Refund", "https://developer.amazon.com/docs/amazon-pay-api-v2/refund.html"),
  prosePage("Amazon Pay API — Charge", "https://developer.amazon.com/docs/amazon-pay-api-v2/charge.html"),
  prosePage("Amazon Pay API — Charge Permission", "https://developer.amazon.com/docs/amazon-pay-api-v2/charge-permission.html"),
  prosePage("Amazon Pay API — Checkout Session", "https://developer.amazon.com/docs/amazon-pay-api-v2/checkout-session.html"),
];

export const PAGE_KINDS: readonly PageKind[] = [payErrors, payFaq, incentivesErrors, ...PROSE_PAGES];
