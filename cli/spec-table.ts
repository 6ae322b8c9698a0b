import type { Catalogue, CatalogueError } from "../generator/spec/catalogue.js";
import { tallyOfEntries, type OverlayEntry } from "../generator/spec/overlay-entries.js";
import type { Colors } from "picocolors/types.js";

/** The catalogue as a person reads it: one table per API, then the retry rules. */
export function renderSpecTable(options: { catalogue: Catalogue; colors: Colors }): string {
  const { catalogue, colors } = options;
  const out: string[] = [];
  for (const api of catalogue.apis) {
    const rows = catalogue.errors.filter((error) => error.api === api.id);
    out.push(colors.bold(`${api.title} — ${rows.length} documented errors, ${api.operations.length} operations`));
    out.push(table([["code", "status", "mock", "handling", "operations", "source"], ...rows.map((row) => rowOf(row, api.operations.length))]));
    out.push("");
  }
  const flagged = catalogue.errors.filter((error) => error.review !== undefined || error.removedFromPage === true);
  if (flagged.length > 0) {
    out.push(colors.bold(colors.yellow(`To review — ${flagged.length} (delete the note or the entry once confirmed)`)));
    out.push(table([["api", "id", "flag", "note"], ...flagged.map((error) => [error.api, error.id, error.removedFromPage ? "removed from page" : "review", error.review ?? ""])]));
    out.push("");
  }
  out.push(colors.bold(`Rules — ${catalogue.rules.length}`));
  out.push(table([["api", "rule", "kind", "handling", "summary"], ...catalogue.rules.map((rule) => [rule.api, rule.id, rule.kind, rule.handling ?? "", clip(rule.summary, 70)])]));
  const mocks = catalogue.mockCodes;
  out.push("");
  out.push(
    `${catalogue.errors.length} errors, ${mocks.length} mock codes, ${catalogue.rules.length} rules — catalogue ${catalogue.catalogueVersion}` +
      colors.dim("  (--json for the full catalogue)"),
  );
  return out.join("\n") + "\n";
}

function rowOf(error: CatalogueError, operationCount: number): string[] {
  const status = error.httpStatus !== undefined ? String(error.httpStatus) : (error.errorClass ?? "");
  const operations = error.operations.length === operationCount ? "all" : error.operations.join(",");
  const flag = error.removedFromPage ? " ✗" : error.review !== undefined ? " ?" : "";
  return [error.code + flag, status, error.mockCode ?? "", error.handling, clip(operations, 40), `${error.source.doc} ${clip(error.source.section, 24)}`];
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}

/**
 * A team's overlay, entry by entry, after the catalogue: what each entry does
 * to the bundled spec, and which ones a newer faultproof made redundant
 * (its bundled spec holds them identically), so upgrading leaves no stale
 * copies behind.
 */
export function renderOverlaySection(options: { folder: string; entries: readonly OverlayEntry[]; toolVersion: string; colors: Colors }): string {
  const { colors, entries } = options;
  const out = [colors.bold(`Spec overlay ${options.folder} — ${tallyOfEntries(entries)}`)];
  if (entries.length > 0) {
    out.push(table([["effect", "api", "id", "code", "where"], ...entries.map((entry) => [entry.effect === "changed" && entry.fields ? `changed (${entry.fields.join(", ")})` : entry.effect, entry.api, entry.id, entry.code, `${entry.file}:${entry.line}:${entry.column}`])]));
  }
  const redundant = entries.filter((entry) => entry.effect === "redundant");
  if (redundant.length > 0) {
    out.push(
      colors.yellow(
        `${redundant.length} redundant: faultproof ${options.toolVersion} bundles ${redundant.length === 1 ? "this entry" : "these entries"} as your overlay has ${redundant.length === 1 ? "it" : "them"}; delete ${redundant.length === 1 ? "it" : "them"} from the overlay:`,
      ),
      ...redundant.map((entry) => `  ${entry.file}:${entry.line}:${entry.column}: ${entry.id}`),
    );
  }
  return out.join("\n") + "\n";
}
