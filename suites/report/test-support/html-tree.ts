import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * A small read-only DOM for the HTML report's unit tests. renderHtml writes
 * markup that is also well-formed XML, so an XML parser can read it; the
 * browser test checks the same page in a real Chromium.
 */

export interface Element {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly Node[];
}
export type Node = Element | string;

type Ordered = Record<string, unknown> & { readonly ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  allowBooleanAttributes: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

/** The document's elements; throws with the parser's words when the markup is not well-formed. */
export function parseHtml(html: string): Element {
  const valid = XMLValidator.validate(html, { allowBooleanAttributes: true });
  if (valid !== true) throw new Error(`not well-formed: ${valid.err.msg} at line ${valid.err.line}, column ${valid.err.col}`);
  const nodes = (parser.parse(html) as Ordered[]).map(toNode);
  return { tag: "#document", attrs: {}, children: nodes };
}

function toNode(raw: Ordered): Node {
  const tag = Object.keys(raw).find((key) => key !== ":@") ?? "#text";
  if (tag === "#text") return String(raw["#text"] ?? "");
  const children = Array.isArray(raw[tag]) ? (raw[tag] as Ordered[]).map(toNode) : [];
  return { tag, attrs: raw[":@"] ?? {}, children };
}

export function isElement(node: Node): node is Element {
  return typeof node !== "string";
}

/** Every element under `root` (depth first, document order) that matches. */
export function findAll(root: Element, match: (element: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (element: Element): void => {
    for (const child of element.children.filter(isElement)) {
      if (match(child)) out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}

export function findOne(root: Element, match: (element: Element) => boolean, what: string): Element {
  const found = findAll(root, match);
  if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0] as Element;
}

/** The text content, entities decoded. */
export function textOf(node: Node): string {
  return typeof node === "string" ? node : node.children.map(textOf).join("");
}

export const byTag =
  (tag: string) =>
  (element: Element): boolean =>
    element.tag === tag;

export const byAttr =
  (name: string, value?: string) =>
  (element: Element): boolean =>
    value === undefined ? name in element.attrs : element.attrs[name] === value;
