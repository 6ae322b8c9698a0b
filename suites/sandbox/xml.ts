import { XMLBuilder, XMLParser } from "fast-xml-parser";

/**
 * XML in and out of the Incentives sandbox. Documents that declare a DOCTYPE
 * or entities are refused before parsing: nothing a client legitimately sends
 * needs them, and refusing them is the only sure defence against expansion.
 */
export type XmlResult = { readonly ok: true; readonly root: string; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
});

const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false, processEntities: true });

export function parseXml(text: string): XmlResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, reason: "DOCTYPE and entity declarations are not accepted" };
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "not well-formed XML" };
  }
  if (parsed === null || typeof parsed !== "object") return { ok: false, reason: "no root element" };
  const roots = Object.keys(parsed);
  if (roots.length !== 1) return { ok: false, reason: "expected exactly one root element" };
  return { ok: true, root: roots[0]!, value: (parsed as Record<string, unknown>)[roots[0]!] };
}

/** `{ a: 1, b: { c: null } }` under `root` → `<root><a>1</a><b><c></c></b></root>`. */
export function buildXml(root: string, value: unknown): string {
  return builder.build({ [root]: stripNulls(value) }) as string;
}

// A null field is simply absent in XML; the builder would otherwise print "null".
function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null && inner !== undefined) out[key] = stripNulls(inner);
  return out;
}
