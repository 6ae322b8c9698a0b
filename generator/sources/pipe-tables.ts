/**
 * Amazon's documentation pages, saved as text, render their HTML tables as
 * `cell | cell |` lines under a `---|---|` rule. A cell may wrap onto the next
 * line, so a table's body is read as one stream of `|`-separated cells and cut
 * into rows of the header's width.
 */
export interface PipeTable {
  /** The section heading the table sits under, as the page words it. */
  readonly section: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** 1-based line of the header, for error messages and citations. */
  readonly line: number;
}

const RULE = /^-{3}(\|-{3})*\|$/;

function cellsOf(text: string): string[] {
  return text
    .split("|")
    .map((cell) => cell.replace(/\s+/g, " ").trim())
    .filter((cell) => cell.length > 0);
}

export function readPipeTables(options: { text: string; headingOf: (lines: readonly string[]) => string }): PipeTable[] {
  const lines = options.text.split(/\r?\n/);
  const tables: PipeTable[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    if (!RULE.test(lines[i]!.trim())) continue;
    const header = cellsOf(lines[i - 1]!);
    let end = i + 1;
    while (end < lines.length && lines[end]!.includes("|")) end += 1;
    const cells = cellsOf(lines.slice(i + 1, end).join("\n"));
    const rows: string[][] = [];
    for (let c = 0; c < cells.length; c += header.length) rows.push(cells.slice(c, c + header.length));
    tables.push({ section: options.headingOf(lines.slice(0, i - 1)), header, rows, line: i });
    i = end - 1;
  }
  return tables;
}
