/**
 * Amazon's documentation pages, saved as text, render their HTML tables as
 * `cell | cell |` lines under a `---|---|` rule. A cell may wrap onto the next
 * line, or hold several lines (paragraphs), so a table's body is read as one
 * stream of `|`-separated cells and cut into rows of the header's width.
 */
export interface PipeTable {
  /** The section heading the table sits under, as the page words it. */
  readonly section: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /**
   * The same cells as lines: a cell of several paragraphs (HTML `<p>` or
   * `<br>` in a cell) keeps them apart here, while `rows` runs them together.
   */
  readonly cellLines: readonly (readonly (readonly string[])[])[];
  /** 1-based line of the header, for error messages and citations. */
  readonly line: number;
}

const RULE = /^-{3}(\|-{3})*\|$/;

const fold = (text: string) => text.replace(/\s+/g, " ").trim();

function cellsOf(text: string): string[][] {
  const pieces = text.split("|");
  // Every row ends in "|": what follows the last one is not a cell.
  if (fold(pieces[pieces.length - 1]!) === "") pieces.pop();
  // A cell wrapped after its "|" starts with the line break; an empty cell keeps its column.
  return pieces.map((piece) => piece.split("\n").map(fold).filter((line) => line.length > 0));
}

export function readPipeTables(options: { text: string; headingOf: (lines: readonly string[]) => string }): PipeTable[] {
  const lines = options.text.split(/\r?\n/);
  const tables: PipeTable[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    if (!RULE.test(lines[i]!.trim())) continue;
    const header = cellsOf(lines[i - 1]!).map((cell) => cell.join(" "));
    let end = i + 1;
    // A line without "|" still belongs to the table while the cell of the line before is open.
    while (end < lines.length && (lines[end]!.includes("|") || !lines[end - 1]!.trimEnd().endsWith("|"))) end += 1;
    const cells = cellsOf(lines.slice(i + 1, end).join("\n"));
    const cellLines: string[][][] = [];
    for (let c = 0; c < cells.length; c += header.length) cellLines.push(cells.slice(c, c + header.length));
    const rows = cellLines.map((row) => row.map((cell) => cell.join(" ")));
    tables.push({ section: options.headingOf(lines.slice(0, i - 1)), header, rows, cellLines, line: i });
    i = end - 1;
  }
  return tables;
}
