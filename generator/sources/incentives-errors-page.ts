import { readPipeTables, type PipeTable } from "./pipe-tables.js";

/**
 * Reads the Incentives API "Errors and Mock Errors" page (its text form) into
 * the rows of its error tables, exactly as the page words them. The spec is
 * checked against this, and `faultproof sync` builds on it.
 */
export interface IncentivesPageRow {
  readonly section: string;
  readonly errorType: string;
  readonly errorClass: string;
  readonly mockCode: string;
  /** Absent for the F100 system-error list, which documents names only. */
  readonly message?: string;
}

export interface IncentivesPage {
  readonly classes: readonly { readonly code: string; readonly description: string }[];
  readonly commonCauses: readonly { readonly errorClass: string; readonly cause: string }[];
  readonly rows: readonly IncentivesPageRow[];
  /** The throttled answer the "Throttled" section shows (`<ThrottlingException><Message>…`), outside the tables. */
  readonly throttling?: { readonly section: string; readonly errorType: string; readonly message: string };
}

const HEADING = /(F\d00 [-–] [A-Za-z/ ]+|Error Code Classes|Most common error codes and causes|Other Endpoint Errors)\s*$/;

function nearestHeading(before: readonly string[]): string {
  for (let i = before.length - 1; i >= Math.max(0, before.length - 6); i -= 1) {
    const match = HEADING.exec(before[i]!);
    if (match) return match[1]!.trim();
  }
  return "";
}

function rowsOf(table: PipeTable): IncentivesPageRow[] {
  const first = table.header[0] ?? "";
  const singleMock = /Mock Error Request ID = (F\d{4})/.exec(first);
  if (singleMock) {
    const mockCode = singleMock[1]!;
    return table.rows.map(([errorType]) => ({
      section: table.section,
      errorType: errorType!,
      errorClass: `F${mockCode[1]}00`,
      mockCode,
    }));
  }
  if (table.header.join("|") === "Error|Message|Mock Error ID") {
    return table.rows.map(([errorType, message, mock]) => {
      const mockCode = /F\d{4}/.exec(mock ?? "")?.[0] ?? "";
      return { section: table.section, errorType: errorType!, errorClass: `F${mockCode[1]}00`, mockCode, message: message! };
    });
  }
  if (table.header.join("|") === "Error Type|Description|Error Code / Mock") {
    return table.rows.map(([errorType, message, codes]) => {
      const [errorClass = "", mockCode = ""] = (codes ?? "").split("/").map((part) => part.trim());
      return { section: table.section, errorType: errorType!, errorClass, mockCode, message: message! };
    });
  }
  return [];
}

export function readIncentivesErrorsPage(text: string): IncentivesPage {
  const tables = readPipeTables({ text, headingOf: nearestHeading });
  const byHeader = (header: string) => tables.find((table) => table.header.join("|") === header);
  return {
    classes: (byHeader("Error Code|Description")?.rows ?? []).map(([code, description]) => ({ code: code!, description: description! })),
    commonCauses: (byHeader("Common Error Code|Typical Cause")?.rows ?? []).map(([errorClass, cause]) => ({
      errorClass: errorClass!,
      cause: cause!,
    })),
    rows: tables.flatMap(rowsOf),
    ...throttlingOf(text),
  };
}

const THROTTLED_HEADING = /^Throttled\s*$/m;
const THROTTLED_BODY = /<(\w+)>\s*<Message>([^<]*)<\/Message>\s*<\/\1>/;

function throttlingOf(text: string): Pick<IncentivesPage, "throttling"> {
  const heading = THROTTLED_HEADING.exec(text);
  if (!heading) return {};
  const body = THROTTLED_BODY.exec(text.slice(heading.index));
  return body ? { throttling: { section: "Throttled", errorType: body[1]!, message: body[2]!.trim() } } : {};
}
