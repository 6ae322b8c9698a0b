import { readPipeTables } from "./pipe-tables.js";

/**
 * Reads the Amazon Pay "Manage errors" page (its text form): each row of the
 * generic error table is an `NNN STATUS_TEXT` line, the reason code on the next
 * line, then the description's paragraphs. The text made from the published
 * HTML (`generator/sync/html-to-text.ts`) gives the same table as a pipe table
 * instead; both read to the same rows.
 */
export interface PayPageRow {
  readonly httpStatus: number;
  readonly statusText: string;
  readonly reasonCode: string;
  /** The description's paragraphs, in the page's words. */
  readonly description: readonly string[];
}

const STATUS_LINE = /^(\d{3}) ([A-Z_]+)$/;
const TABLE_END = /^Retrying errors$/;
const TABLE_HEADER = "HTTP status code|Reason code|Description";

// Non-breaking spaces are the HTML's &nbsp; artefacts, not words: fold all white space.
const fold = (line: string) => line.replace(/\s+/g, " ").trim();

export function readPayErrorsPage(text: string): PayPageRow[] {
  const table = readPipeTables({ text, headingOf: () => "" }).find((candidate) => candidate.header.join("|") === TABLE_HEADER);
  return table ? rowsOfTable(table.cellLines) : rowsOfLines(text);
}

function rowsOfLines(text: string): PayPageRow[] {
  const lines = text.split(/\r?\n/).map(fold);
  const rows: { httpStatus: number; statusText: string; reasonCode: string; description: string[] }[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (TABLE_END.test(line)) break;
    const status = STATUS_LINE.exec(line);
    if (status) {
      rows.push({ httpStatus: Number(status[1]), statusText: status[2]!, reasonCode: lines[i + 1] ?? "", description: [] });
      i += 1;
    } else if (line && rows.length > 0) {
      rows[rows.length - 1]!.description.push(line);
    }
  }
  return rows;
}

function rowsOfTable(cellLines: readonly (readonly (readonly string[])[])[]): PayPageRow[] {
  return cellLines.flatMap(([status = [], code = [], description = []]) => {
    // A status cell may break "400" and "BAD_REQUEST" onto two lines.
    const match = STATUS_LINE.exec(fold(status.join(" ")));
    if (!match) return [];
    return [{ httpStatus: Number(match[1]), statusText: match[2]!, reasonCode: fold(code.join(" ")), description: description.map(fold) }];
  });
}
