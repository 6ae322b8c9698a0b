import { describe, expect, it } from "vitest";
import { packageVersion } from "../package-root.js";
import type { Catalogue, CatalogueError } from "../spec/catalogue.js";
import { loadSpec } from "../spec/load-spec.js";
import type { SpecFile } from "../spec/spec-document.js";
import { bundledSpec, loadBundled } from "../spec/test-support/bundled-spec.js";
import { changelogLines } from "./changelog.js";
import { syncPage, type SyncResult } from "./sync-page.js";
import { edit, emptied, seed, seedAsHtml, SEEDS, written, type SpecTexts } from "./test-support/seeds.js";

type Synced = Extract<SyncResult, { ok: true }>;

function attempt(content: string, spec: SpecTexts = bundledSpec): SyncResult {
  return syncPage({ page: { name: "docs/page.html", content }, spec, toolVersion: packageVersion });
}

function sync(content: string, spec: SpecTexts = bundledSpec): Synced {
  const result = attempt(content, spec);
  if (!result.ok) throw new Error(`sync failed: ${result.message}\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

function load(spec: SpecTexts): Catalogue {
  const result = loadSpec({ ...spec, toolVersion: packageVersion });
  if (!result.ok) throw new Error(`the synced spec does not load:\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.catalogue;
}

/** The bundled spec with one file's text edited. */
function specWith(path: string, replace: string, by: string): SpecTexts {
  return { ...bundledSpec, files: bundledSpec.files.map((file) => (file.path === path ? { ...file, text: edit(file.text, replace, by) } : file)) };
}

const textOf = (files: readonly SpecFile[], path: string) => files.find((file) => file.path === path)!.text;
const PAY = "spec/amazon-pay/errors.yaml";
const GIFT_CARD = "spec/incentives/errors-gift-card.yaml";
const OTHER_ENDPOINTS = "spec/incentives/errors-other-endpoints.yaml";
const ALL_SEEDS = Object.values(SEEDS);
const bundled = loadBundled();

describe("faultproof sync on a page the spec agrees with", () => {
  it.each(ALL_SEEDS)("reports no change for seed %s and writes nothing", (file) => {
    const result = sync(seed(file));
    expect(result.changes).toEqual([]);
    expect(result.writes).toEqual([]);
  });

  it.each(ALL_SEEDS)("reads the HTML form of seed %s to the same rows", (file) => {
    const html = seedAsHtml(seed(file));
    expect(html).toMatch(/^<!DOCTYPE html>[\s\S]*<table/);
    const result = sync(html);
    expect(result.changes).toEqual([]);
    expect(result.writes).toEqual([]);
  });

  it("recognises each seed as its own document", () => {
    expect(ALL_SEEDS.map((file) => [sync(seed(file)).docId, sync(seed(file)).kind.id])).toEqual([
      ["000", "amazon-pay-errors"],
      ["002", "amazon-pay-faq"],
      ["003", "incentives-errors"],
    ]);
  });
});

describe("faultproof sync into a spec whose error lists are empty", () => {
  const empty: SpecTexts = { ...bundledSpec, files: emptied(bundledSpec.files) };
  const filled = ALL_SEEDS.reduce((spec, file) => written(spec, sync(seed(file), spec).writes), empty);
  const synced = load(filled);

  it("starts from every file but the error lists as it was", () => {
    const notErrors = (files: readonly SpecFile[]) => files.filter((file) => !file.path.includes("/errors"));
    expect(notErrors(empty.files)).toEqual(notErrors(bundledSpec.files));
    expect(empty.files.filter((file) => file.path.includes("/errors")).every((file) => /^errors: \[\]$/m.test(file.text) && !/^ {2}- id:/m.test(file.text))).toBe(true);
    expect(filled.files.map((file) => file.path)).toEqual(bundledSpec.files.map((file) => file.path));
  });

  it("reproduces every code, mock code, message and status of the catalogue", () => {
    const of = (errors: readonly CatalogueError[], key: (error: CatalogueError) => string | undefined) => [...new Set(errors.map(key).filter((k) => k !== undefined))].sort();
    const codes = (e: CatalogueError) => `${e.api} ${e.code}`;
    const messages = (e: CatalogueError) => (e.message === undefined ? undefined : `${e.api} ${e.code} ${e.message}`);
    // The FAQ gives no status: its two entries get a placeholder marked for review (below).
    const statuses = (e: CatalogueError) => (e.source.doc === "002" ? undefined : `${e.api} ${e.code} ${e.httpStatus} ${e.statusText} ${e.mockCode} ${e.errorClass} ${e.status}`);
    for (const key of [codes, messages, statuses]) expect(of(synced.errors, key)).toEqual(of(bundled.errors, key));
    // Placements are left out: the gift-card F4000 and F5000 entries come from the page's prose, not its rows.
    const mocks = (catalogue: Catalogue) => catalogue.mockCodes.map((m) => `${m.api} ${m.code} ${m.outcome} ${m.errorClass}`);
    expect(mocks(synced)).toEqual(mocks(bundled));
  });

  it("gives each row of the pages an entry with the row's exact words, in the page's order", () => {
    const prose = ["Most common error codes and causes", "F500 – Unknown Error"];
    const asRow = (e: CatalogueError) => ({
      api: e.api,
      section: e.source.section,
      code: e.code,
      mockCode: e.mockCode,
      errorClass: e.errorClass,
      message: e.message,
      details: e.details,
      ...(e.source.doc === "002" ? {} : { httpStatus: e.httpStatus, statusText: e.statusText }),
    });
    const rows = synced.errors.map(asRow);
    expect(rows).toHaveLength(20 + 2 + 96 + 1);
    expect(rows).toEqual(bundled.errors.filter((e) => !prose.includes(e.source.section)).map(asRow));
  });

  it("marks every new entry for review, with the safe handling the spec's own entries choose", () => {
    expect(synced.errors.every((e) => e.review !== undefined && e.documentsSilent)).toBe(true);
    expect(synced.errors.find((e) => e.code === "AmountMismatch")).toMatchObject({ httpStatus: 400, operations: ["CompleteCheckoutSession"], review: expect.stringMatching(/no HTTP status/) });
    // Where the hand-written spec chose otherwise, it is for a reason the rows do not carry.
    const differs = synced.errors
      .map((e) => [e, bundled.errors.find((b) => b.api === e.api && b.code === e.code && b.mockCode === e.mockCode && b.message === e.message)!] as const)
      .filter(([e, b]) => e.handling !== b.handling)
      .map(([e, b]) => `${e.code}: ${e.handling} → ${b.handling}`);
    expect(differs).toEqual([
      "InvalidCheckoutSessionStatus: fail-surface → reconcile-state",
      "CustomerSurpassedDailyVelocityLimit: manual-follow-up → fail-surface",
      "CustomerAccountBlocked: manual-follow-up → fail-surface",
    ]);
  });
});

/** Syncs `page`, checks the changelog, that the result loads, and that syncing the same page again changes nothing. */
function syncEdited(options: { page: string; spec?: SpecTexts; changelog: readonly string[]; writes: readonly string[] }): { synced: Synced; after: SpecTexts; catalogue: Catalogue } {
  const synced = sync(options.page, options.spec);
  expect(changelogLines(synced.changes)).toEqual(options.changelog);
  expect(synced.writes.map((write) => write.path)).toEqual(options.writes);
  const after = written(options.spec ?? bundledSpec, synced.writes);
  expect(sync(options.page, after).changes).toEqual([]);
  return { synced, after, catalogue: load(after) };
}

describe("faultproof sync on an edited page", () => {
  it("reports the Amazon Pay row added, the message changed and the row removed, and nothing else, keeping comments", () => {
    let page = seed(SEEDS.payErrors);
    page = edit(page, "429 TOO_MANY_REQUESTS\n", "409 CONFLICT\nResourceConflict\nThe resource was changed by another request\n\nRead it again before you change it\n429 TOO_MANY_REQUESTS\n");
    page = edit(page, "Operation not supported\n", "Operation is not supported\n");
    page = edit(page, "400 BAD_REQUEST\nCurrencyMismatch\nCurrency code provided in Charge does not match the currency set during checkout\n", "");
    const spec = specWith(PAY, "    message: Operation not supported\n", "    # confirmed with Amazon support\n    message: Operation not supported # reworded once\n");
    const { synced, catalogue } = syncEdited({
      page,
      spec,
      changelog: [
        '~ unsupported-operation: message "Operation not supported" → "Operation is not supported"',
        "+ resource-conflict: new 409 ResourceConflict in spec/amazon-pay/errors.yaml, handling fail-surface, marked for review",
        "- currency-mismatch: CurrencyMismatch is no longer on the page; flagged removedFromPage (still certified until you delete it)",
      ],
      writes: [PAY, "spec/sources/000_5b2fbd8c92054aef.txt"],
    });
    const text = textOf(synced.writes, PAY);
    expect(text).toContain("    # confirmed with Amazon support\n    message: Operation is not supported # reworded once\n");
    expect(text).toMatch(/- id: currency-mismatch\n(?: {4}.*\n)*? {4}removedFromPage: true\n {4}source: /);
    expect(text.endsWith(
      [
        "  - id: resource-conflict",
        "    code: ResourceConflict",
        "    httpStatus: 409",
        "    statusText: CONFLICT",
        "    message: The resource was changed by another request",
        "    details: [ Read it again before you change it ]",
        "    operations: all",
        "    handling: fail-surface",
        '    rationale: "Added by faultproof sync: the request itself is wrong, and the same request fails the same way, so fail and surface the code."',
        "    documentsSilent: true",
        "    review: added by faultproof sync; confirm the handling and the operations",
        '    source: { doc: "000", section: Error codes }',
        "",
      ].join("\n"),
    )).toBe(true);
    // Nothing else differs from the file as it was: undo the three changes and it is the same text.
    const undone = text
      .slice(0, text.indexOf("  - id: resource-conflict\n"))
      .replace("Operation is not supported", "Operation not supported")
      .replace("    removedFromPage: true\n", "");
    expect(undone).toBe(textOf(spec.files, PAY));
    expect(catalogue.errors.find((e) => e.id === "currency-mismatch")).toMatchObject({ removedFromPage: true, handling: "fail-surface" });
  });

  it("refuses, naming the rule, a page that drops a question whose sentence a verdict quotes", () => {
    let page = seed(SEEDS.payFaq);
    page = page.slice(0, page.indexOf("Q: Why is Complete Checkout Session returning an InvalidCheckoutSessionStatus")) + page.slice(page.indexOf("Buyer experience FAQs"));
    const result = attempt(page, bundledSpec);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/nothing was written/);
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: "spec/amazon-pay/rules.yaml", field: expect.stringMatching(/^rules\[\d+\]\.enforces\[0\]\.quote$/), message: "the quote is not in document 002" }));
    }
  });

  it("reports the FAQ question added and the answer changed", () => {
    let page = seed(SEEDS.payFaq);
    page = edit(page, "Buyer experience FAQs", "Q: Why is Create Charge returning a TransactionAmountExceeded error response?\n\nThe Create Charge request chargeAmount exceeds the amount the buyer authorized. If it has to, ask the buyer again.\n\nBuyer experience FAQs");
    page = edit(page, "must match the Checkout Session object chargeAmount.", "must equal the Checkout Session object chargeAmount.");
    const { catalogue } = syncEdited({
      page,
      changelog: [
        '~ amount-mismatch: message "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount." → "The Complete Checkout Session request chargeAmount must equal the Checkout Session object chargeAmount."',
        "+ transaction-amount-exceeded: new 400 TransactionAmountExceeded in spec/amazon-pay/errors.yaml, handling fail-surface, marked for review",
      ],
      writes: [PAY, "spec/sources/002_3c3e2c8c7c35cbff.txt"],
    });
    expect(catalogue.errors.find((e) => e.code === "TransactionAmountExceeded")).toMatchObject({
      operations: ["CreateCharge"],
      message: "The Create Charge request chargeAmount exceeds the amount the buyer authorized.",
      source: { doc: "002", section: "Why is Create Charge returning a TransactionAmountExceeded error response?" },
    });
  });

  it("reports the Incentives row added, the message changed and the row removed, keeping the file's comments", () => {
    let page = seed(SEEDS.incentives);
    page = edit(page, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nBrandNotAllowed |\nThe brand is not allowed for this partner | Mock: F2049 |\n");
    page = edit(page, "Amount must be larger than 0 |", "Amount must be larger than zero |");
    page = edit(page, "InvalidDateFormat |\nInvalid Date Format | Mock: F2032 |\n", "");
    const { synced, catalogue } = syncEdited({
      page,
      changelog: [
        '~ f2004-invalid-amount-value: message "Amount must be larger than 0" → "Amount must be larger than zero"',
        "+ f2049-brand-not-allowed: new BrandNotAllowed (mock F2049) in spec/incentives/errors-gift-card.yaml, handling fail-surface, marked for review",
        "- f2032-invalid-date-format: InvalidDateFormat (mock F2032) is no longer on the page; flagged removedFromPage (still certified until you delete it)",
      ],
      writes: [GIFT_CARD, "spec/sources/003_dc2cf047835e2926.txt"],
    });
    const text = textOf(synced.writes, GIFT_CARD);
    for (const comment of ["# Errors of the gift-card operations", "    # The page gives this row's cause, not the message the API answers with.", "    # The section explains F500; it gives no message for the answer."]) {
      expect(text).toContain(comment);
    }
    expect(text).toContain("operations: &a1 [ CreateGiftCard, CancelGiftCard");
    expect(catalogue.errors.find((e) => e.mockCode === "F2049")).toMatchObject({
      id: "f2049-brand-not-allowed",
      errorClass: "F200",
      status: "FAILURE",
      operations: ["CreateGiftCard", "ActivateGiftCard"],
      handling: "fail-surface",
      source: { doc: "003", section: "F200 - Partner Input Errors" },
    });
    expect(catalogue.mockCodes.find((m) => m.code === "F2049")?.placements.map((p) => p.operation)).toEqual(["CreateGiftCard", "ActivateGiftCard"]);
  });

  it("tells apart two rows with the same code and mock code by their message", () => {
    const page = edit(seed(SEEDS.incentives), "Access key (in China) used to sign API request", "Access key (in China) used to sign an API request");
    syncEdited({
      page,
      changelog: ['~ load-f3001-invalid-access-key-china: message "Access key (in China) used to sign API request does not exist in Amazon system" → "Access key (in China) used to sign an API request does not exist in Amazon system"'],
      writes: [OTHER_ENDPOINTS, "spec/sources/003_dc2cf047835e2926.txt"],
    });
  });

  it("marks a changed status for review, and clears the flag of a row that comes back", () => {
    const removed = edit(seed(SEEDS.payErrors), "404 NOT_FOUND\nResourceNotFound\nCouldn’t find requested resource\n", "");
    const { after } = syncEdited({
      page: removed,
      changelog: ["- resource-not-found: ResourceNotFound is no longer on the page; flagged removedFromPage (still certified until you delete it)"],
      writes: [PAY, "spec/sources/000_5b2fbd8c92054aef.txt"],
    });
    const back = edit(seed(SEEDS.payErrors), "404 NOT_FOUND\nResourceNotFound\n", "410 GONE\nResourceNotFound\n");
    const { catalogue } = syncEdited({
      page: back,
      spec: after,
      changelog: [
        "~ resource-not-found: back on the page, removedFromPage cleared",
        "~ resource-not-found: httpStatus 404 → 410",
        '~ resource-not-found: statusText "NOT_FOUND" → "GONE"',
        "  resource-not-found marked for review: faultproof sync changed httpStatus 404 → 410; confirm the handling",
      ],
      writes: [PAY, "spec/sources/000_5b2fbd8c92054aef.txt"],
    });
    const entry = catalogue.errors.find((e) => e.id === "resource-not-found")!;
    expect(entry).toMatchObject({ httpStatus: 410, statusText: "GONE", review: "faultproof sync changed httpStatus 404 → 410; confirm the handling" });
    expect(entry.removedFromPage).toBeUndefined();
  });

  it("reads an edited HTML page like its text", () => {
    const page = seedAsHtml(edit(seed(SEEDS.incentives), "Amount must be larger than 0 |", "Amount must be larger than zero |"));
    const result = sync(page);
    expect(changelogLines(result.changes)).toEqual(['~ f2004-invalid-amount-value: message "Amount must be larger than 0" → "Amount must be larger than zero"']);
    // What spec/sources/ keeps is the page's text form, which the readers read.
    const stored = result.writes.find((write) => write.path.startsWith("spec/sources/"))!.text;
    expect(stored).not.toContain("<table");
    expect(stored).toContain("InvalidAmountValue | Amount must be larger than zero | Mock: F2004 |");
  });
});

describe("faultproof sync refuses", () => {
  it("a page it does not know, naming it", () => {
    expect(attempt("# My notes\n\nNothing about errors here.\n")).toEqual({
      ok: false,
      problem: "page",
      message: expect.stringMatching(/^docs\/page\.html is not a page faultproof can sync: no error table of "Amazon Pay — Manage errors", /),
    });
    // The marks alone are not enough: the page must have its rows.
    expect(attempt("Manage errors\nHTTP status code\nReason code\nDescription\n")).toMatchObject({ ok: false, problem: "page" });
  });

  it("a page spec/sources.yaml does not name", () => {
    const spec = specWith("spec/sources.yaml", "    url: https://developer.amazon.com/docs/amazon-pay-checkout/faq.html\n", "");
    expect(attempt(seed(SEEDS.payFaq), spec)).toMatchObject({ ok: false, problem: "spec", message: expect.stringMatching(/^spec\/sources\.yaml names no document at https:\/\/developer\.amazon\.com\/docs\/amazon-pay-checkout\/faq\.html/) });
  });

  it("a spec that does not parse, with the place of each problem", () => {
    const spec = specWith(PAY, "    httpStatus: 409\n", "    httpStatus: [409\n");
    const result = attempt(seed(SEEDS.payErrors), spec);
    expect(result).toMatchObject({ ok: false, problem: "spec", message: "the spec has problems to fix before it can be synced" });
    expect(!result.ok && result.diagnostics?.[0]).toMatchObject({ file: PAY, line: 219, message: expect.stringMatching(/^invalid YAML/) });
  });

  it("edits that would not load, and writes nothing", () => {
    const page = edit(seed(SEEDS.payFaq), "Buyer experience FAQs", "Q: Why is Frobnicate Charge returning a FrobnicationFailed error response?\n\nThe charge could not be frobnicated.\n\nBuyer experience FAQs");
    const result = attempt(page);
    expect(result).toMatchObject({ ok: false, problem: "spec", message: "the spec would not load after syncing docs/page.html; nothing was written" });
    expect(!result.ok && result.diagnostics?.map((d) => d.message)).toEqual(['unknown amazon-pay operation "FrobnicateCharge"']);
  });
});
