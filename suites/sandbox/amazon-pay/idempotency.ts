import { HttpResponse } from "msw";
import { canonicalJson } from "../canonical-json.js";
import type { Answer } from "../context.js";
import type { JournalResponse } from "../journal.js";

/**
 * Amazon Pay's idempotency store. Seed 002: "Subsequent requests using the
 * same key will return the saved response of the first request." The first
 * answer the sandbox gives under a key, a success or an error, is saved and
 * replayed to the same request; the same key on a different request is
 * DuplicateIdempotencyKey (seed 000). Keys are kept for the sandbox's life:
 * reference B4 [DOC], "stored indefinitely".
 */
export interface SavedAnswer {
  readonly status: number;
  /** Read from a copy of the first answer; a promise so the key is taken at once, before any await. */
  readonly body: Promise<string>;
  readonly headers: readonly (readonly [string, string])[];
  /** What the journal said of the first answer: a replay carries the same code, so oracles see what the client saw. */
  readonly journal: Pick<JournalResponse, "status" | "code" | "errorId" | "state">;
}

export type Lookup = { readonly kind: "new" } | { readonly kind: "replay"; readonly saved: SavedAnswer } | { readonly kind: "conflict" };

/**
 * What makes two requests under one key "the same": the operation, the ids in
 * its path, the sandbox simulation asked for, and the body as a JSON value
 * (keys in any order, RFC 8259 objects being unordered). The path form
 * (`/sandbox/v2/` or `/v2/`) is not part of it: both name the same object. A
 * body that is not JSON is compared as sent.
 */
export function requestFingerprint(options: { operation: string; params: Readonly<Record<string, string>>; simulation: string | null; body: unknown; raw: string }): string {
  const body = options.body === undefined && options.raw.trim() === "" ? "{}" : options.body === undefined ? undefined : canonicalJson(options.body);
  return JSON.stringify([options.operation, canonicalJson(options.params) ?? "", options.simulation ?? "", body ?? `raw:${options.raw}`]);
}

export class IdempotencyStore {
  readonly #saved = new Map<string, { readonly fingerprint: string; readonly answer: SavedAnswer }>();

  lookup(options: { key: string; fingerprint: string }): Lookup {
    const entry = this.#saved.get(options.key);
    if (!entry) return { kind: "new" };
    return entry.fingerprint === options.fingerprint ? { kind: "replay", saved: entry.answer } : { kind: "conflict" };
  }

  /**
   * Saves the first answer under a key (a later one never replaces it).
   * Synchronous: a second request with the key, arriving while the first
   * answer is still being sent, already finds it.
   */
  save(options: { key: string; fingerprint: string; answer: Answer }): void {
    if (this.#saved.has(options.key)) return;
    const { response, journal } = options.answer;
    const body = response.clone().text();
    const headers = [...response.headers.entries()];
    const kept: SavedAnswer["journal"] = { status: journal.status, ...(journal.code !== undefined ? { code: journal.code } : {}), ...(journal.errorId !== undefined ? { errorId: journal.errorId } : {}), ...(journal.state !== undefined ? { state: journal.state } : {}) };
    this.#saved.set(options.key, { fingerprint: options.fingerprint, answer: { status: response.status, body, headers, journal: kept } });
  }

  /** The saved answer, sent again. */
  async replay(saved: SavedAnswer): Promise<Answer> {
    return { response: new HttpResponse(await saved.body, { status: saved.status, headers: saved.headers.map(([name, value]) => [name, value]) }), journal: { ...saved.journal, by: "sandbox" } };
  }

  clear(): void {
    this.#saved.clear();
  }
}
