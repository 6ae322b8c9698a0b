/**
 * Amazon Pay's idempotency store: the first answer to a key is saved and
 * replayed for the same request; the same key with a different request is
 * refused. Keys are kept for the sandbox's life ("stored indefinitely").
 */
export interface SavedAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: readonly (readonly [string, string])[];
}

export type Lookup = { readonly kind: "new" } | { readonly kind: "replay"; readonly saved: SavedAnswer } | { readonly kind: "conflict" };

export class IdempotencyStore {
  readonly #saved = new Map<string, { readonly fingerprint: string; readonly answer: SavedAnswer }>();

  lookup(options: { key: string; fingerprint: string }): Lookup {
    const entry = this.#saved.get(options.key);
    if (!entry) return { kind: "new" };
    return entry.fingerprint === options.fingerprint ? { kind: "replay", saved: entry.answer } : { kind: "conflict" };
  }

  save(options: { key: string; fingerprint: string; answer: SavedAnswer }): void {
    this.#saved.set(options.key, { fingerprint: options.fingerprint, answer: options.answer });
  }

  clear(): void {
    this.#saved.clear();
  }
}
