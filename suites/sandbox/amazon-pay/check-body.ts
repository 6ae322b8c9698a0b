import type { PayBodyRule, PayField } from "./request-fields.js";

/** Why a body is refused, in the terms of seed 000's generic error table. */
export interface BodyProblem {
  readonly code: "UnrecognizedField" | "MissingParameterValue" | "InvalidParameterValue";
  readonly message: string;
}

/**
 * Checks a request body against its operation's rule, in the order a reader
 * fixes a request: a field the operation does not take (UnrecognizedField),
 * then a mandatory one left out (MissingParameterValue), then a value of the
 * wrong kind (InvalidParameterValue). Seed 000 gives the three codes; which
 * comes first when a body has several problems is not documented.
 */
export function checkBody(options: { readonly body: Readonly<Record<string, unknown>>; readonly rule: PayBodyRule }): BodyProblem | undefined {
  const { body, rule } = options;
  const found: { unknown?: string; invalid?: string; missing?: string } = {};
  walkObject({ value: body, fields: rule.fields, path: "", found });
  if (found.unknown !== undefined) return { code: "UnrecognizedField", message: `${found.unknown} is not a field of this request` };
  const missing = rule.required.find((path) => valueAt(body, path) === undefined || valueAt(body, path) === null) ?? found.missing;
  if (missing !== undefined) return { code: "MissingParameterValue", message: `The mandatory parameter ${missing} is missing` };
  if (found.invalid !== undefined) return { code: "InvalidParameterValue", message: `The value provided for ${found.invalid} is invalid.` };
  return undefined;
}

interface Walk {
  readonly path: string;
  readonly found: { unknown?: string; invalid?: string; missing?: string };
}

function walkObject(options: Walk & { readonly value: Readonly<Record<string, unknown>>; readonly fields: Readonly<Record<string, PayField>> }): void {
  for (const [name, value] of Object.entries(options.value)) {
    const path = options.path === "" ? name : `${options.path}.${name}`;
    const field = Object.hasOwn(options.fields, name) ? options.fields[name] : undefined;
    if (field === undefined) {
      options.found.unknown ??= path;
      continue;
    }
    // An optional field sent as null is left unset, as a PATCH clears a value.
    if (value !== null) walkField({ value, field, path, found: options.found });
  }
}

function walkField(options: Walk & { readonly value: unknown; readonly field: PayField }): void {
  const { value, field, path, found } = options;
  if (field === "any") return;
  if (field === "price") return walkPrice({ value, path, found });
  const fine = field === "string" ? typeof value === "string" : field === "boolean" ? typeof value === "boolean" : isList(field) ? typeof value === "string" && field.includes(value) : isRecord(value);
  if (!fine) {
    found.invalid ??= path;
    return;
  }
  if (!isList(field) && typeof field === "object" && isRecord(value)) walkObject({ value, fields: field, path, found });
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** A price: `{ amount, currencyCode }` (reference B5's Price). The amount may come as a number too: lenient, as clients serialise it both ways. */
function walkPrice(options: Walk & { readonly value: unknown }): void {
  const { value, path, found } = options;
  if (!isRecord(value)) {
    found.invalid ??= path;
    return;
  }
  walkObject({ value, fields: { amount: "any", currencyCode: "any" }, path, found });
  const amount = typeof value.amount === "number" ? String(value.amount) : value.amount;
  if (amount === undefined || amount === null) found.missing ??= `${path}.amount`;
  else if (typeof amount !== "string" || !AMOUNT.test(amount) || Number(amount) <= 0) found.invalid ??= `${path}.amount`;
  if (value.currencyCode === undefined || value.currencyCode === null) found.missing ??= `${path}.currencyCode`;
  else if (typeof value.currencyCode !== "string" || !/^[A-Z]{3}$/.test(value.currencyCode)) found.invalid ??= `${path}.currencyCode`;
}

function valueAt(body: Readonly<Record<string, unknown>>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined), body);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isList(field: PayField): field is readonly string[] {
  return Array.isArray(field);
}
