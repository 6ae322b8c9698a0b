import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../package-root.js";
import { readPayFaqPage } from "./pay-faq-page.js";

const rows = readPayFaqPage(readFileSync(join(packageRoot, "spec/sources/002_3c3e2c8c7c35cbff.txt"), "utf8"));

describe("the Amazon Pay FAQ, as text", () => {
  it("documents AmountMismatch and InvalidCheckoutSessionStatus on Complete Checkout Session, and no other error", () => {
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
    expect(rows[1]!.message).toBe(
      "You tried to call Complete Checkout Session with a Checkout Session that is in a state where that operation is not allowed. The Checkout Session object is either in a Completed or Canceled state.",
    );
  });

  it("reads nothing from a question without an answer or a page without error questions", () => {
    expect(readPayFaqPage("Q: Why is Get Charge returning a Foo error response?\n\nQ: next?\n")).toEqual([]);
    expect(readPayFaqPage("Frequently asked questions\nQ: Can a subscriber cancel?\nYes.\n")).toEqual([]);
  });
});
