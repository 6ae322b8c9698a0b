import { describe, expect, it } from "vitest";
import { readPayFaqPage } from "./pay-faq-page.js";
import { LOCALE_BANNER, PAGES } from "./test-support/pages.js";

const rows = readPayFaqPage(PAGES.payFaq);

describe("the Amazon Pay FAQ, as text", () => {
  it("reads the questions about an error, and no other question", () => {
    expect(rows.map((row) => [row.reasonCode, row.operation])).toEqual([
      ["AmountMismatch", "Complete Checkout Session"],
      ["InvalidCheckoutSessionStatus", "Complete Checkout Session"],
    ]);
  });

  it("cites each by its question and takes the cause, not the advice, as the message", () => {
    expect(rows[0]).toMatchObject({
      section: "Why is Complete Checkout Session returning an AmountMismatch error response?",
      message: "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount.",
    });
    // The colon that introduces the list of states reads as a full stop.
    expect(rows[1]!.message).toBe(
      "You tried to call Complete Checkout Session with a Checkout Session that is in a state where that operation is not allowed. The Checkout Session object is either in a Completed or Canceled state.",
    );
  });

  it("reads the same under a locale banner", () => {
    expect(readPayFaqPage(LOCALE_BANNER + PAGES.payFaq)).toEqual(rows);
  });

  it("reads nothing from a question without an answer or a page without error questions", () => {
    expect(readPayFaqPage("Q: Why is Get Charge returning a Foo error response?\n\nQ: next?\n")).toEqual([]);
    expect(readPayFaqPage("Frequently asked questions\nQ: Can a subscriber cancel?\nYes.\n")).toEqual([]);
  });
});
