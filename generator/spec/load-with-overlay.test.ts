import { describe, expect, it } from "vitest";
import { packageVersion } from "../package-root.js";
import { testSpec } from "../sync/test-support/test-spec.js";
import { formatDiagnostic } from "./diagnostic.js";
import { loadSpecWithOverlay } from "./load-with-overlay.js";
import type { SpecFile } from "./spec-document.js";
import { NEW_CODE_OVERLAY } from "./test-support/overlay-fixtures.js";

/*
 * A team's overlay on the small spec the sync tests use (standing in for the
 * bundled one): entries that add, change and flag rows, and overlays the
 * loader must refuse at the overlay's own file, line and column.
 */

const GIFT = "faultproof/spec/incentives/errors.yaml";
const PAY = "faultproof/spec/amazon-pay/errors.yaml";

const NEW_CODE = NEW_CODE_OVERLAY;

const CHANGED_MESSAGE = `api: amazon-pay
errors:
  - id: resource-not-found
    code: ResourceNotFound
    httpStatus: 404
    statusText: NOT_FOUND
    message: The requested resource could not be found
    operations: all
    handling: fail-surface
    rationale: The object the request names does not exist.
    source: { doc: "000", section: Error codes }
`;

function load(overlay: readonly SpecFile[]) {
  return loadSpecWithOverlay({ bundled: testSpec.files, overlay, toolVersion: packageVersion });
}

function problems(overlay: readonly SpecFile[]): string[] {
  const result = load(overlay);
  if (result.ok) throw new Error("expected the overlay to be refused");
  return result.diagnostics.map(formatDiagnostic);
}

const bundledPay = () => {
  const result = loadSpecWithOverlay({ bundled: testSpec.files, overlay: [], toolVersion: packageVersion });
  if (!result.ok) throw new Error("the test spec does not load");
  return result.catalogue;
};

describe("bundled spec + a team's overlay", () => {
  it("without an overlay, is the bundled catalogue itself", () => {
    const result = load([]);
    expect(result.ok && result.entries).toEqual([]);
    expect(result.ok && result.catalogue.catalogueVersion).toBe(bundledPay().catalogueVersion);
  });

  it("adds a new code and replaces a changed entry, each named with its effect and place", () => {
    const bundledEntry = bundledPay().errors.find((error) => error.id === "resource-not-found");
    expect(bundledEntry, "fixture: the test spec has resource-not-found").toBeDefined();
    const result = load([{ path: GIFT, text: NEW_CODE }, { path: PAY, text: CHANGED_MESSAGE }]);
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join("\n"));
    expect(result.entries).toEqual([
      { effect: "changed", api: "amazon-pay", id: "resource-not-found", code: "ResourceNotFound", file: PAY, line: 3, column: 9, fields: expect.arrayContaining(["message"]) as unknown },
      { effect: "added", api: "incentives", id: "f2049-card-expired", code: "CardExpired", file: GIFT, line: 3, column: 9 },
    ]);
    const errors = result.catalogue.errors;
    expect(errors.filter((error) => error.id === "resource-not-found").map((error) => error.message)).toEqual(["The requested resource could not be found"]);
    expect(errors.find((error) => error.id === "f2049-card-expired")?.mockCode).toBe("F2049");
    expect(result.catalogue.mockCodes.some((mock) => mock.code === "F2049")).toBe(true);
    expect(errors).toHaveLength(bundledPay().errors.length + 1);
  });

  it("calls an entry the bundled spec already holds, identically, redundant", () => {
    const pay = testSpec.files.find((file) => file.path === "spec/amazon-pay/errors.yaml")!;
    const result = load([{ path: PAY, text: pay.text }]);
    if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join("\n"));
    expect(new Set(result.entries.map((entry) => entry.effect))).toEqual(new Set(["redundant"]));
  });

  it("calls an entry flagged removedFromPage removed", () => {
    const result = load([{ path: PAY, text: CHANGED_MESSAGE.replace("The requested resource could not be found", "Couldn’t find requested resource").replace("    source:", "    removedFromPage: true\n    source:") }]);
    expect(result.ok && result.entries.map((entry) => entry.effect)).toEqual(["removed"]);
    expect(result.ok && result.entries[0]!.fields).toContain("removedFromPage");
  });
});

describe("an overlay the loader refuses, at the overlay's file:line:col", () => {
  it.each([
    ["a handling that does not exist", { path: GIFT, text: NEW_CODE.replace("handling: fail-surface", "handling: fail-loudly") }, `${GIFT}:9:15: errors[0].handling: string "fail-loudly" is not allowed`],
    ["an unknown operation", { path: GIFT, text: NEW_CODE.replace("[ CreateGiftCard, ActivateGiftCard ]", "[ CreateGiftCard, IssueCard ]") }, `${GIFT}:8:35: errors[0].operations[1]: unknown incentives operation "IssueCard"`],
    ["a field the schema does not know", { path: GIFT, text: NEW_CODE.replace("    message:", "    mesage: x\n    message:") }, `${GIFT}:7:5: errors[0].mesage: unknown key "mesage"`],
    ["a file outside an API's folder", { path: "faultproof/spec/errors.yaml", text: NEW_CODE }, "faultproof/spec/errors.yaml: an overlay file goes in a folder named for its API"],
    ["a key an overlay cannot hold", { path: GIFT, text: `${NEW_CODE}rules: []\n` }, `${GIFT}:13:1: rules: "rules" cannot be overlaid`],
    ["invalid YAML", { path: GIFT, text: "api: incentives\nerrors: [\n" }, `${GIFT}:3:1: invalid YAML`],
    ["a code twice", { path: PAY, text: CHANGED_MESSAGE.replace("id: resource-not-found", "id: resource-gone") }, `${PAY}:4:11: errors[0].code: duplicate code "ResourceNotFound"`],
  ])("%s", (_name, file, want) => {
    const found = problems([file]);
    expect(found.some((line) => line.startsWith(want)), `${want}\nin:\n${found.join("\n")}`).toBe(true);
  });
});
