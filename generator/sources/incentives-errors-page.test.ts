import { describe, expect, it } from "vitest";
import { readIncentivesErrorsPage } from "./incentives-errors-page.js";
import { edit, PAGES } from "./test-support/pages.js";

const page = readIncentivesErrorsPage(PAGES.incentives);

describe("the Incentives API errors page, as text", () => {
  it("has six error classes and the common causes", () => {
    expect(page.classes.map((c) => c.code)).toEqual(["F100", "F200", "F300", "F400", "F500", "Throttled"]);
    expect(page.classes[2]).toEqual({ code: "F300", description: "Account related Error (typically due to onboarding, authentication, access related issues, etc.)" });
    expect(page.commonCauses.map((c) => c.errorClass)).toEqual(["F300", "F400"]);
  });

  it("reads every row of its four error tables, in the page's order, under its heading", () => {
    expect(page.rows.map((row) => [row.section, row.errorType, row.errorClass, row.mockCode])).toEqual([
      ["F100 - System Errors", "GcLocked", "F100", "F1000"],
      ["F100 - System Errors", "RequestError", "F100", "F1000"],
      ["F200 - Partner Input Errors", "InvalidRequestInput", "F200", "F2000"],
      ["F200 - Partner Input Errors", "InvalidAmountValue", "F200", "F2004"],
      ["F200 - Partner Input Errors", "InvalidRequestIdInput", "F200", "F2006"],
      ["F200 - Partner Input Errors", "CardNumberTooShort", "F200", "F2023"],
      ["F200 - Partner Input Errors", "CardNumberCheckSumError", "F200", "F2023"],
      ["F200 - Partner Input Errors", "InvalidDateFormat", "F200", "F2032"],
      ["F200 - Partner Input Errors", "ProgramIdNotPresent", "F200", "F2048"],
      ["F300 - Partner Account/Access/Onboarding Errors", "InsufficientFunds", "F300", "F3003"],
      ["F300 - Partner Account/Access/Onboarding Errors", "GeneralError", "F300", "F3005"],
      ["F300 - Partner Account/Access/Onboarding Errors", "AccountHasProblems", "F300", "F3005"],
      ["F300 - Partner Account/Access/Onboarding Errors", "InvalidProgramId", "F300", "F3010"],
      ["Other Endpoint Errors", "GeneralError", "F100", "F1000"],
      ["Other Endpoint Errors", "InvalidAmountValue", "F200", "F2004"],
      ["Other Endpoint Errors", "InvalidAccessKey", "F300", "F3001"],
      ["Other Endpoint Errors", "InvalidAccessKey", "F300", "F3001"],
      ["Other Endpoint Errors", "CustomerSurpassedDailyVelocityLimit", "F300", "F3010"],
      ["Other Endpoint Errors", "SystemTemporarilyUnavailable", "F400", "F4000"],
      ["Other Endpoint Errors", "GeneralError", "F500", "F5000"],
    ]);
  });

  it("keeps a cell wrapped over lines whole and a message's exact characters", () => {
    expect(page.rows.find((row) => row.mockCode === "F4000")).toEqual({
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
    expect(system.every((row) => row.mockCode === "F1000" && row.message === undefined)).toBe(true);
  });

  it("reads the same page laid out as pipe tables, one row a line, to the same rows", () => {
    expect(PAGES.incentivesPipe).not.toBe(PAGES.incentives);
    expect(readIncentivesErrorsPage(PAGES.incentivesPipe)).toEqual(page);
  });

  it("reads a row added to a table, and loses a row taken out", () => {
    const added = edit(PAGES.incentives, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nBrandNotAllowed |\nThe brand is not allowed | Mock: F2049 |\n");
    expect(readIncentivesErrorsPage(added).rows.find((row) => row.mockCode === "F2049")).toEqual({ section: "F200 - Partner Input Errors", errorType: "BrandNotAllowed", errorClass: "F200", mockCode: "F2049", message: "The brand is not allowed" });
    const removed = edit(PAGES.incentives, "InvalidDateFormat |\nInvalid Date Format | Mock: F2032 |\n", "");
    expect(readIncentivesErrorsPage(removed).rows.map((row) => row.mockCode)).not.toContain("F2032");
    expect(readIncentivesErrorsPage(removed).rows).toHaveLength(page.rows.length - 1);
  });

  it("reads the throttled answer the Throttled section shows, outside the tables", () => {
    expect(page.throttling).toEqual({ section: "Throttled", errorType: "ThrottlingException", message: "Rate exceeded" });
    expect(readIncentivesErrorsPage("Throttled\nNo sample here.\n").throttling).toBeUndefined();
  });
});
