import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packageVersion } from "../package-root.js";
import { edit, PAGES } from "../sources/test-support/pages.js";
import { loadSpecWithOverlay } from "../spec/load-with-overlay.js";
import type { SpecFile } from "../spec/spec-document.js";
import { changelogLines } from "./changelog.js";
import { syncIntoOverlay, type OverlaySyncResult } from "./sync-into-overlay.js";
import { testSpec } from "./test-support/test-spec.js";

/*
 * `faultproof sync <page> --into faultproof/spec` on the small pages written
 * for the tests, with the small test spec standing in for the bundled one:
 * the overlay gets the team's differences and nothing else.
 */

const FOLDER = "faultproof/spec";
const GIFT = `${FOLDER}/incentives/errors.yaml`;
const PAY = `${FOLDER}/amazon-pay/errors.yaml`;
const golden = (name: string) => readFileSync(new URL(`./test-support/golden/${name}`, import.meta.url), "utf8");

/** The Incentives page with one code the spec does not have, in its F200 table. */
const NEW_CODE_PAGE = edit(PAGES.incentives, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nCardExpired |\nThe card has expired | Mock: F2049 |\n");
/** The Amazon Pay page with one message reworded. */
const CHANGED_MESSAGE_PAGE = edit(PAGES.payErrors, "Couldn’t find requested resource", "The requested resource could not be found");

type Synced = Extract<OverlaySyncResult, { ok: true }>;

function sync(content: string, overlay: readonly SpecFile[] = []): Synced {
  const result = syncIntoOverlay({ page: { name: "page.html", content }, bundled: testSpec.files, overlay, overlayFolder: FOLDER, toolVersion: packageVersion });
  if (!result.ok) throw new Error(`sync failed: ${result.message}\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

describe("sync --into: the overlay holds only the team's differences", () => {
  it("a new Incentives code becomes the one entry of the overlay's incentives file", () => {
    const result = sync(NEW_CODE_PAGE);
    expect(result.writes.map((write) => write.path)).toEqual([GIFT]);
    expect(result.writes[0]!.text).toBe(golden("overlay-new-code.yaml"));
    expect(result.entries.map((entry) => [entry.effect, entry.id, entry.file])).toEqual([["added", "f2049-card-expired", GIFT]]);
    expect(changelogLines(result.changes)).toEqual([`+ f2049-card-expired: new CardExpired (mock F2049) in ${GIFT}, handling fail-surface, marked for review`]);
  });

  it("a changed Amazon Pay message becomes the one entry of the overlay's amazon-pay file, the bundled spec untouched", () => {
    const result = sync(CHANGED_MESSAGE_PAGE);
    expect(result.writes.map((write) => write.path)).toEqual([PAY]);
    expect(result.writes[0]!.text).toBe(golden("overlay-changed-message.yaml"));
    expect(result.entries.map((entry) => [entry.effect, entry.id, entry.fields])).toEqual([["changed", "resource-not-found", ["message"]]]);
  });

  it("a page that agrees with bundled + overlay writes nothing, spec/sources.yaml's digest included", () => {
    expect(sync(PAGES.incentives).writes).toEqual([]);
    const overlay = sync(NEW_CODE_PAGE).writes;
    expect(sync(NEW_CODE_PAGE, overlay).writes).toEqual([]);
  });

  it("edits an entry of the overlay in place, keeping the team's comments", () => {
    const [first] = sync(NEW_CODE_PAGE).writes;
    const commented = { path: GIFT, text: first!.text.replace("  - id: f2049-card-expired", "  # reviewed with the gift-card team\n  - id: f2049-card-expired") };
    const result = sync(edit(NEW_CODE_PAGE, "The card has expired", "The gift card has expired"), [commented]);
    expect(result.writes.map((write) => write.path)).toEqual([GIFT]);
    expect(result.writes[0]!.text).toContain("# reviewed with the gift-card team");
    expect(result.writes[0]!.text).toContain("message: The gift card has expired");
    expect(result.writes[0]!.text.match(/- id:/g)).toHaveLength(1);
  });

  it("flags a row gone from the page in the overlay, as a whole entry marked removedFromPage", () => {
    const result = sync(edit(PAGES.payErrors, "405 METHOD_NOT_ALLOWED\nUnsupportedOperation\nOperation not supported\n", ""));
    expect(result.entries.map((entry) => [entry.effect, entry.id])).toEqual([["removed", "unsupported-operation"]]);
    const loaded = loadSpecWithOverlay({ bundled: testSpec.files, overlay: result.writes, toolVersion: packageVersion });
    expect(loaded.ok && loaded.catalogue.errors.find((error) => error.id === "unsupported-operation")?.removedFromPage).toBe(true);
  });

  it("refuses an overlay that does not load, naming file:line:col, and returns nothing to write", () => {
    const result = syncIntoOverlay({ page: { name: "page.html", content: PAGES.incentives }, bundled: testSpec.files, overlay: [{ path: GIFT, text: "api: incentives\nerrors:\n  - id: x\n" }], overlayFolder: FOLDER, toolVersion: packageVersion });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toBe("overlay");
    expect(!result.ok && result.diagnostics?.[0]).toMatchObject({ file: GIFT, line: 3 });
  });
});
