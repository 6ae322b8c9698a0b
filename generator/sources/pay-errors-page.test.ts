import { describe, expect, it } from "vitest";
import { readPayErrorsPage } from "./pay-errors-page.js";
import { LOCALE_BANNER, PAGES } from "./test-support/pages.js";

const rows = readPayErrorsPage(PAGES.payErrors);

describe("the Amazon Pay errors page, as text", () => {
  it("reads one row per reason code, with its status", () => {
    expect(rows.map((row) => [row.httpStatus, row.statusText, row.reasonCode])).toEqual([
      [400, "BAD_REQUEST", "InvalidHeaderValue"],
      [400, "BAD_REQUEST", "DuplicateIdempotencyKey"],
      [404, "NOT_FOUND", "ResourceNotFound"],
      [405, "METHOD_NOT_ALLOWED", "UnsupportedOperation"],
      [429, "TOO_MANY_REQUESTS", "TooManyRequests"],
      [503, "SERVICE_UNAVAILABLE", "ServiceUnavailable"],
    ]);
  });

  it("pairs each reason code with its description paragraphs, white space folded", () => {
    expect(rows.find((row) => row.reasonCode === "InvalidHeaderValue")!.description).toEqual([
      "You submitted an invalid value for at least one of the header parameters of your API call",
      "For details, check the message element in the API response",
    ]);
    expect(rows.find((row) => row.reasonCode === "TooManyRequests")!.description).toEqual(["The request is throttled, due to too many requests in a given amount of time", "You should retry the request"]);
    expect(rows.find((row) => row.reasonCode === "ResourceNotFound")!.description).toEqual(["Couldn’t find requested resource"]);
  });

  it("stops at the retry section", () => {
    expect(rows.at(-1)?.description.join(" ")).not.toMatch(/at once/);
  });

  it("reads the same rows under a locale banner at the top of the page", () => {
    expect(readPayErrorsPage(LOCALE_BANNER + PAGES.payErrors)).toEqual(rows);
  });

  it("reads the same rows from the table form the HTML gives, a cell's paragraphs kept apart", () => {
    const table = [
      "HTTP status code | Reason code | Description |",
      "---|---|---|",
      "400 BAD_REQUEST | InvalidHeaderValue | You submitted an invalid value",
      "For details, check the message element |",
      "503 SERVICE_UNAVAILABLE | ServiceUnavailable | Retry the request |",
      "not a status | Foo | Bar |",
    ].join("\n");
    expect(readPayErrorsPage(table)).toEqual([
      { httpStatus: 400, statusText: "BAD_REQUEST", reasonCode: "InvalidHeaderValue", description: ["You submitted an invalid value", "For details, check the message element"] },
      { httpStatus: 503, statusText: "SERVICE_UNAVAILABLE", reasonCode: "ServiceUnavailable", description: ["Retry the request"] },
    ]);
    expect(readPayErrorsPage(`${LOCALE_BANNER}${table}`)).toEqual(readPayErrorsPage(table));
  });
});
