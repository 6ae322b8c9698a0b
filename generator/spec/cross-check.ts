import type { Diagnostic, FieldPath } from "./diagnostic.js";
import type { SpecDocument } from "./spec-document.js";
import type { ApiId, Citation, SpecFileInput } from "./spec-input.js";

/** A schema-valid spec file, with the API its folder says it describes. */
export interface CheckedFile {
  readonly document: SpecDocument;
  readonly input: SpecFileInput;
  /** The API of the folder the file is in; undefined for the shared files at the top of spec/. */
  readonly folderApi?: string;
}

interface Scope {
  readonly sources: ReadonlyMap<string, unknown>;
  /** The text of the documents at hand, by id: only `faultproof sync` has one, the page it was given. */
  readonly pages: ReadonlyMap<string, string>;
  readonly handling: ReadonlySet<string>;
}

interface ApiScope {
  readonly operations: ReadonlySet<string>;
  readonly errorClasses: ReadonlySet<string>;
  readonly codes: ReadonlySet<string>;
}

type Report = (file: CheckedFile, at: FieldPath, message: string, hint?: string) => void;

/**
 * Checks what a schema cannot: that every reference names something that
 * exists, that ids and codes are not defined twice, that each file sits in
 * the folder of its API, and, for each document whose text is at hand
 * (`pages`), that every citation's section and every quoted sentence is
 * really in it. faultproof keeps no copy of Amazon's pages, so only
 * `faultproof sync` has a text to check against: the page the user gives it.
 */
export function crossCheck(options: { files: readonly CheckedFile[]; pages?: ReadonlyMap<string, string> }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (file, at, message, hint) =>
    diagnostics.push(file.document.diagnose({ at, message, ...(hint ? { hint } : {}) }));
  const { files } = options;

  checkPlacement(files, report);
  const sources = collectUnique({ files, report, list: (input) => input.sources, what: "source" });
  const handling = collectUnique({ files, report, list: (input) => input.handling, what: "handling term" });
  const scope: Scope = { sources, pages: options.pages ?? new Map(), handling: new Set(handling.keys()) };

  for (const file of files) checkCitations({ file, scope, report });
  for (const api of ["amazon-pay", "incentives"] as const) {
    const apiFiles = files.filter((file) => file.input.api === api);
    checkApi({ api, files: apiFiles, scope, report });
  }
  return diagnostics;
}

function checkPlacement(files: readonly CheckedFile[], report: Report): void {
  const perApi = ["hosts", "operations", "mockPlacement", "successMockCode", "errorClasses", "commonCauses", "errors", "pending", "objects", "rules", "title"] as const;
  for (const file of files) {
    const { input, folderApi } = file;
    if (folderApi === undefined) {
      if (input.api !== undefined) report(file, ["api"], `"api" belongs in a file under spec/${input.api}/, not at the top of spec/`);
      for (const key of perApi) if (input[key] !== undefined) report(file, [key], `"${key}" belongs to one API: move it to a file under spec/amazon-pay/ or spec/incentives/`);
      continue;
    }
    if (input.api === undefined) {
      report(file, [], `missing required key "api"`, `files under spec/${folderApi}/ start with: api: ${folderApi}`);
    } else if (input.api !== folderApi) {
      report(file, ["api"], `this file is in spec/${folderApi}/ but says api: ${input.api}`, "move the file or correct the api");
    }
    if (input.sources !== undefined) report(file, ["sources"], `"sources" is shared: keep it in spec/sources.yaml`);
    if (input.handling !== undefined) report(file, ["handling"], `"handling" is shared: keep it in spec/handling.yaml`);
  }
}

function collectUnique<T extends { readonly id: string }>(options: {
  files: readonly CheckedFile[];
  report: Report;
  list: (input: SpecFileInput) => readonly T[] | undefined;
  what: string;
  section?: string;
}): Map<string, T> {
  const seen = new Map<string, T>();
  const where = new Map<string, string>();
  for (const file of options.files) {
    const entries = options.list(file.input) ?? [];
    const key = options.section ?? sectionName(options.what);
    entries.forEach((entry, index) => {
      const first = where.get(entry.id);
      if (first !== undefined) {
        options.report(file, [key, index, "id"], `duplicate ${options.what} id "${entry.id}"`, `first defined at ${first}`);
        return;
      }
      seen.set(entry.id, entry);
      const d = file.document.diagnose({ at: [key, index, "id"], message: "" });
      where.set(entry.id, `${d.file}:${d.line}:${d.column}`);
    });
  }
  return seen;
}

function sectionName(what: string): string {
  return { source: "sources", "handling term": "handling", operation: "operations", error: "errors", rule: "rules", "error class": "errorClasses" }[what] ?? what;
}

function checkCitation(options: { file: CheckedFile; at: FieldPath; citation: Citation | undefined; scope: Scope; report: Report; inText?: boolean }): void {
  const { citation, scope, file, at, report } = options;
  if (!citation) return;
  if (!scope.sources.has(citation.doc)) {
    report(file, [...at, "doc"], `unknown source "${citation.doc}"`, `cite one of: ${[...scope.sources.keys()].join(", ")} (spec/sources.yaml)`);
    return;
  }
  const text = scope.pages.get(citation.doc);
  if (text !== undefined && options.inText !== false && !appearsIn({ text, phrase: citation.section })) {
    report(file, [...at, "section"], `section "${citation.section}" is not in document ${citation.doc}`, "quote the heading exactly as the document words it");
  }
}

/** True when `phrase` is in `text` word for word; line breaks and runs of white space count as one space. */
export function appearsIn(options: { text: string; phrase: string }): boolean {
  return normalise(options.text).includes(normalise(options.phrase));
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ");
}

function checkCitations(options: { file: CheckedFile; scope: Scope; report: Report }): void {
  const { file } = options;
  const cite = (at: FieldPath, citation: Citation | undefined) => checkCitation({ ...options, at, citation });
  const { input } = file;
  input.hosts?.forEach((entry, i) => cite(["hosts", i, "source"], entry.source));
  input.operations?.forEach((entry, i) => cite(["operations", i, "source"], entry.source));
  input.mockPlacement?.forEach((entry, i) => cite(["mockPlacement", i, "source"], entry.source));
  cite(["successMockCode", "source"], input.successMockCode?.source);
  input.errorClasses?.forEach((entry, i) => cite(["errorClasses", i, "source"], entry.source));
  input.commonCauses?.forEach((entry, i) => cite(["commonCauses", i, "source"], entry.source));
  input.errors?.forEach((entry, i) => {
    // A row the page no longer has is not in the page's text; its document must still be named.
    if (entry.removedFromPage === true) checkCitation({ ...options, at: ["errors", i, "source"], citation: entry.source, inText: false });
    else cite(["errors", i, "source"], entry.source);
    cite(["errors", i, "statusSource"], entry.statusSource);
  });
  input.rules?.forEach((entry, i) => {
    cite(["rules", i, "source"], entry.source);
    cite(["rules", i, "detailSource"], entry.detailSource);
    entry.enforces?.forEach((sentence, j) => {
      cite(["rules", i, "enforces", j, "source"], sentence.source);
      checkQuote({ ...options, at: ["rules", i, "enforces", j, "quote"], quote: sentence.quote, doc: (sentence.source ?? entry.source).doc });
    });
  });
}

/** A verdict quotes its sentence exactly: where the document's text is at hand, the quote must be in it. */
function checkQuote(options: { file: CheckedFile; at: FieldPath; quote: string; doc: string; scope: Scope; report: Report }): void {
  const text = options.scope.pages.get(options.doc);
  if (text !== undefined && !appearsIn({ text, phrase: options.quote })) {
    options.report(options.file, options.at, `the quote is not in document ${options.doc}`, "quote the sentence exactly as the document words it (a verdict cites it to the team it fails)");
  }
}

function checkApi(options: { api: ApiId; files: readonly CheckedFile[]; scope: Scope; report: Report }): void {
  const { files, report, api } = options;
  const operations = collectUnique({ files, report, list: (input) => input.operations, what: "operation" });
  const errorClasses = collectUnique({ files, report, list: (input) => input.errorClasses, what: "error class" });
  const errors = collectUnique({ files, report, list: (input) => input.errors, what: "error" });
  collectUnique({ files, report, list: (input) => input.rules, what: "rule" });
  // A pending state is certified like a documented failure: its id names cases beside the errors'.
  collectUnique({ files, report, list: (input) => input.pending, what: "pending state" });
  const objectStates = new Map(files.flatMap((file) => file.input.objects ?? []).map((entry) => [entry.object as string, entry.states]));
  const codes = new Set([...errors.values()].map((error) => error.code));
  const apiScope: ApiScope = { operations: new Set(operations.keys()), errorClasses: new Set(errorClasses.keys()), codes };

  const operationRef = (file: CheckedFile, at: FieldPath, id: string) => {
    if (!apiScope.operations.has(id)) report(file, at, `unknown ${api} operation "${id}"`, `known operations: ${[...apiScope.operations].join(", ")}`);
  };
  const handlingRef = (file: CheckedFile, at: FieldPath, id: string | undefined) => {
    if (id !== undefined && !options.scope.handling.has(id)) report(file, at, `handling "${id}" is not defined in spec/handling.yaml`);
  };
  const classRef = (file: CheckedFile, at: FieldPath, id: string) => {
    if (!apiScope.errorClasses.has(id)) report(file, at, `unknown error class "${id}"`, `known classes: ${[...apiScope.errorClasses].join(", ") || "(none defined for this API)"}`);
  };

  const rows = new Map<string, string>();
  for (const file of files) {
    file.input.errors?.forEach((error, i) => {
      if (error.operations !== "all") error.operations.forEach((op, j) => operationRef(file, ["errors", i, "operations", j], op));
      if (error.errorClass !== undefined) classRef(file, ["errors", i, "errorClass"], error.errorClass);
      handlingRef(file, ["errors", i, "handling"], error.handling);
      if (api === "amazon-pay" && error.httpStatus === undefined) report(file, ["errors", i], `missing required key "httpStatus"`, "every Amazon Pay reason code has its HTTP status");
      if (api === "incentives" && error.errorClass === undefined) report(file, ["errors", i], `missing required key "errorClass"`, "every Incentives error belongs to one of the six classes");
      // A row is the same documented failure when code, mock code and message all agree.
      const identity = api === "amazon-pay" ? error.code : `${error.code}|${error.mockCode ?? ""}|${error.message ?? ""}`;
      const first = rows.get(identity);
      if (first !== undefined) {
        report(file, ["errors", i, "code"], `duplicate code "${error.code}"${error.mockCode ? ` (mock ${error.mockCode})` : ""}`, `first defined at ${first}`);
      } else {
        const d = file.document.diagnose({ at: ["errors", i, "code"], message: "" });
        rows.set(identity, `${d.file}:${d.line}:${d.column}`);
      }
    });
    file.input.rules?.forEach((rule, i) => {
      rule.codes?.forEach((code, j) => {
        if (!apiScope.codes.has(code) && !apiScope.errorClasses.has(code)) {
          report(file, ["rules", i, "codes", j], `unknown ${api} code or error class "${code}"`);
        }
      });
      rule.operations?.forEach((op, j) => operationRef(file, ["rules", i, "operations", j], op));
      rule.tpsLimits?.forEach((limit, j) => operationRef(file, ["rules", i, "tpsLimits", j, "operation"], limit.operation));
      rule.compensation?.forEach((step, j) => {
        operationRef(file, ["rules", i, "compensation", j, "operation"], step.operation);
        operationRef(file, ["rules", i, "compensation", j, "undo"], step.undo);
      });
      handlingRef(file, ["rules", i, "handling"], rule.handling);
      handlingRef(file, ["rules", i, "onExhausted"], rule.onExhausted);
      for (const key of ["missingCode", "invalidCode"] as const) {
        const code = rule[key];
        if (code !== undefined && !apiScope.codes.has(code)) report(file, ["rules", i, key], `unknown ${api} code "${code}"`);
      }
    });
    file.input.pending?.forEach((entry, i) => {
      entry.operations.forEach((op, j) => operationRef(file, ["pending", i, "operations", j], op));
      // A pending answer waits in a pending state of its object and settles into a settled one, as objects lists them.
      const states = objectStates.get(entry.object);
      if (states) {
        const kindOf = (state: string) => states.find((s) => s.state === state)?.kind;
        if (kindOf(entry.state) !== "pending") report(file, ["pending", i, "state"], `${entry.state} is not a pending state of ${entry.object}`, `its pending states: ${states.filter((s) => s.kind === "pending").map((s) => s.state).join(", ") || "none"}`);
        entry.settles.forEach((settle, j) => {
          if (kindOf(settle.state) !== "settled") report(file, ["pending", i, "settles", j, "state"], `${settle.state} is not a settled state of ${entry.object}`, `its settled states: ${states.filter((s) => s.kind === "settled").map((s) => s.state).join(", ")}`);
        });
      }
      handlingRef(file, ["pending", i, "handling"], entry.handling);
      if (errors.has(entry.id)) report(file, ["pending", i, "id"], `pending state id "${entry.id}" is also an error id`, "a case key is <id>@<operation>: ids of errors and pending states must differ");
    });
    file.input.mockPlacement?.forEach((placement, i) => operationRef(file, ["mockPlacement", i, "operation"], placement.operation));
    file.input.commonCauses?.forEach((cause, i) => {
      classRef(file, ["commonCauses", i, "errorClass"], cause.errorClass);
      if (cause.code !== undefined && !apiScope.codes.has(cause.code)) report(file, ["commonCauses", i, "code"], `unknown ${api} code "${cause.code}"`);
    });
  }
}
