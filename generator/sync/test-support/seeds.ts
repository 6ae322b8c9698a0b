import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { packageRoot } from "../../package-root.js";
import { readPayErrorsPage } from "../../sources/pay-errors-page.js";
import { readPipeTables } from "../../sources/pipe-tables.js";
import type { SpecFile } from "../../spec/spec-document.js";

export const SEEDS = {
  payErrors: "000_5b2fbd8c92054aef.txt",
  payFaq: "002_3c3e2c8c7c35cbff.txt",
  incentives: "003_dc2cf047835e2926.txt",
} as const;

export function seed(file: string): string {
  return readFileSync(join(packageRoot, "spec/sources", file), "utf8");
}

/** `text` with `replace` replaced; it must occur exactly once, so a fixture cannot silently stop testing. */
export function edit(text: string, replace: string, by: string): string {
  const count = text.split(replace).length - 1;
  if (count !== 1) throw new Error(`fixture: ${JSON.stringify(replace)} occurs ${count} times`);
  return text.replace(replace, () => by);
}

/** The spec with every `errors` list emptied and everything else as it is. */
export function emptied(files: readonly SpecFile[]): SpecFile[] {
  return files.map((file) => {
    const doc = parseDocument(file.text);
    if (!doc.has("errors")) return file;
    doc.set("errors", doc.createNode([]));
    return { path: file.path, text: doc.toString({ lineWidth: 0 }) };
  });
}

export interface SpecTexts {
  readonly files: readonly SpecFile[];
  readonly sourceTexts: ReadonlyMap<string, string>;
}

/** The spec after a sync wrote `writes`: YAML files replaced or added, stored page texts replaced. */
export function written(spec: SpecTexts, writes: readonly SpecFile[]): SpecTexts {
  const files = new Map(spec.files.map((file) => [file.path, file]));
  const sourceTexts = new Map(spec.sourceTexts);
  for (const write of writes) {
    if (/\.ya?ml$/.test(write.path)) files.set(write.path, write);
    else sourceTexts.set(write.path.slice(write.path.indexOf("/") + 1), write.text);
  }
  return { files: [...files.values()], sourceTexts };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/’/g, "&rsquo;");

const page = (body: string) =>
  `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Amazon docs</title><script>var nav = "<table>";</script></head>\n` +
  `<body><nav><a href="/">Home</a></nav>\n<!-- content -->\n<main>\n${body}\n</main><footer>© Amazon</footer></body></html>\n`;

/**
 * A seed as the published HTML would carry it: its `|` tables (or, for the
 * Amazon Pay page, its status/code/description table) as `<table>` markup,
 * every other line a paragraph, with entities and page furniture around.
 */
export function seedAsHtml(text: string): string {
  const lines = text.split("\n");
  const tables = readPipeTables({ text, headingOf: () => "" });
  const body: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (tables[0] && tables[0].line === i + 1) {
      const { header, rows } = tables.shift()!;
      body.push(
        `<table class="table">\n<thead><tr>${header.map((h) => `<th>${escape(h)}</th>`).join("")}</tr></thead>\n<tbody>\n` +
          rows.map((row) => `<tr>\n${row.map((cell) => `  <td>${escape(cell)}</td>`).join("\n")}\n</tr>`).join("\n") +
          "\n</tbody></table>",
      );
      for (i += 2; i < lines.length && lines[i]!.includes("|"); i += 1);
      i -= 1;
    } else if (lines[i] === "HTTP status code") {
      const end = lines.indexOf("Retrying errors");
      const rows = readPayErrorsPage(lines.slice(i, end).join("\n"));
      body.push(
        `<table><tr><th>HTTP status code</th><th>Reason code</th><th>Description</th></tr>\n` +
          rows
            .map(({ httpStatus, statusText, reasonCode, description }) =>
              `<tr><td>${httpStatus}&nbsp;${statusText}</td><td><code>${reasonCode}</code></td><td>${description.map((p) => `<p>${escape(p)}</p>`).join("")}</td></tr>`,
            )
            .join("\n") +
          "</table>",
      );
      i = end - 1;
    } else if (lines[i]!.trim()) {
      body.push(`<p>${escape(lines[i]!)}</p>`);
    }
  }
  return page(body.join("\n"));
}
