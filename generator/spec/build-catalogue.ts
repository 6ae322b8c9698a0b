import { createHash } from "node:crypto";
import type {
  ApiModel,
  Catalogue,
  CatalogueError,
  CatalogueObject,
  CatalogueOperation,
  CataloguePending,
  CatalogueRule,
  Cited,
  MockCode,
  MockPlacement,
  SourceDocument,
} from "./catalogue.js";
import type { ApiId, Citation, HandlingInput, SpecFileInput } from "./spec-input.js";

const API_ORDER: readonly ApiId[] = ["amazon-pay", "incentives"];
const RETRY_KINDS = new Set(["retry", "throttling", "resend"]);

/**
 * Turns checked spec files into the normalised catalogue. Pure: the same
 * inputs always give the same catalogue, in the same order, with the same
 * version hash.
 */
export function buildCatalogue(options: { inputs: readonly SpecFileInput[]; toolVersion: string }): Catalogue {
  const { inputs } = options;
  // A page's digest is sync's record of the text it last read, not part of what is certified.
  const sources: SourceDocument[] = inputs.flatMap((input) => input.sources ?? []).map(({ id, title, url }) => ({ id, title, ...(url !== undefined ? { url } : {}) }));
  const titles = new Map(sources.map((source) => [source.id, source.title]));
  const cite = (citation: Citation): Cited => ({ ...citation, title: titles.get(citation.doc) ?? citation.doc });
  const handling: HandlingInput[] = inputs.flatMap((input) => input.handling ?? []);
  const outcomes = new Map(handling.map((term) => [term.id, term.outcomes]));

  const apis: ApiModel[] = [];
  const errors: CatalogueError[] = [];
  const pending: CataloguePending[] = [];
  const objects: CatalogueObject[] = [];
  const mockCodes: MockCode[] = [];
  const rules: CatalogueRule[] = [];

  for (const api of API_ORDER) {
    const files = inputs.filter((input) => input.api === api);
    if (files.length === 0) continue;
    const operations: CatalogueOperation[] = files.flatMap((f) => f.operations ?? []).map((op) => ({ ...op, source: cite(op.source) }));
    const classes = files.flatMap((f) => f.errorClasses ?? []);
    const classStatus = new Map(classes.map((c) => [c.id, c.status]));
    const placements: MockPlacement[] = files
      .flatMap((f) => f.mockPlacement ?? [])
      .map(({ operation, field, requires }) => ({ operation, field, ...(requires ? { requires } : {}) }));
    apis.push({
      id: api,
      title: files.find((f) => f.title !== undefined)?.title ?? api,
      hosts: files.flatMap((f) => f.hosts ?? []),
      operations,
      errorClasses: classes,
      commonCauses: files.flatMap((f) => f.commonCauses ?? []),
      mockPlacement: placements,
    });

    const allOperations = operations.map((op) => op.id);
    const apiErrors = files.flatMap((f) => f.errors ?? []).map(({ statusSource, ...error }): CatalogueError => {
      const status = error.errorClass === undefined ? undefined : classStatus.get(error.errorClass);
      return {
        api,
        ...error,
        ...(statusSource ? { statusSource: cite(statusSource) } : {}),
        ...(status ? { status } : {}),
        operations: error.operations === "all" ? allOperations : [...error.operations],
        acceptedOutcomes: outcomes.get(error.handling) ?? [],
        documentsSilent: error.documentsSilent ?? false,
        source: cite(error.source),
      };
    });
    errors.push(...apiErrors);
    for (const { source, states, ...entry } of files.flatMap((f) => f.objects ?? [])) {
      const cited = states.map(({ source: stateSource, reasonCodesSource, ...state }) => ({ ...state, ...(stateSource ? { source: cite(stateSource) } : {}), ...(reasonCodesSource ? { reasonCodesSource: cite(reasonCodesSource) } : {}) }));
      objects.push({ api, ...entry, states: cited, source: cite(source) });
    }
    for (const { source, afterSource, ...entry } of files.flatMap((f) => f.pending ?? [])) {
      pending.push({ api, ...entry, source: cite(source), ...(afterSource ? { afterSource: cite(afterSource) } : {}) });
    }

    const success = files.find((f) => f.successMockCode)?.successMockCode;
    if (success) {
      mockCodes.push({ code: success.code, api, outcome: "success", variants: [], placements, source: cite(success.source) });
    }
    const byCode = new Map<string, CatalogueError[]>();
    for (const error of apiErrors) {
      if (error.mockCode === undefined) continue;
      byCode.set(error.mockCode, [...(byCode.get(error.mockCode) ?? []), error]);
    }
    for (const [code, rows] of byCode) {
      const operationsOfRows = new Set(rows.flatMap((row) => row.operations));
      const first = rows[0]!;
      mockCodes.push({
        code,
        api,
        outcome: first.status === "RESEND" ? "resend" : "failure",
        ...(first.errorClass ? { errorClass: first.errorClass } : {}),
        variants: rows.map((row) => ({ errorId: row.id, code: row.code, ...(row.message !== undefined ? { message: row.message } : {}), operations: row.operations })),
        placements: placements.filter((placement) => operationsOfRows.has(placement.operation)),
        source: first.source,
      });
    }

    for (const { detailSource, enforces, ...rule } of files.flatMap((f) => f.rules ?? [])) {
      const sentences = enforces?.map((sentence) => ({ ...sentence, source: cite(sentence.source ?? rule.source) }));
      rules.push({ api, ...rule, source: cite(rule.source), ...(detailSource ? { detailSource: cite(detailSource) } : {}), ...(sentences ? { enforces: sentences } : {}) });
    }
  }

  mockCodes.sort((a, b) => a.api.localeCompare(b.api) || a.code.localeCompare(b.code));
  const body = { sources, handling, apis, errors, pending, objects, mockCodes, retryRules: rules.filter((rule) => RETRY_KINDS.has(rule.kind)), rules };
  const catalogueVersion = createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 12);
  return { tool: { name: "faultproof", version: options.toolVersion }, catalogueVersion, ...body };
}
