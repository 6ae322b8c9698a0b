import type { Diagnostic } from "./diagnostic.js";
import { parseAndShape } from "./load-spec.js";
import type { SpecDocument, SpecFile } from "./spec-document.js";
import type { ApiId, SpecFileInput } from "./spec-input.js";

/** A file of a team's overlay that parsed, passed the schema and holds only error entries of one API. */
export interface OverlayFile {
  readonly file: SpecFile;
  readonly document: SpecDocument;
  readonly api: ApiId;
  readonly input: SpecFileInput;
}

export type OverlayFilesResult = { readonly ok: true; readonly files: readonly OverlayFile[] } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const APIS: readonly ApiId[] = ["amazon-pay", "incentives"];
/** An overlay changes documented failures only; hosts, operations, rules and sources stay faultproof's. */
const OVERLAY_KEYS = new Set(["api", "errors"]);

/**
 * The overlay's files through the loader's first two stages (YAML with
 * positions, the JSON Schema), then what an overlay may hold: each file in a
 * folder named for its API, with `api` and `errors` only.
 */
export function checkOverlayFiles(files: readonly SpecFile[]): OverlayFilesResult {
  const diagnostics: Diagnostic[] = [];
  const checked: OverlayFile[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const shaped = parseAndShape(file);
    if (!shaped.ok) {
      diagnostics.push(...shaped.diagnostics);
      continue;
    }
    const { document } = shaped;
    const input = document.data as SpecFileInput;
    const folder = file.path.split("/").at(-2) ?? "";
    const api = APIS.find((id) => id === folder);
    if (api === undefined) {
      diagnostics.push({ file: file.path, line: 0, column: 0, field: "", message: `an overlay file goes in a folder named for its API`, hint: `move it to ${APIS.map((id) => `<overlay>/${id}/`).join(" or ")}` });
      continue;
    }
    const extra = Object.keys(input).filter((key) => !OVERLAY_KEYS.has(key));
    for (const key of extra) {
      diagnostics.push(document.diagnose({ at: [], key, message: `"${key}" cannot be overlaid: an overlay holds error entries only`, hint: "keep api and errors; the rest stays as faultproof bundles it" }));
    }
    if (input.api === undefined) {
      diagnostics.push(document.diagnose({ at: [], message: `missing required key "api"`, hint: `files under ${folder}/ start with: api: ${folder}` }));
    } else if (input.api !== api) {
      diagnostics.push(document.diagnose({ at: ["api"], message: `this file is in ${folder}/ but says api: ${input.api}`, hint: "move the file or correct the api" }));
    }
    if (extra.length === 0 && input.api === api) checked.push({ file, document, api, input });
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, files: checked };
}
