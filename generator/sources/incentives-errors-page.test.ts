import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../package-root.js";
import { readIncentivesErrorsPage } from "./incentives-errors-page.js";

const page = readIncentivesErrorsPage(readFileSync(join(packageRoot, "spec/sources/003_dc2cf047835e2926.txt"), "utf8"));

describe("the Incentives API errors page, as text", () => {
  it("has six error classes and four common causes", () => {
    expect(page.classes.map((c) => c.code)).toEqual(["F100", "F200", "F300", "F400", "F500", "Throttled"]);
    expect(page.commonCauses.map((c) => c.errorClass)).toEqual(["F200", "F300", "F300", "F400"]);
  });

  it("has 96 rows in its four error tables, 74 error types and 64 mock codes", () => {
    const perSection = Object.fromEntries(
      [...new Set(page.rows.map((row) => row.section))].map((section) => [section, page.rows.filter((row) => row.section === section).length]),
    );
    expect(perSection).toEqual({
      "F100 - System Errors": 6,
      "F200 - Partner Input Errors": 37,
      "F300 - Partner Account/Access/Onboarding Errors": 16,
      "Other Endpoint Errors": 37,
    });
    expect(new Set(page.rows.map((row) => row.errorType)).size).toBe(74);
    expect(new Set(page.rows.map((row) => row.mockCode)).size).toBe(64);
  });

  it("keeps a wrapped cell whole and a message's exact characters", () => {
    const resend = page.rows.find((row) => row.mockCode === "F4000");
    expect(resend).toEqual({
      section: "Other Endpoint Errors",
      errorType: "SystemTemporarilyUnavailable",
      errorClass: "F400",
      mockCode: "F4000",
      message: "Amazon system is temporarily not available. Note: Response Status would be RESEND and not Failure . See Error Handling",
    });
    expect(page.rows.find((row) => row.mockCode === "F2006")?.message).toBe("Request Id can’t be null or empty");
  });

  it("reads the F1000 list as names without messages", () => {
    const system = page.rows.filter((row) => row.section === "F100 - System Errors");
    expect(system.map((row) => row.errorType)).toEqual(["SimpleAmountIsNull", "AmountIsNull", "CurrencyCodeIsNull", "GcLocked", "EmptyCardInfoList", "RequestError"]);
    expect(system.every((row) => row.mockCode === "F1000" && row.message === undefined)).toBe(true);
  });

  it("reads the throttled answer the Throttled section shows, outside the tables", () => {
    expect(page.throttling).toEqual({ section: "Throttled", errorType: "ThrottlingException", message: "Rate exceeded" });
    expect(readIncentivesErrorsPage("Throttled\nNo sample here.\n").throttling).toBeUndefined();
  });
});
