import type { HandlingId } from "../spec/spec-input.js";
import type { PageKind, PageRow } from "./page-kinds.js";

/** The note a new entry carries until a person confirms it. */
export const ADDED_REVIEW = "added by faultproof sync; confirm the handling and the operations";
const NO_STATUS_REVIEW = "added by faultproof sync; the page gives no HTTP status, so 400 is a placeholder: confirm httpStatus (with a statusSource), the handling and the operations";

/** A new spec entry, its keys in the order the spec's entries use. */
export type NewEntry = Readonly<Record<string, unknown>> & { readonly id: string; readonly code: string };

interface Default {
  readonly handling: HandlingId;
  readonly rationale: string;
}

const FAIL: Default = {
  handling: "fail-surface",
  rationale: "Added by faultproof sync: the request itself is wrong, and the same request fails the same way, so fail and surface the code.",
};
const HAND_OVER: Default = {
  handling: "manual-follow-up",
  rationale: "Added by faultproof sync: the page gives no handling and this is no documented retry case, so the safe reading is not to retry but to hand over.",
};

const HAND_OVER_STATUSES: ReadonlySet<number> = new Set([401, 403, 426]);

/**
 * The safe handling for a row the page gives no handling for, chosen the way
 * the spec's own entries choose: by the Incentives error class, or by the
 * Amazon Pay status and the statuses its retry rule names.
 */
function defaultFor(options: { row: PageRow; retryStatuses: ReadonlySet<number> }): Default {
  const { row } = options;
  if (row.errorClass !== undefined) {
    switch (row.errorClass) {
      case "F200":
        return FAIL;
      case "F400":
        return {
          handling: "cancel-then-resend",
          rationale: "Added by faultproof sync: F400 is the retry-able class answered with RESEND; cancel / deactivate / void the original request id, then re-send.",
        };
      case "Throttled":
        return { handling: "retry-not-instantly", rationale: "Added by faultproof sync: a throttled request is never retried instantly; slow down and retry later." };
      default:
        return HAND_OVER;
    }
  }
  const status = row.httpStatus ?? 400;
  if (options.retryStatuses.has(status)) {
    return { handling: "retry-backoff", rationale: "Added by faultproof sync: the retry rule names this status, so retry with backoff up to a limit, then log and hand over." };
  }
  // Credentials, account state and the client's TLS are for a person to fix, as is a server error no rule retries.
  return status >= 500 || HAND_OVER_STATUSES.has(status) ? HAND_OVER : FAIL;
}

/** `InvalidAPIVersion` → `invalid-api-version`. */
export function kebab(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** An entry for a row the spec does not have, shaped like the entries around it. */
export function newEntry(options: { kind: PageKind; row: PageRow; docId: string; takenIds: Set<string>; retryStatuses: ReadonlySet<number> }): NewEntry {
  const { row, kind } = options;
  const placement = kind.place(row);
  const base = `${placement.idPrefix}${row.mockCode ? `${row.mockCode.toLowerCase()}-` : ""}${kebab(row.code)}`;
  let id = base;
  for (let n = 2; options.takenIds.has(id); n += 1) id = `${base}-${n}`;
  options.takenIds.add(id);
  const noStatus = kind.api === "amazon-pay" && row.httpStatus === undefined;
  const { handling, rationale } = defaultFor({ row, retryStatuses: options.retryStatuses });
  return {
    id,
    code: row.code,
    ...(kind.api === "amazon-pay" ? { httpStatus: row.httpStatus ?? 400, statusText: row.statusText ?? "BAD_REQUEST" } : {}),
    ...(row.errorClass !== undefined ? { errorClass: row.errorClass } : {}),
    ...(row.mockCode !== undefined ? { mockCode: row.mockCode } : {}),
    ...(row.message !== undefined ? { message: row.message } : {}),
    ...(row.details !== undefined && row.details.length > 0 ? { details: row.details } : {}),
    operations: placement.operations,
    handling,
    rationale,
    documentsSilent: true,
    review: noStatus ? NO_STATUS_REVIEW : ADDED_REVIEW,
    source: { doc: options.docId, section: row.section },
  };
}
