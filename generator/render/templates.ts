import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { packageRoot } from "../package-root.js";

/**
 * A private Handlebars environment for TypeScript output: no HTML escaping
 * (`noEscape`), only the helpers registered here (`knownHelpersOnly`), and
 * `strict`, so a template that reads a field the view lacks fails loudly.
 */
const handlebars = Handlebars.create();

/** A TypeScript string literal: quotes, backslashes, newlines, backticks and `${` all round-trip. */
export function tsString(value: unknown): string {
  if (typeof value !== "string") throw new Error(`ts helper: expected a string, got ${typeof value}`);
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A TypeScript expression for a JSON value, indented to sit under `indent` spaces. */
export function tsValue(value: unknown, indent = 0): string {
  const text = JSON.stringify(value, null, 2).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return text.split("\n").join("\n" + " ".repeat(indent));
}

handlebars.registerHelper("ts", (value: unknown) => tsString(value));
handlebars.registerHelper("json", (value: unknown, options: { hash?: { indent?: number } }) => tsValue(value, options.hash?.indent ?? 0));
handlebars.registerHelper("jsonLine", (value: unknown) => JSON.stringify(value));

const KNOWN_HELPERS = { ts: true, json: true, jsonLine: true } as const;

export const templatesDir = join(packageRoot, "generator", "templates");

export type Template = (view: object) => string;

/** Every `*.hbs` under generator/templates, compiled, by file name without `.hbs`. */
export function loadTemplates(dir: string = templatesDir): ReadonlyMap<string, Template> {
  const templates = new Map<string, Template>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith(".hbs")).sort()) {
    const compiled = handlebars.compile(readFileSync(join(dir, name), "utf8"), { strict: true, noEscape: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true });
    templates.set(name.slice(0, -".hbs".length), (view) => compiled(view));
  }
  return templates;
}
