import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { readPayErrorsPage } from "../../sources/pay-errors-page.js";
import { readPipeTables } from "../../sources/pipe-tables.js";
import { readSpecDir, type SpecDir } from "../../spec/read-spec-dir.js";
import type { SpecFile } from "../../spec/spec-document.js";

/**
 * A small spec written for the sync tests (`spec/` beside this file): the
 * rows of the small pages of generator/sources/test-support/, the sections
 * and sentences they cite, and the pages' digests in `spec/sources.yaml`.
 * Its paths read `spec/…`, as the bundled spec's do.
 */
export const testSpecDir = fileURLToPath(new URL("./spec", import.meta.url));
export const testSpec: SpecDir = readSpecDir(testSpecDir);

/** The spec with every `errors` list emptied and everything else as it is. */
export function emptied(files: readonly SpecFile[]): SpecFile[] {
  return files.map((file) => {
    const doc = parseDocument(file.text);
    if (!doc.has("errors")) return file;
    doc.set("errors", doc.createNode([]));
    return { path: file.path, text: doc.toString({ lineWidth: 0 }) };
  });
}

/** The spec after a sync wrote `writes`: files replaced or added. */
export function written(spec: SpecDir, writes: readonly SpecFile[]): SpecDir {
  const files = new Map(spec.files.map((file) => [file.path, file]));
  for (const write of writes) files.set(write.path, write);
  return { files: [...files.values()] };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/’/g, "&rsquo;");
const html = (body: string) =>
  `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Amazon docs</title><script>var nav = "<table>";</script></head>\n` +
  `<body><nav><a href="/">Home</a></nav>\n<!-- content -->\n<main>\n${body}\n</main><footer>© Amazon</footer></body></html>\n`;

/**
 * A page in its text form as the published HTML would carry it: its `|`
 * tables (or, for the Amazon Pay page, its status/code/description table) as
 * `<table>` markup, every other line a paragraph, with entities and page
 * furniture around.
 */
export function pageAsHtml(text: string): string {
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
  return html(body.join("\n"));
}
