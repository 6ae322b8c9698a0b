import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../package-root.js";
import { readPayErrorsPage } from "./pay-errors-page.js";

const rows = readPayErrorsPage(readFileSync(join(packageRoot, "spec/sources/000_5b2fbd8c92054aef.txt"), "utf8"));

describe("the Amazon Pay errors page, as text", () => {
  it("has 20 generic reason codes", () => {
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((row) => row.reasonCode)).size).toBe(20);
  });

  it("pairs each reason code with its status and description paragraphs", () => {
    expect(rows.find((row) => row.reasonCode === "ServiceUnavailable")).toEqual({
      httpStatus: 503,
      statusText: "SERVICE_UNAVAILABLE",
      reasonCode: "ServiceUnavailable",
      description: ["The service is currently unable to handle the request, due to a temporary overloading or maintenance", "Retry the request"],
    });
    expect(rows.map((row) => row.httpStatus)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 401, 403, 403, 404, 405, 405, 426, 429, 500, 503]);
  });

  it("stops at the retry section", () => {
    expect(rows.at(-1)?.description.join(" ")).not.toMatch(/retry a request if you receive/);
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
  });
});
