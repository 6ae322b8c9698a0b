import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { packageRoot } from "../package-root.js";
import type { Diagnostic } from "./diagnostic.js";
import type { SpecDocument } from "./spec-document.js";

/** The JSON Schema every spec file is checked against; editors use the same file. */
export const specSchemaPath = join(packageRoot, "spec", "spec.schema.json");

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validate = ajv.compile(JSON.parse(readFileSync(specSchemaPath, "utf8")) as object);

export function checkSchema(document: SpecDocument): Diagnostic[] {
  if (validate(document.data)) return [];
  const errors = (validate.errors ?? []).filter((error) => !insideOneOfBranch(error, validate.errors ?? []));
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const diagnostic = toDiagnostic(document, error);
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.field}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

// A failed oneOf also reports why each branch failed; the oneOf error alone says it better.
function insideOneOfBranch(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  return all.some((other) => other.keyword === "oneOf" && other !== error && error.schemaPath.startsWith(other.schemaPath + "/"));
}

function pathOf(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, part) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), data);
}

function toDiagnostic(document: SpecDocument, error: ErrorObject): Diagnostic {
  const at = pathOf(error);
  const value = valueAt(document.data, at);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return document.diagnose({ at, key, message: `unknown key "${key}"`, hint: `allowed keys here: ${allowed.join(", ")}` });
    }
    case "required":
      return document.diagnose({ at, message: `missing required key "${String(params.missingProperty)}"`, ...hintOf(String(params.missingProperty)) });
    case "type":
      return document.diagnose({ at, message: `expected ${String(params.type)}, got ${describe(value)}` });
    case "enum":
      return document.diagnose({ at, message: `${describe(value)} is not allowed`, hint: `use one of: ${(params.allowedValues as unknown[]).map(String).join(", ")}` });
    case "pattern":
      return document.diagnose({ at, message: `${describe(value)} does not match ${String(params.pattern)}` });
    case "oneOf":
      return document.diagnose({ at, message: `${describe(value)} is not allowed`, hint: `use "all" or a list of operation ids` });
    default:
      return document.diagnose({ at, message: `${describe(value)}: ${error.message ?? error.keyword}` });
  }
}

const MISSING_HINTS: Record<string, string> = {
  source: 'cite the document: source: { doc: "003", section: <the heading, as the page words it> }',
  handling: "name a term of spec/handling.yaml",
  rationale: "say in one line why this handling, citing the document",
};

function hintOf(missing: string): { hint?: string } {
  const hint = MISSING_HINTS[missing];
  return hint ? { hint } : {};
}
