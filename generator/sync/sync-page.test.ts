import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { packageRoot, packageVersion } from "../package-root.js";
import { edit, LOCALE_BANNER, PAGES } from "../sources/test-support/pages.js";
import type { Catalogue, CatalogueError } from "../spec/catalogue.js";
import { loadSpec } from "../spec/load-spec.js";
import { readSpecDir, type SpecDir } from "../spec/read-spec-dir.js";
import type { SpecFile } from "../spec/spec-document.js";
import { changelogLines } from "./changelog.js";
import { pageDigest } from "./page-digest.js";
import { syncPage, type QuotedSentence, type SyncResult } from "./sync-page.js";
import { emptied, pageAsHtml, testSpec, written } from "./test-support/test-spec.js";

/*
 * `faultproof sync` on the small pages written for the tests
 * (generator/sources/test-support/pages/) and the small spec that cites them
 * (test-support/spec/): faultproof keeps no copy of Amazon's pages.
 */

type Synced = Extract<SyncResult, { ok: true }>;

function attempt(content: string, spec: SpecDir = testSpec, quoted?: readonly QuotedSentence[]): SyncResult {
  return syncPage({ page: { name: "docs/page.html", content }, spec, ...(quoted ? { quoted } : {}), toolVersion: packageVersion });
}

function sync(content: string, spec: SpecDir = testSpec): Synced {
  const result = attempt(content, spec);
  if (!result.ok) throw new Error(`sync failed: ${result.message}\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result;
}

function load(spec: SpecDir): Catalogue {
  const result = loadSpec({ ...spec, toolVersion: packageVersion });
  if (!result.ok) throw new Error(`the synced spec does not load:\n${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.catalogue;
}

/** The test spec with one file's text edited. */
function specWith(path: string, replace: string, by: string): SpecDir {
  return { files: testSpec.files.map((file) => (file.path === path ? { ...file, text: edit(file.text, replace, by) } : file)) };
}

/** 1-based line of the first line of a test spec file containing `marker`. */
function lineOf(path: string, marker: string): number {
  const index = textOf(testSpec.files, path).split("\n").findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`fixture: ${marker} not in ${path}`);
  return index + 1;
}

const textOf = (files: readonly SpecFile[], path: string) => files.find((file) => file.path === path)!.text;
const PAY = "spec/amazon-pay/errors.yaml";
const PAY_RULES = "spec/amazon-pay/rules.yaml";
const GIFT_CARD = "spec/incentives/errors-gift-card.yaml";
const OTHER_ENDPOINTS = "spec/incentives/errors-other-endpoints.yaml";
const INCENTIVES_RULES = "spec/incentives/rules.yaml";
const SOURCES = "spec/sources.yaml";
const ALL_PAGES = [
  ["Amazon Pay errors", PAGES.payErrors],
  ["Amazon Pay FAQ", PAGES.payFaq],
  ["Incentives errors", PAGES.incentives],
] as const;
const testCatalogue = load(testSpec);

/** The digest sources.yaml records for `doc` in these files. */
function recordedDigest(files: readonly SpecFile[], doc: string): string | undefined {
  const text = textOf(files, SOURCES);
  const entry = text.slice(text.indexOf(`- id: "${doc}"`)).split("\n  - ")[0]!;
  return /digest: (\S+)/.exec(entry)?.[1];
}

describe("faultproof sync on a page the spec agrees with", () => {
  it.each(ALL_PAGES)("reports no change for the %s page, checks its citations, and writes nothing", (_name, page) => {
    const result = sync(page);
    expect(result.changes).toEqual([]);
    expect(result.writes).toEqual([]);
    expect(result.digest).toEqual({ page: pageDigest(page), recorded: pageDigest(page) });
  });

  it.each(ALL_PAGES)("reads the HTML form of the %s page to the same rows, and records that form's digest", (_name, page) => {
    const html = pageAsHtml(page);
    expect(html).toMatch(/^<!DOCTYPE html>[\s\S]*<(table|p)/);
    const result = sync(html);
    expect(result.changes).toEqual([]);
    // The HTML's text form is not the text page's, so its digest is another; the entries are untouched.
    expect(result.writes.map((write) => write.path)).toEqual([SOURCES]);
    expect(result.digest.page).not.toBe(result.digest.recorded);
    const after = written(testSpec, result.writes);
    expect(recordedDigest(after.files, result.docId)).toBe(result.digest.page);
    expect(sync(html, after).writes).toEqual([]);
  });

  it("reads the Incentives page laid out as pipe tables, and the Amazon Pay pages under a locale banner, to the same rows", () => {
    for (const page of [PAGES.incentivesPipe, LOCALE_BANNER + PAGES.payErrors, LOCALE_BANNER + PAGES.payFaq, pageAsHtml(LOCALE_BANNER + PAGES.payErrors)]) {
      const result = sync(page);
      expect(result.changes).toEqual([]);
      expect(result.writes.map((write) => write.path)).toEqual([SOURCES]);
    }
  });

  it("recognises each page as its own document", () => {
    expect(ALL_PAGES.map(([, page]) => [sync(page).docId, sync(page).kind.id])).toEqual([
      ["000", "amazon-pay-errors"],
      ["002", "amazon-pay-faq"],
      ["003", "incentives-errors"],
    ]);
  });
});

describe("the digest spec/sources.yaml keeps instead of the page", () => {
  it("is the same for the same words wrapped or spaced otherwise, and changes with a word", () => {
    const page = PAGES.incentives;
    expect(pageDigest(page.replace(/\n/g, "\r\n").replace(/ \| /g, "  |   "))).toBe(pageDigest(page));
    expect(pageDigest(page.replace("answers success", "answers with success"))).not.toBe(pageDigest(page));
    expect(pageDigest(page)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("is recorded, and nothing else written, when the page changed where the spec does not look", () => {
    const page = edit(PAGES.incentives, "Mock code F0000 answers success.", "Mock code F0000 answers with success.");
    const result = sync(page);
    expect(result.changes).toEqual([]);
    expect(result.writes.map((write) => write.path)).toEqual([SOURCES]);
    // One line differs: the digest of doc 003. Comments and the other documents stay as they were.
    const before = textOf(testSpec.files, SOURCES).split("\n");
    const after = result.writes[0]!.text.split("\n");
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([`    digest: ${pageDigest(page)}`]);
    expect(sync(page, written(testSpec, result.writes)).writes).toEqual([]);
  });

  it("is added to a document that has none", () => {
    const spec = specWith(SOURCES, `    digest: ${pageDigest(PAGES.payFaq)}\n`, "");
    const result = sync(PAGES.payFaq, spec);
    expect(result.digest).toEqual({ page: pageDigest(PAGES.payFaq) });
    expect(textOf(result.writes, SOURCES)).toBe(textOf(testSpec.files, SOURCES));
  });
});

describe("faultproof sync into a spec whose error lists are empty", () => {
  const empty: SpecDir = { files: emptied(testSpec.files) };
  const filled = ALL_PAGES.reduce((spec, [, page]) => written(spec, sync(page, spec).writes), empty);
  const synced = load(filled);

  it("starts from every file but the error lists as it was", () => {
    const notErrors = (files: readonly SpecFile[]) => files.filter((file) => !file.path.includes("/errors"));
    expect(notErrors(empty.files)).toEqual(notErrors(testSpec.files));
    expect(empty.files.filter((file) => file.path.includes("/errors")).every((file) => /^errors: \[\]$/m.test(file.text) && !/^ {2}- id:/m.test(file.text))).toBe(true);
    expect(filled.files.map((file) => file.path)).toEqual(testSpec.files.map((file) => file.path));
  });

  it("reproduces every code, mock code, message and status of the catalogue", () => {
    const of = (errors: readonly CatalogueError[], key: (error: CatalogueError) => string | undefined) => [...new Set(errors.map(key).filter((k) => k !== undefined))].sort();
    const codes = (e: CatalogueError) => `${e.api} ${e.code}`;
    const messages = (e: CatalogueError) => (e.message === undefined ? undefined : `${e.api} ${e.code} ${e.message}`);
    // The FAQ gives no status: its two entries get a placeholder marked for review (below).
    const statuses = (e: CatalogueError) => (e.source.doc === "002" ? undefined : `${e.api} ${e.code} ${e.httpStatus} ${e.statusText} ${e.mockCode} ${e.errorClass} ${e.status}`);
    for (const key of [codes, messages, statuses]) expect(of(synced.errors, key)).toEqual(of(testCatalogue.errors, key));
    const mocks = (catalogue: Catalogue) => catalogue.mockCodes.map((m) => `${m.api} ${m.code} ${m.outcome} ${m.errorClass}`);
    expect(mocks(synced)).toEqual(mocks(testCatalogue));
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
    expect(rows).toHaveLength(6 + 2 + 20 + 1);
    expect(rows).toEqual(testCatalogue.errors.filter((e) => !prose.includes(e.source.section)).map(asRow));
  });

  it("marks every new entry for review, with the safe handling the spec's own entries choose", () => {
    expect(synced.errors.every((e) => e.review !== undefined && e.documentsSilent)).toBe(true);
    expect(synced.errors.find((e) => e.code === "AmountMismatch")).toMatchObject({ httpStatus: 400, operations: ["CompleteCheckoutSession"], review: expect.stringMatching(/no HTTP status/) });
    // Where the hand-written spec chose otherwise, it is for a reason the rows do not carry.
    const differs = synced.errors
      .map((e) => [e, testCatalogue.errors.find((b) => b.api === e.api && b.code === e.code && b.mockCode === e.mockCode && b.message === e.message)!] as const)
      .filter(([e, b]) => e.handling !== b.handling)
      .map(([e, b]) => `${e.code}: ${e.handling} → ${b.handling}`);
    expect(differs).toEqual(["InvalidCheckoutSessionStatus: fail-surface → reconcile-state", "CustomerSurpassedDailyVelocityLimit: manual-follow-up → fail-surface"]);
  });
});

/** Syncs `page`, checks the changelog, that the result loads, and that syncing the same page again changes nothing. */
function syncEdited(options: { page: string; spec?: SpecDir; changelog: readonly string[]; writes: readonly string[] }): { synced: Synced; after: SpecDir; catalogue: Catalogue } {
  const synced = sync(options.page, options.spec);
  expect(changelogLines(synced.changes)).toEqual(options.changelog);
  expect(synced.writes.map((write) => write.path)).toEqual(options.writes);
  const after = written(options.spec ?? testSpec, synced.writes);
  const again = sync(options.page, after);
  expect(again.changes).toEqual([]);
  expect(again.writes).toEqual([]);
  return { synced, after, catalogue: load(after) };
}

describe("faultproof sync on an edited page", () => {
  it("reports the Amazon Pay row added, the message changed and the row removed, and nothing else, keeping comments", () => {
    let page = PAGES.payErrors;
    page = edit(page, "429 TOO_MANY_REQUESTS\n", "409 CONFLICT\nResourceConflict\nThe resource was changed by another request\n\nRead it again before you change it\n429 TOO_MANY_REQUESTS\n");
    page = edit(page, "Operation not supported\n", "Operation is not supported\n");
    page = edit(page, "400 BAD_REQUEST\nInvalidHeaderValue\nYou submitted an invalid value for at least one of the header parameters of your API call\n\nFor details, check the message element in the API response\n", "");
    const spec = specWith(PAY, "    message: Operation not supported\n", "    # confirmed with Amazon support\n    message: Operation not supported # reworded once\n");
    const { synced, catalogue } = syncEdited({
      page,
      spec,
      changelog: [
        '~ unsupported-operation: message "Operation not supported" → "Operation is not supported"',
        "+ resource-conflict: new 409 ResourceConflict in spec/amazon-pay/errors.yaml, handling fail-surface, marked for review",
        "- invalid-header-value: InvalidHeaderValue is no longer on the page; flagged removedFromPage (still certified until you delete it)",
      ],
      writes: [PAY, SOURCES],
    });
    const text = textOf(synced.writes, PAY);
    expect(text).toContain("    # confirmed with Amazon support\n    message: Operation is not supported # reworded once\n");
    expect(text).toMatch(/- id: invalid-header-value\n(?: {4}.*\n)*? {4}removedFromPage: true\n {4}source: /);
    expect(
      text.endsWith(
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
      ),
    ).toBe(true);
    // Nothing else differs from the file as it was: undo the three changes and it is the same text.
    const undone = text
      .slice(0, text.indexOf("  - id: resource-conflict\n"))
      .replace("Operation is not supported", "Operation not supported")
      .replace("    removedFromPage: true\n", "");
    expect(undone).toBe(textOf(spec.files, PAY));
    expect(recordedDigest(synced.writes, "000")).toBe(pageDigest(page));
    expect(catalogue.errors.find((e) => e.id === "invalid-header-value")).toMatchObject({ removedFromPage: true, handling: "fail-surface" });
  });

  it("refuses, naming the rule, a page that drops a question whose sentence a verdict quotes", () => {
    let page = PAGES.payFaq;
    page = page.slice(0, page.indexOf("Q: Why is Complete Checkout Session returning an InvalidCheckoutSessionStatus")) + page.slice(page.indexOf("Buyer experience FAQs"));
    const result = attempt(page);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe("the spec would not load after syncing docs/page.html; nothing was written");
      expect(result.diagnostics).toContainEqual(
        expect.objectContaining({ file: PAY_RULES, line: lineOf(PAY_RULES, "Note that the payment intent was not finalized"), field: "rules[2].enforces[0].quote", message: "the quote is not in document 002" }),
      );
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: PAY_RULES, field: "rules[2].source.section", message: expect.stringMatching(/^section "Why is Complete Checkout Session returning an InvalidCheckoutSessionStatus error response\?" is not in document 002$/) }));
    }
  });

  it("refuses a page that rewords a sentence a verdict quotes, even when every row agrees", () => {
    const page = edit(PAGES.incentives, "Do not retry a throttled request at once: wait, then retry.", "Retry a throttled request later.");
    const result = attempt(page);
    expect(result).toMatchObject({ ok: false, problem: "spec" });
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({ file: INCENTIVES_RULES, line: lineOf(INCENTIVES_RULES, "Do not retry a throttled request"), field: "rules[1].enforces[0].quote", message: "the quote is not in document 003" }),
    ]);
  });

  it("refuses a page that renames a heading the spec cites, at every entry citing it", () => {
    const page = edit(PAGES.incentives, "Error Testing Request & Responses\n", "Testing with mock codes\n");
    const result = attempt(page);
    expect(!result.ok && result.diagnostics?.map((d) => `${d.file} ${d.field}`)).toEqual([
      "spec/incentives/operations.yaml operations[4].source.section",
      "spec/incentives/operations.yaml mockPlacement[0].source.section",
      "spec/incentives/operations.yaml mockPlacement[1].source.section",
      "spec/incentives/operations.yaml mockPlacement[2].source.section",
    ]);
  });

  it("checks the sentences quoted outside the spec against the page of their document, naming where they are quoted", () => {
    const quoted = (quote: string, doc = "003"): QuotedSentence => ({ file: "suites/flows/citations.ts", field: "CITATIONS.throttled", doc, section: "Throttled", quote });
    expect(attempt(PAGES.incentives, testSpec, [quoted("Do not retry a throttled request at once")])).toMatchObject({ ok: true, changes: [] });
    // Another document's sentence is not checked against this page.
    expect(attempt(PAGES.incentives, testSpec, [quoted("not on this page", "002")])).toMatchObject({ ok: true });
    const result = attempt(PAGES.incentives, testSpec, [quoted("Retry a throttled request at once")]);
    expect(!result.ok && result.diagnostics).toEqual([
      { file: "suites/flows/citations.ts", line: 0, column: 0, field: "CITATIONS.throttled.quote", message: "the quote is not in document 003", hint: expect.any(String) },
    ]);
  });

  it("reports the FAQ question added and the answer changed", () => {
    let page = PAGES.payFaq;
    page = edit(page, "Buyer experience FAQs", "Q: Why is Create Charge returning a TransactionAmountExceeded error response?\n\nThe Create Charge request chargeAmount exceeds the amount the buyer authorized. If it has to, ask the buyer again.\n\nBuyer experience FAQs");
    page = edit(page, "must match the Checkout Session object chargeAmount.", "must equal the Checkout Session object chargeAmount.");
    const { catalogue } = syncEdited({
      page,
      changelog: [
        '~ amount-mismatch: message "The Complete Checkout Session request chargeAmount must match the Checkout Session object chargeAmount." → "The Complete Checkout Session request chargeAmount must equal the Checkout Session object chargeAmount."',
        "+ transaction-amount-exceeded: new 400 TransactionAmountExceeded in spec/amazon-pay/errors.yaml, handling fail-surface, marked for review",
      ],
      writes: [PAY, SOURCES],
    });
    expect(catalogue.errors.find((e) => e.code === "TransactionAmountExceeded")).toMatchObject({
      operations: ["CreateCharge"],
      message: "The Create Charge request chargeAmount exceeds the amount the buyer authorized.",
      source: { doc: "002", section: "Why is Create Charge returning a TransactionAmountExceeded error response?" },
    });
  });

  it("reports the Incentives row added, the message changed and the row removed, keeping the file's comments and anchors", () => {
    let page = PAGES.incentives;
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
      writes: [GIFT_CARD, SOURCES],
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

  it("reads the same edits from the page laid out as pipe tables", () => {
    const page = edit(PAGES.incentivesPipe, "Amount must be larger than 0 |", "Amount must be larger than zero |");
    syncEdited({ page, changelog: ['~ f2004-invalid-amount-value: message "Amount must be larger than 0" → "Amount must be larger than zero"'], writes: [GIFT_CARD, SOURCES] });
  });

  it("tells apart two rows with the same code and mock code by their message", () => {
    const page = edit(PAGES.incentives, "The access key (in China) that signed the request is unknown", "The access key (in China) that signed the request is not known");
    syncEdited({
      page,
      changelog: ['~ load-f3001-invalid-access-key-china: message "The access key (in China) that signed the request is unknown" → "The access key (in China) that signed the request is not known"'],
      writes: [OTHER_ENDPOINTS, SOURCES],
    });
  });

  it("marks a changed status for review, and clears the flag of a row that comes back", () => {
    const removed = edit(PAGES.payErrors, "404 NOT_FOUND\nResourceNotFound\nCouldn’t find requested resource\n", "");
    const { after } = syncEdited({
      page: removed,
      changelog: ["- resource-not-found: ResourceNotFound is no longer on the page; flagged removedFromPage (still certified until you delete it)"],
      writes: [PAY, SOURCES],
    });
    const back = edit(PAGES.payErrors, "404 NOT_FOUND\nResourceNotFound\n", "410 GONE\nResourceNotFound\n");
    const { catalogue } = syncEdited({
      page: back,
      spec: after,
      changelog: [
        "~ resource-not-found: back on the page, removedFromPage cleared",
        "~ resource-not-found: httpStatus 404 → 410",
        '~ resource-not-found: statusText "NOT_FOUND" → "GONE"',
        "  resource-not-found marked for review: faultproof sync changed httpStatus 404 → 410; confirm the handling",
      ],
      writes: [PAY, SOURCES],
    });
    const entry = catalogue.errors.find((e) => e.id === "resource-not-found")!;
    expect(entry).toMatchObject({ httpStatus: 410, statusText: "GONE", review: "faultproof sync changed httpStatus 404 → 410; confirm the handling" });
    expect(entry.removedFromPage).toBeUndefined();
  });

  it("reads an edited HTML page like its text", () => {
    const page = pageAsHtml(edit(PAGES.incentives, "Amount must be larger than 0 |", "Amount must be larger than zero |"));
    const result = sync(page);
    expect(changelogLines(result.changes)).toEqual(['~ f2004-invalid-amount-value: message "Amount must be larger than 0" → "Amount must be larger than zero"']);
    // The spec keeps the digest of the page's text form, never the page.
    expect(result.writes.map((write) => write.path)).toEqual([GIFT_CARD, SOURCES]);
    expect(result.writes.every((write) => write.path.endsWith(".yaml"))).toBe(true);
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
    const spec = specWith(SOURCES, "    url: https://developer.amazon.com/docs/amazon-pay-checkout/faq.html\n", "");
    expect(attempt(PAGES.payFaq, spec)).toMatchObject({
      ok: false,
      problem: "spec",
      message: 'spec/sources.yaml names no document at https://developer.amazon.com/docs/amazon-pay-checkout/faq.html; add "Amazon Pay — Frequently asked questions" there (id, title, url) to sync it',
    });
  });

  it("a spec that does not parse, with the place of each problem", () => {
    const spec = specWith(PAY, "    httpStatus: 409\n", "    httpStatus: [409\n");
    const result = attempt(PAGES.payErrors, spec);
    expect(result).toMatchObject({ ok: false, problem: "spec", message: "the spec has problems to fix before it can be synced" });
    expect(!result.ok && result.diagnostics?.[0]).toMatchObject({ file: PAY, line: lineOf(PAY, "httpStatus: 409") + 1, message: expect.stringMatching(/^invalid YAML/) });
  });

  it("edits that would not load, and writes nothing", () => {
    const page = edit(PAGES.payFaq, "Buyer experience FAQs", "Q: Why is Frobnicate Charge returning a FrobnicationFailed error response?\n\nThe charge could not be frobnicated.\n\nBuyer experience FAQs");
    const result = attempt(page);
    expect(result).toMatchObject({ ok: false, problem: "spec", message: "the spec would not load after syncing docs/page.html; nothing was written" });
    expect(!result.ok && result.diagnostics?.map((d) => d.message)).toEqual(['unknown amazon-pay operation "FrobnicateCharge"']);
  });
});

describe("faultproof sync on a page of prose, known by the address it came from", () => {
  // The bundled spec: its decline, pending and object entries cite Amazon Pay's "Asynchronous processing" page.
  const bundled = readSpecDir(join(packageRoot, "spec"));
  const address = "https://developer.amazon.com/docs/amazon-pay-checkout/asynchronous-processing.html";
  // A small page written for this test: the page's section, and the sentence the spec quotes from it.
  const page = (sentence: string) =>
    pageAsHtml(["# Asynchronous processing", "", "## Manage asynchronous authorizations", "", "Some text written for this test.", sentence, ""].join("\n"));
  const quoted = "Poll Get Charge or listen for a Charge IPN for final processing state.";

  it("checks the sections and quotes the spec cites from it, and records its digest: nothing else is written", () => {
    const result = syncPage({ page: { name: address, content: page(quoted), address }, spec: bundled, toolVersion: packageVersion });
    expect(result).toMatchObject({ ok: true, docId: "005", changes: [] });
    if (!result.ok) return;
    expect(result.kind.title).toBe("Amazon Pay — Asynchronous processing");
    expect(result.writes.map((write) => write.path)).toEqual(["spec/sources.yaml"]);
  });

  it("says which quote is gone when the page no longer has it", () => {
    const result = syncPage({ page: { name: address, content: page("Poll Get Charge now and then."), address }, spec: bundled, toolVersion: packageVersion });
    expect(result).toMatchObject({ ok: false, problem: "spec" });
    if (result.ok) return;
    expect(result.diagnostics?.map((d) => `${d.file} ${d.field}: ${d.message}`)).toContainEqual(expect.stringMatching(/^spec\/amazon-pay\/rules\.yaml rules\[\d+\]\.enforces\[0\]\.quote: the quote is not in document 005/));
  });

  it("is not known from its content alone: a saved copy without its address is not a page sync reads", () => {
    const result = syncPage({ page: { name: "async.html", content: page(quoted) }, spec: bundled, toolVersion: packageVersion });
    expect(result).toMatchObject({ ok: false, problem: "page" });
  });
});
