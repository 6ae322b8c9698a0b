import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderJunit } from "./junit.js";
import type { CertificationResult } from "./report.js";
import { FAILURES, MISHANDLED_KEY, SECRETS, fixtureReport, fixtureResults, handled, mishandled, privateKeyPem, reportOf, reportWithSecrets } from "./test-support/report-fixture.js";

interface Counts {
  readonly name: string;
  readonly tests: string;
  readonly failures: string;
  readonly errors: string;
  readonly skipped: string;
}
interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly message: string; readonly type: string; readonly "#text"?: string };
  readonly skipped?: { readonly message: string };
  readonly error?: { readonly message: string };
}
interface TestSuite extends Counts {
  readonly properties: { readonly property: readonly { readonly name: string; readonly value: string }[] };
  readonly testcase: readonly TestCase[];
}
interface Parsed {
  readonly testsuites: Counts & { readonly testsuite: readonly TestSuite[] };
}

/** The XML as a JUnit consumer reads it: entities decoded, every attribute a string. */
function parse(xml: string): Parsed {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, parseTagValue: false, trimValues: false, isArray: (name) => ["testsuite", "testcase", "property"].includes(name) });
  return parser.parse(xml) as Parsed;
}

function suite(xml: string, api: string): TestSuite {
  const found = parse(xml).testsuites.testsuite.find((s) => s.name === api);
  if (!found) throw new Error(`no <testsuite name="${api}">`);
  return found;
}

function testcase(xml: string, result: Pick<CertificationResult, "api" | "operation" | "code" | "failureId">): TestCase {
  const found = suite(xml, result.api).testcase.find((c) => c.classname === `${result.api}.${result.operation}` && c.name === `${result.code} (${result.failureId})`);
  if (!found) throw new Error(`no <testcase> for ${result.failureId}@${result.operation}`);
  return found;
}

const byKey = (key: string): CertificationResult => {
  const found = fixtureResults().find((result) => result.key === key);
  if (!found) throw new Error(`no fixture result ${key}`);
  return found;
};

describe("renderJunit", () => {
  const xml = renderJunit(fixtureReport());

  it("writes well-formed XML with an XML declaration", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it("writes one <testsuite> per API, with its counts", () => {
    const suites = parse(xml).testsuites.testsuite;
    expect(suites.map((s) => [s.name, s.tests, s.failures, s.skipped, s.errors])).toEqual([
      ["amazon-pay", "4", "1", "1", "0"],
      ["incentives", "3", "0", "1", "0"],
    ]);
    expect(parse(xml).testsuites).toMatchObject({ tests: "7", failures: "1", skipped: "2", errors: "0" });
  });

  it("writes one <testcase classname=\"<api>.<operation>\" name=\"<code> (<failureId>)\"> per result", () => {
    const cases = parse(xml).testsuites.testsuite.flatMap((s) => s.testcase.map((c) => `${c.classname} / ${c.name}`));
    expect(cases).toEqual(fixtureResults().map((r) => `${r.api}.${r.operation} / ${r.code} (${r.failureId})`));
  });

  it.each([
    { status: "handled", key: "internal-server-error@CaptureCharge", expected: {} },
    { status: "accepted", key: "f4000-system-temporarily-unavailable@CreateGiftCard", expected: { skipped: { message: "accepted gap (baseline)" } } },
    { status: "not-applicable", key: "amount-mismatch@CompleteCheckoutSession", expected: { skipped: { message: "not applicable: the adapter does not implement CompleteCheckoutSession" } } },
  ])("a $status result is a testcase with $expected", ({ key, expected }) => {
    const found = testcase(xml, byKey(key));
    expect({ failure: found.failure, skipped: found.skipped, error: found.error }).toEqual({ failure: undefined, skipped: undefined, error: undefined, ...expected });
  });

  it("a mishandled result is a <failure message=\"<rule>: <message>\"> whose body has the counterexample and the replay command", () => {
    const result = byKey(MISHANDLED_KEY);
    const failure = testcase(xml, result).failure;
    expect(failure?.message).toBe(`${result.rule}: ${result.message}`);
    expect(failure?.type).toBe(result.rule);
    const body = failure?.["#text"] ?? "";
    expect(body).toContain(`shrunk schedule of answers:\n${JSON.stringify(result.counterexample?.schedule, null, 2)}`);
    expect(body).toContain(`request journal:\n${JSON.stringify(result.counterexample?.journal, null, 2)}`);
    expect(body).toContain(`replay: ${result.replay}`);
  });

  it("records the run in each suite's properties, without the time it ran", () => {
    const properties = Object.fromEntries(suite(xml, "incentives").properties.property.map((p) => [p.name, p.value]));
    expect(properties).toEqual({ api: "Amazon Incentives API", adapter: "acme-checkout", score: "0.6667", seed: "42", runs: "100", catalogueVersion: "ff2b07835be6", toolVersion: "faultproof 0.1.0" });
    expect(xml).not.toContain("2025-01-02");
  });

  it("is deterministic: the same bytes whatever the order of results or the time of the run", () => {
    const shuffled = fixtureReport({ generatedAt: "2030-12-31T00:00:00.000Z" });
    expect(renderJunit({ ...shuffled, results: [...shuffled.results].reverse() })).toBe(xml);
  });

  const nasty = [
    { what: "markup and quotes", text: `<b a="1">&amp; 'x' ]]> </b>` },
    { what: "the word true (not a bare attribute)", text: "true" },
    { what: "non-ASCII", text: "Zahlung fehlgeschlagen — ✗ 支払い 🙂" },
  ];
  it.each(nasty)("escapes $what in attributes and bodies, so a parser reads back the same text", ({ text }) => {
    const failure = FAILURES.internalServerError;
    const report = reportOf([mishandled({ ...failure, code: text, id: `id-${text}` }, text, { rule: text, message: text, replay: text })]);
    const out = renderJunit(report);
    expect(XMLValidator.validate(out)).toBe(true);
    const found = parse(out).testsuites.testsuite[0]?.testcase[0];
    expect(found).toMatchObject({ classname: `amazon-pay.${text}`, name: `${text} (id-${text})`, failure: { message: `${text}: ${text}`, type: text } });
    expect(found?.failure?.["#text"]).toContain(`replay: ${text}`);
  });

  it("writes a message on one line, and keeps characters XML cannot carry out of the document", () => {
    const report = reportOf([mishandled(FAILURES.internalServerError, "CreateCharge", { rule: "r", message: "first line\nsecond\tline \u0007bell \uD800lone" })]);
    const out = renderJunit(report);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(parse(out).testsuites.testsuite[0]?.testcase[0]?.failure?.message).toBe("r: first line second line \uFFFDbell \uFFFDlone");
  });

  it("writes an empty <testsuites> for a report with no results", () => {
    const out = renderJunit(reportOf([]));
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('<testsuites name="faultproof certification of acme-checkout" tests="0" failures="0" errors="0" skipped="0"/>');
  });

  it("reports a result whose status it does not know as an error, rather than dropping it", () => {
    const strange = { ...handled(FAILURES.tooManyRequests, "CreateCharge"), status: "flaky" } as unknown as CertificationResult;
    const out = renderJunit(reportOf([strange]));
    expect(parse(out).testsuites).toMatchObject({ tests: "1", errors: "1" });
    expect(parse(out).testsuites.testsuite[0]?.testcase[0]?.error?.message).toBe("unknown status flaky");
  });

  it("never prints a credential, even when the report carries one", () => {
    const out = renderJunit(reportWithSecrets());
    for (const secret of [...Object.values(SECRETS), privateKeyPem()]) expect(out).not.toContain(secret);
    expect(out).toContain("AMZN-PAY-RSASSA-PSS-V2 [redacted]");
  });
});
