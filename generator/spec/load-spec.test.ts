import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatDiagnostic, type Diagnostic } from "./diagnostic.js";
import { bundledSpec, bundledSpecDir, citedText, loadEdited } from "./test-support/bundled-spec.js";

/** 1-based line of the first line containing `marker` in a bundled spec file. */
function lineOf(file: string, marker: string): number {
  const text = bundledSpec.files.find((f) => f.path === file)!.text;
  const index = text.split("\n").findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`fixture: ${marker} not in ${file}`);
  return index + 1;
}

function problems(edit: Parameters<typeof loadEdited>[0]): readonly Diagnostic[] {
  const result = loadEdited(edit);
  if (result.ok) throw new Error("expected the edited spec to be rejected");
  return result.diagnostics;
}

const PAY = "spec/amazon-pay/errors.yaml";
const RULES = "spec/incentives/rules.yaml";
const ASYNC = "spec/amazon-pay/async-states.yaml";

describe("a bad spec is rejected with file, line, column and field", () => {
  it.each([
    [
      "broken YAML",
      { file: RULES, replace: "    kind: resend\n", with: "    kind: [resend\n" },
      // The parser notices the unclosed list where the next line starts.
      { file: RULES, line: lineOf(RULES, "kind: resend") + 1, field: "", message: /^invalid YAML: Flow sequence/ },
    ],
    [
      "a key given twice",
      { file: PAY, replace: "    httpStatus: 409\n", with: "    httpStatus: 409\n    httpStatus: 410\n" },
      { file: PAY, line: lineOf(PAY, "httpStatus: 409") + 1, column: 5, field: "", message: /^invalid YAML: Map keys must be unique/ },
    ],
    [
      "an unknown key",
      { file: PAY, replace: "    operations: [ CompleteCheckoutSession ]\n    handling: fail-surface", with: "    operations: [ CompleteCheckoutSession ]\n    handlng: fail-surface" },
      { file: PAY, line: lineOf(PAY, "id: amount-mismatch") + 6, column: 5, field: "errors[20].handlng", message: /^unknown key "handlng"/ },
    ],
    [
      "a value of the wrong type",
      { file: PAY, replace: "    httpStatus: 409\n", with: '    httpStatus: "409"\n' },
      { file: PAY, line: lineOf(PAY, "httpStatus: 409"), column: 17, field: "errors[20].httpStatus", message: /^expected integer, got string "409"/ },
    ],
    [
      "a handling outside the vocabulary",
      { file: PAY, replace: "    operations: [ CompleteCheckoutSession ]\n    handling: fail-surface", with: "    operations: [ CompleteCheckoutSession ]\n    handling: shrug" },
      { file: PAY, line: lineOf(PAY, "id: amount-mismatch") + 6, column: 15, field: "errors[20].handling", message: /^string "shrug" is not allowed/ },
    ],
    [
      "a missing required key",
      { file: PAY, replace: "    code: AmountMismatch\n", with: "" },
      { file: PAY, line: lineOf(PAY, "id: amount-mismatch"), column: 5, field: "errors[20]", message: /^missing required key "code"/ },
    ],
    [
      "a duplicate code",
      { file: PAY, replace: "    code: InvalidParameterValue\n", with: "    code: InvalidHeaderValue\n" },
      { file: PAY, line: lineOf(PAY, "code: InvalidParameterValue"), column: 11, field: "errors[1].code", message: /^duplicate code "InvalidHeaderValue"/ },
    ],
    [
      "a duplicate id",
      { file: PAY, replace: "  - id: invalid-parameter-value\n", with: "  - id: invalid-header-value\n" },
      { file: PAY, line: lineOf(PAY, "id: invalid-parameter-value"), column: 9, field: "errors[1].id", message: /^duplicate error id "invalid-header-value"/ },
    ],
    [
      "a dangling operation",
      { file: PAY, replace: "[ CreateCharge, CaptureCharge ]", with: "[ CreateCharge, CaptureCharges ]" },
      { file: PAY, line: lineOf(PAY, "[ CreateCharge, CaptureCharge ]"), column: 33, field: "errors[8].operations[1]", message: /^unknown amazon-pay operation "CaptureCharges"/ },
    ],
    [
      "a dangling error class",
      { file: "spec/incentives/errors-gift-card.yaml", replace: "    code: InvalidRequestInput\n    errorClass: F200", with: "    code: InvalidRequestInput\n    errorClass: F250" },
      { file: "spec/incentives/errors-gift-card.yaml", field: "errors[6].errorClass", message: /^unknown error class "F250"/ },
    ],
    [
      "a pending answer that its object does not list as pending",
      { file: ASYNC, replace: "    state: AuthorizationInitiated\n", with: "    state: Authorized\n" },
      { file: ASYNC, line: lineOf(ASYNC, "state: AuthorizationInitiated"), column: 12, field: "pending[0].state", message: /^Authorized is not a pending state of Charge/ },
    ],
    [
      "a pending answer settling into a state its object does not list as settled",
      { file: ASYNC, replace: "      - { state: Refunded }\n", with: "      - { state: RefundInitiated }\n" },
      { file: ASYNC, line: lineOf(ASYNC, "- { state: Refunded }"), field: "pending[1].settles[0].state", message: /^RefundInitiated is not a settled state of Refund/ },
    ],
    [
      "a dangling source",
      { file: RULES, replace: 'source: { doc: "003", section: Throttled }', with: 'source: { doc: "099", section: Throttled }' },
      { file: RULES, line: lineOf(RULES, "section: Throttled }"), field: "rules[1].source.doc", message: /^unknown source "099"/ },
    ],
    [
      "a section the document's text does not have",
      { file: RULES, replace: 'source: { doc: "003", section: Throttled }', with: 'source: { doc: "003", section: Throttle Rates }', pages: new Map([["003", citedText("003")]]) },
      { file: RULES, line: lineOf(RULES, "section: Throttled }"), field: "rules[1].source.section", message: /^section "Throttle Rates" is not in document 003/ },
    ],
    [
      "a quote the document's text does not have",
      { file: RULES, replace: "quote: \"You should also not instantly retry", with: "quote: \"You should not instantly retry", pages: new Map([["003", citedText("003")]]) },
      { file: RULES, line: lineOf(RULES, "You should also not instantly retry"), field: "rules[1].enforces[0].quote", message: /^the quote is not in document 003$/ },
    ],
    [
      "a dangling code in a rule",
      { file: RULES, replace: "    codes: [F400]\n", with: "    codes: [F450]\n" },
      { file: RULES, line: lineOf(RULES, "codes: [F400]"), field: "rules[0].codes[0]", message: /^unknown incentives code or error class "F450"/ },
    ],
    [
      "a file in the wrong API's folder",
      { file: RULES, replace: "api: incentives\n", with: "api: amazon-pay\n" },
      { file: RULES, line: lineOf(RULES, "api: incentives"), column: 6, field: "api", message: /^this file is in spec\/incentives\/ but says api: amazon-pay/ },
    ],
  ] as const)("%s", (_name, edit, want) => {
    const found = problems(edit);
    expect(found.some((d) => d.file === want.file && want.message.test(d.message)), found.map(formatDiagnostic).join("\n")).toBe(true);
    const first = found.find((d) => want.message.test(d.message))!;
    expect(first).toMatchObject({ file: want.file, field: want.field, ...("line" in want ? { line: want.line } : {}), ...("column" in want ? { column: want.column } : {}) });
    expect(first.line).toBeGreaterThan(0);
    expect(first.column).toBeGreaterThan(0);
  });

  it("formats a problem as file:line:column, field, message and what to do", () => {
    const found = problems({ file: PAY, replace: "    operations: [ CompleteCheckoutSession ]\n    handling: fail-surface", with: "    operations: [ CompleteCheckoutSession ]\n    handlng: fail-surface" });
    expect(found.map(formatDiagnostic)).toContainEqual(expect.stringMatching(/^spec\/amazon-pay\/errors\.yaml:\d+:5: errors\[20\]: missing required key "handling"\n {4}name a term of spec\/handling.yaml$/));
    const first = found.find((d) => d.message.startsWith("unknown key"));
    expect(formatDiagnostic(first!)).toMatch(/^spec\/amazon-pay\/errors\.yaml:\d+:5: errors\[20\]\.handlng: unknown key "handlng"\n {4}allowed keys here: id, code, /);
  });

  it("reports every problem of a file, not only the first", () => {
    const found = problems({ file: PAY, replace: "    httpStatus: 409\n    statusText: CONFLICT\n", with: '    httpStatus: "409"\n    statusText: conflict\n' });
    expect(found.map((d) => d.field)).toEqual(["errors[20].httpStatus", "errors[20].statusText"]);
  });

  it("refuses alias bombs instead of expanding them", () => {
    const bomb = "x: &a [1,1,1,1,1,1,1,1,1,1]\n" + Array.from({ length: 8 }, (_, i) => `x${i}: &a${i} [${Array(10).fill(i === 0 ? "*a" : `*a${i - 1}`).join(",")}]`).join("\n") + "\n";
    const found = problems({ file: RULES, replace: "api: incentives\n", with: `api: incentives\n${bomb}` });
    expect(found[0]!.message).toMatch(/invalid YAML|unknown key/);
  });
});

describe("entries faultproof sync flagged", () => {
  const AMOUNT_MISMATCH_SOURCE = "    source: { doc: \"002\", section: Why is Complete Checkout Session returning an AmountMismatch error response? }\n";
  const gone = "    source: { doc: \"002\", section: Why is Complete Checkout Session returning an AmountMismatch error? }\n";

  const faq = new Map([["002", citedText("002")]]);

  it("keep an entry the page no longer has in the catalogue, flagged, citing a section the page lost", () => {
    const result = loadEdited({ file: PAY, replace: AMOUNT_MISMATCH_SOURCE, with: `    review: the FAQ dropped this question\n    removedFromPage: true\n${gone}`, pages: faq });
    expect(result.ok && result.catalogue.errors.find((e) => e.code === "AmountMismatch")).toMatchObject({ review: "the FAQ dropped this question", removedFromPage: true, handling: "fail-surface" });
  });

  it("still check, with the page at hand, that an unflagged entry's section is in its document, and that a flag is a boolean", () => {
    expect(problems({ file: PAY, replace: AMOUNT_MISMATCH_SOURCE, with: gone, pages: faq }).map((d) => d.field)).toEqual(["errors[20].source.section"]);
    expect(problems({ file: PAY, replace: AMOUNT_MISMATCH_SOURCE, with: `    removedFromPage: "yes"\n${AMOUNT_MISMATCH_SOURCE}` }).map((d) => d.message)).toEqual(['expected boolean, got string "yes"']);
  });
});

describe("citations without the document's text", () => {
  // faultproof keeps no copy of Amazon's pages: the loader takes sections and quotes as written,
  // and `faultproof sync` checks them against the page it is given.
  it("load as written, and are checked only against a text at hand", () => {
    const edit = { file: RULES, replace: 'source: { doc: "003", section: Throttled }', with: 'source: { doc: "003", section: Throttle Rates }' };
    expect(loadEdited(edit).ok).toBe(true);
    expect(loadEdited({ ...edit, pages: new Map([["002", citedText("002")]]) }).ok).toBe(true);
    expect(loadEdited({ ...edit, pages: new Map([["003", citedText("003")]]) }).ok).toBe(false);
  });

  it("find every citation of the bundled spec in a text made of them, so the checks above fail only on the edit", () => {
    for (const doc of ["000", "002", "003"]) {
      expect(loadEdited({ file: RULES, replace: "api: incentives\n", with: "api: incentives\n", pages: new Map([[doc, citedText(doc)]]) }).ok).toBe(true);
      expect(citedText(doc).length).toBeGreaterThan(0);
    }
  });

  it("leave the spec folder with YAML and its schema only, an address for each of Amazon's pages, and a digest for each page sync reads", () => {
    const files = readdirSync(bundledSpecDir, { recursive: true }).map(String).filter((name) => statSync(join(bundledSpecDir, name)).isFile());
    expect(files.filter((name) => !/\.(ya?ml|json)$/.test(name))).toEqual([]);
    const sources = (parse(bundledSpec.files.find((file) => file.path === "spec/sources.yaml")!.text) as { sources: { id: string; url?: string; digest?: string }[] }).sources;
    expect(sources.filter((doc) => doc.id !== "reference").map((doc) => [doc.id, doc.url?.startsWith("https://developer.amazon.com/docs/"), /^sha256:[0-9a-f]{64}$/.test(doc.digest ?? "")])).toEqual([
      ["000", true, true],
      ["002", true, true],
      ["003", true, true],
      // Pages faultproof sync has no reader for yet (sync --all says so): cited, never read by sync.
      ["004", true, false],
      ["005", true, false],
      ["006", true, false],
      ["007", true, false],
      ["008", true, false],
      ["009", true, false],
      ["010", true, false],
    ]);
  });

  it("refuse a document that names a file: the spec keeps no copy of a page", () => {
    const found = problems({ file: "spec/sources.yaml", replace: "    url: https://developer.amazon.com/docs/incentives-api/gift-codes-errors.html\n", with: "    url: https://developer.amazon.com/docs/incentives-api/gift-codes-errors.html\n    file: sources/003.txt\n" });
    expect(found.map((d) => [d.field, d.message])).toEqual([["sources[2].file", 'unknown key "file"']]);
    expect(found[0]!.hint).toMatch(/allowed keys here: id, title, url, digest/);
  });

  it("refuse a digest that is not a sha256", () => {
    const found = problems({ file: "spec/sources.yaml", replace: /digest: sha256:[0-9a-f]{64}\n(?= {2}- id: "002")/, with: "digest: md5:0cc175b9c0f1b6a831c399e269772661\n" });
    expect(found.map((d) => d.field)).toEqual(["sources[0].digest"]);
  });
});
