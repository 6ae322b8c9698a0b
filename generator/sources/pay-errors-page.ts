/**
 * Reads the Amazon Pay "Manage errors" page (its text form): each row of the
 * generic error table is an `NNN STATUS_TEXT` line, the reason code on the next
 * line, then the description's paragraphs.
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

export function readPayErrorsPage(text: string): PayPageRow[] {
  // Non-breaking spaces are the HTML's &nbsp; artefacts, not words: fold all white space.
  const lines = text.split(/\r?\n/).map((line) => line.replace(/\s+/g, " ").trim());
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
