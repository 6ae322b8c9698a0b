import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { XMLParser } from "fast-xml-parser";
import type { SetupServer } from "msw/node";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHandlers } from "../generated/handlers.js";
import { createSandboxRuntime, type Sandbox } from "../suites/sandbox/sandbox.js";
import { startSandboxServer } from "../suites/sandbox/server.js";
import type { AmazonPayModel, IncentivesModel } from "../suites/sandbox/model.js";
import { callAmazonPay, incentivesBody, postIncentives, withField } from "../suites/sandbox/test-support/requests.js";
import { generate, type GeneratedFile } from "./generate.js";
import { packageRoot } from "./package-root.js";
import type { Catalogue } from "./spec/catalogue.js";
import { loadBundled } from "./spec/test-support/bundled-spec.js";

/*
 * Spec strings that are hostile to generated TypeScript go through the whole
 * generator: the output type-checks as a program (not only parses), and the
 * sandbox built from it answers with every string unchanged, on the wire.
 * generate.test.ts already round-trips quotes, backticks, `${…}`, `*\/`,
 * newlines, backslashes and U+2028 through sandbox-model.ts, one at a time and
 * by transpiling only; here they all go in at once, next to the rest.
 */

const HOSTILE = {
  quotes: `"double" 'single' \`back\``,
  template: "${process.exit(1)} `${`nested`}` $ {not} ${",
  comments: "*/ /* // <!-- --> */",
  newlines: "one\ntwo\r\nthree\rfour",
  separators: "line\u2028separator and paragraph\u2029separator",
  emoji: "card 🎁 for 👩‍👩‍👧‍👦 🇯🇵 ✓",
  rtl: "العربية \u202Eevil\u202C עברית \u200F mark",
  backslashes: "C:\\path\\u0041\\n \\",
  markup: "</script><script>alert(1)</script> {{banner}} &amp; <![CDATA[x]]>",
  whitespace: "  leading and trailing\t ",
} as const;

/** Incentives errors whose mock code names one row on CreateGiftCard: the sandbox answers each by its mock code alone. */
const INCENTIVES_ROWS: Readonly<Record<keyof typeof HOSTILE, string>> = {
  quotes: "f2001-invalid-card-number-input",
  template: "f2002-invalid-partner-id-input",
  comments: "f2003-invalid-amount-input",
  newlines: "f2004-invalid-amount-value",
  separators: "f2005-invalid-currency-code-input",
  emoji: "f2006-invalid-request-id-input",
  rtl: "f2007-card-number-not-found",
  backslashes: "f3003-insufficient-funds",
  markup: "f2000-invalid-request-input",
  whitespace: "f3002-access-denied",
};

/** Amazon Pay reason codes, answered through the fault queue. */
const PAY_ROWS: Readonly<Record<keyof typeof HOSTILE, string>> = {
  quotes: "InvalidHeaderValue",
  template: "InvalidParameterValue",
  comments: "AmountMismatch",
  newlines: "UnauthorizedAccess",
  separators: "ResourceNotFound",
  emoji: "InvalidAccountStatus",
  rtl: "TooManyRequests",
  backslashes: "InternalServerError",
  markup: "ServiceUnavailable",
  whitespace: "InvalidRequestFormat",
};

const bundled = loadBundled();
const names = Object.keys(HOSTILE) as (keyof typeof HOSTILE)[];

/** The bundled catalogue with every hostile string planted as a message, and as a cited section. */
function hostileCatalogue(): Catalogue {
  const byId = new Map(names.map((name) => [INCENTIVES_ROWS[name], HOSTILE[name]]));
  const byCode = new Map(names.map((name) => [PAY_ROWS[name], HOSTILE[name]]));
  return {
    ...bundled,
    errors: bundled.errors.map((error) => {
      const message = error.api === "incentives" ? byId.get(error.id) : byCode.get(error.code);
      return message === undefined ? error : { ...error, message, source: { ...error.source, section: message } };
    }),
  };
}

const files = generate({ catalogue: hostileCatalogue() });

describe("hostile spec strings in generated code", () => {
  it("every hostile string is planted, and reaches generated code", () => {
    const model = files.find((file) => file.path === "sandbox-model.ts")!.contents;
    for (const name of names) expect(model, name).toContain(JSON.stringify(HOSTILE[name]).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"));
  });

  it("every generated file compiles, and the files that carry the strings type-check against the suites they import", () => {
    for (const file of files.filter((f) => f.path.endsWith(".ts"))) {
      const output = ts.transpileModule(file.contents, { fileName: file.path, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      expect((output.diagnostics ?? []).map((d) => `${file.path}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`)).toEqual([]);
    }
    // The whole program (vitest's types included) takes seconds to check; the model files are where a string can break a type.
    expect(typeCheck(files, ["sandbox-model.ts", "conformance-model.ts"])).toEqual([]);
  }, 60_000);
});

describe("the sandbox built from that code answers every string unchanged", () => {
  const temporary = mkdtempSync(join(tmpdir(), "faultproof-hostile-"));
  let sandbox: Sandbox;
  let server: SetupServer;
  afterEach(() => sandbox.reset());
  beforeAll(async () => {
    // The generated model, compiled and imported as a module, with the generated MSW handlers.
    const model = files.find((file) => file.path === "sandbox-model.ts")!.contents;
    const output = ts.transpileModule(model, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const path = join(temporary, "sandbox-model.mjs");
    writeFileSync(path, output.outputText);
    const models = (await import(pathToFileURL(path).href)) as { incentivesModel: IncentivesModel; amazonPayModel: AmazonPayModel };
    sandbox = createSandboxRuntime({ models: { incentives: models.incentivesModel, amazonPay: models.amazonPayModel }, handlers: createHandlers, config: { verifySignatures: false, incentives: { throttling: false } } });
    server = startSandboxServer(sandbox);
  });
  afterAll(() => {
    server.close();
    rmSync(temporary, { recursive: true, force: true });
  });

  // Values stay as they are: no trimming, no number parsing; entities are decoded as any client decodes them.
  const xml = new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: false });

  it.each(names)("Incentives, %s: the mock code's answer carries it exactly, in JSON and in XML", async (name) => {
    const row = sandbox.incentives.model.errors.find((error) => error.id === INCENTIVES_ROWS[name])!;
    const body = withField(incentivesBody("CreateGiftCard"), "creationRequestId", row.mockCode);
    const json = (await (await postIncentives({ operation: "CreateGiftCard", body, format: "json" })).json()) as { message: string; errorType: string };
    expect(json.errorType).toBe(row.code);
    expect(json.message).toBe(HOSTILE[name]);

    const answer = await (await postIncentives({ operation: "CreateGiftCard", body, format: "xml" })).text();
    const parsed = xml.parse(answer) as Record<string, { Message: string; errorType: string }>;
    const [root] = Object.values(parsed);
    expect(root?.errorType).toBe(row.code);
    // XML has no way to carry a bare CR: every parser reads a line end as \n (XML 1.0, 2.11).
    expect(root?.Message).toBe(HOSTILE[name].replace(/\r\n?/g, "\n"));
  });

  it.each(names)("Amazon Pay, %s: the reason code's answer carries it exactly", async (name) => {
    sandbox.enqueue("CreateCheckoutSession", { kind: "error", code: PAY_ROWS[name] });
    const response = await callAmazonPay({ sandbox, operation: "CreateCheckoutSession", body: {} });
    expect(await response.json()).toEqual({ reasonCode: PAY_ROWS[name], message: HOSTILE[name] });
  });
});

/**
 * Type-checks generated files (`roots`, and what they import) as if they were
 * generated/, against the project's real sources and compiler options,
 * without writing them there.
 */
function typeCheck(generated: readonly GeneratedFile[], roots: readonly string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(packageRoot, "tsconfig.json"), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const virtual = new Map(generated.filter((file) => file.path.endsWith(".ts")).map((file) => [join(packageRoot, "generated", file.path), file.contents]));
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => virtual.has(name) || (!name.startsWith(join(packageRoot, "generated") + "/") && fileExists.call(host, name));
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, create) => {
    const text = virtual.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, onError, create) : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram({ rootNames: roots.map((root) => join(packageRoot, "generated", root)), options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? `${d.file.fileName.slice(packageRoot.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}
