/**
 * Turns a documentation page as published (HTML) into the text form the page
 * readers of `generator/sources/` read: headings, paragraphs and list items on
 * lines of their own, and every `<table>` as a `cell | cell |` header line, a
 * `---|---|` rule and one `cell | cell |` line per row, then a blank line.
 *
 * A deliberately small reader, not a browser: it knows tags, attributes,
 * comments, raw-text elements (`script`, `style`) and character references,
 * which is all Amazon's documentation pages use. Inside a cell, block children
 * (paragraphs, `<br>`) stay on lines of their own, so a description of several
 * paragraphs keeps them; a `|` inside a cell is written as `¦` so it cannot
 * split the cell.
 */

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption",
  "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
  "section", "summary", "ul", "caption",
]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const SKIPPED = new Set(["script", "style", "head", "noscript", "template", "svg", "button", "iframe"]);
const RAW_TEXT = new Set(["script", "style"]);

const NAMED: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“",
  ndash: "–", mdash: "—", hellip: "…", bull: "•", middot: "·", copy: "©", reg: "®", trade: "™", times: "×", rarr: "→",
  larr: "←", laquo: "«", raquo: "»", euro: "€", pound: "£", yen: "¥", shy: "", zwj: "", zwnj: "", thinsp: " ", ensp: " ", emsp: " ",
};

/** Decodes character references: named ones Amazon's pages use, and every numeric one. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return whole;
      return code === 0xa0 ? " " : String.fromCodePoint(code);
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
  });
}

type Token = { readonly kind: "text"; readonly text: string } | { readonly kind: "open" | "close"; readonly name: string; readonly selfClosing: boolean };

/** Splits HTML into text and tags; comments, doctypes and processing instructions are dropped. */
export function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      tokens.push({ kind: "text", text: html.slice(i) });
      break;
    }
    if (lt > i) tokens.push({ kind: "text", text: html.slice(i, lt) });
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const end = html.indexOf(">", lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (!tag) {
      // A lone "<" in text ("a < b"): keep it as text.
      tokens.push({ kind: "text", text: "<" });
      i = lt + 1;
      continue;
    }
    const end = endOfTag(html, lt + tag[0].length);
    const name = tag[2]!.toLowerCase();
    const selfClosing = html[end - 2] === "/";
    tokens.push({ kind: tag[1] ? "close" : "open", name, selfClosing });
    i = end;
    if (!tag[1] && RAW_TEXT.has(name)) {
      // Searched from here, not by lowering the whole page once per script.
      const close = new RegExp(`</${name}`, "ig");
      close.lastIndex = i;
      i = close.exec(html)?.index ?? html.length;
    }
  }
  return tokens;
}

/** The index just after the `>` that ends a tag, skipping `>` inside quoted attribute values. */
function endOfTag(html: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < html.length; i += 1) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ">") {
      return i + 1;
    }
  }
  return html.length;
}

interface Cell {
  readonly header: boolean;
  readonly lines: string[];
}

interface TableState {
  readonly rows: Cell[][];
  readonly headRows: Set<number>;
  inHead: boolean;
  cell?: Cell;
}

/**
 * The text form of an HTML page. Block elements start new lines, inline ones
 * run on; white space inside a line is folded to one space, as a browser
 * shows it; `<pre>` keeps its lines.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = "";
  let skipDepth = 0;
  let preDepth = 0;
  const tables: TableState[] = [];

  const current = (): TableState | undefined => tables[tables.length - 1];
  const flush = () => {
    const table = current();
    const text = preDepth > 0 ? line.replace(/^\n+|\s+$/g, "") : line.replace(/[ \t\r\n\f\v]+/g, " ").trim();
    line = "";
    if (!text) return;
    if (table?.cell) table.cell.lines.push(text);
    else if (!table) out.push(...text.split("\n"));
    // Text between cells of a table (not in a <td>/<th>) is not shown by browsers either.
  };

  for (const token of tokenize(html)) {
    if (token.kind === "text") {
      if (skipDepth === 0) line += decodeEntities(token.text);
      continue;
    }
    const { name } = token;
    if (name === "body" && token.kind === "open") {
      // "</head>" may be left out; the body starts the shown content whatever was open before.
      skipDepth = 0;
      continue;
    }
    if (SKIPPED.has(name)) {
      if (token.kind === "open" && !token.selfClosing) skipDepth += 1;
      else if (token.kind === "close" && skipDepth > 0) skipDepth -= 1;
      continue;
    }
    if (skipDepth > 0) continue;
    if (name === "br") {
      flush();
      continue;
    }
    if (name === "table") {
      flush();
      if (token.kind === "open") tables.push({ rows: [], headRows: new Set(), inHead: false });
      else {
        const table = tables.pop();
        if (table) {
          const lines = renderTable(table);
          const outer = current();
          // A table in a cell becomes lines of that cell; its rule would only be noise there.
          if (outer?.cell) outer.cell.lines.push(...lines.filter((l) => l && !/^(-{3}\|)+$/.test(l)));
          else out.push(...lines);
        }
      }
      continue;
    }
    const table = current();
    if (table) {
      if (name === "thead") {
        table.inHead = token.kind === "open";
        continue;
      }
      if (name === "tr") {
        flush();
        delete table.cell;
        if (token.kind === "open") {
          if (table.inHead) table.headRows.add(table.rows.length);
          table.rows.push([]);
        }
        continue;
      }
      if (name === "td" || name === "th") {
        flush();
        delete table.cell;
        if (token.kind === "open") {
          if (table.rows.length === 0) table.rows.push([]);
          const cell: Cell = { header: name === "th", lines: [] };
          table.rows[table.rows.length - 1]!.push(cell);
          table.cell = cell;
        }
        continue;
      }
    }
    if (name === "pre") {
      flush();
      preDepth += token.kind === "open" ? 1 : preDepth > 0 ? -1 : 0;
      continue;
    }
    if (BLOCK.has(name)) {
      flush();
      continue;
    }
    // Inline elements (a, span, strong, code, em, …) run on. A space stands for an
    // inline image or input so words on either side stay apart.
    if (VOID.has(name)) line += " ";
  }
  flush();
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}

/** A table's rows as the text readers expect them: header, rule, rows, then a blank line. */
function renderTable(table: TableState): string[] {
  const rows = table.rows.filter((row) => row.length > 0);
  if (rows.length === 0) return [];
  const headerIndex = table.rows.findIndex((row, i) => row.length > 0 && (table.headRows.has(i) || row.every((cell) => cell.header)));
  const header = headerIndex >= 0 ? table.rows[headerIndex]! : rows[0]!;
  const body = rows.filter((row) => row !== header);
  const cellText = (cell: Cell, joiner: string) => cell.lines.map((l) => l.replace(/\|/g, "¦")).join(joiner);
  const width = Math.max(...rows.map((row) => row.length));
  // Readers cut the cells into rows of the header's width: a short row is padded so the next one stays aligned.
  const padded = (row: readonly Cell[]) => [...row, ...Array.from({ length: Math.max(0, width - row.length) }, (): Cell => ({ header: false, lines: [] }))];
  return [
    padded(header).map((cell) => `${cellText(cell, " ")} |`).join(" "),
    Array.from({ length: width }, () => "---|").join(""),
    // A row's first cell stays on one line, so every row starts on a line with a "|" and a line
    // without one can only continue the cell before it.
    ...body.map((row) => padded(row).map((cell, column) => `${cellText(cell, column === 0 ? " " : "\n")} |`).join(" ")),
    "",
  ];
}

/** True when a document is HTML rather than the text form. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || (/<(table|body|div|p|h[1-6])[\s>]/.test(head) && /<\/(table|body|div|p|h[1-6])>/i.test(text));
}
