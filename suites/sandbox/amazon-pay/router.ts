import type { SandboxOperation } from "../model.js";

export type Route =
  | { readonly kind: "operation"; readonly operation: SandboxOperation; readonly params: Readonly<Record<string, string>>; readonly environment?: "live" | "sandbox" }
  /** The path names a resource, but not with this method: 405. */
  | { readonly kind: "wrong-method"; readonly allowed: readonly string[] }
  /** The path names an API version other than v2 (`/v1/…`, `/sandbox/v3/…`): 400 InvalidAPIVersion (seed 000). */
  | { readonly kind: "unsupported-version"; readonly version: string }
  | { readonly kind: "unknown" };

interface CompiledPath {
  readonly operation: SandboxOperation;
  readonly segments: readonly string[];
}

/**
 * Routes `/{live|sandbox}/v2/<path>` and `/v2/<path>` (the two forms of
 * reference B1) to an operation; another version in that place is told apart
 * from a path that names nothing. Built once per sandbox; a lookup walks only
 * the operations with the same segment count and the same first segment (the
 * resource: checkoutSessions, charges, ...), so its cost does not grow with
 * the number of resources.
 */
export class PayRouter {
  readonly #byShape = new Map<string, CompiledPath[]>();

  constructor(operations: readonly SandboxOperation[]) {
    for (const operation of operations) {
      const segments = operation.path.split("/").filter(Boolean);
      // A path that starts with a parameter matches any first segment: its bucket is the wildcard one.
      const first = segments[0] !== undefined && !isParameter(segments[0]) ? segments[0] : WILDCARD;
      const key = shapeKey(segments.length, first);
      this.#byShape.set(key, [...(this.#byShape.get(key) ?? []), { operation, segments }]);
    }
  }

  route(options: { method: string; pathname: string }): Route {
    // A malformed percent-escape stays as sent: as an id it then names no object (404).
    const parts = options.pathname.split("/").filter(Boolean).map(decodeSegment);
    let environment: "live" | "sandbox" | undefined;
    if (parts[0] === "live" || parts[0] === "sandbox") environment = parts.shift() as "live" | "sandbox";
    const version = parts.shift();
    if (version !== "v2") return version !== undefined && VERSION.test(version) ? { kind: "unsupported-version", version } : { kind: "unknown" };
    const allowed: string[] = [];
    const exact = this.#byShape.get(shapeKey(parts.length, parts[0] ?? "")) ?? [];
    const wildcard = this.#byShape.get(shapeKey(parts.length, WILDCARD));
    // Amazon Pay's paths all start with their resource: no copy per request unless a path starts with a parameter.
    const candidates = wildcard ? [...exact, ...wildcard] : exact;
    for (const candidate of candidates) {
      const params = match(candidate.segments, parts);
      if (!params) continue;
      if (candidate.operation.method === options.method.toUpperCase()) {
        return { kind: "operation", operation: candidate.operation, params, ...(environment ? { environment } : {}) };
      }
      allowed.push(candidate.operation.method);
    }
    return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "unknown" };
  }
}

function match(template: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const segment = template[i]!;
    const part = parts[i]!;
    if (isParameter(segment)) params[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  return params;
}

const WILDCARD = "{}";

/** A version segment: `v` and a number (v1, v2, v3, …). */
const VERSION = /^v\d+$/;

function shapeKey(count: number, first: string): string {
  return `${count}/${first}`;
}

function isParameter(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
