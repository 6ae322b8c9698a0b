import type { IncentivesModel, SandboxError } from "../model.js";

/**
 * Finds the documented row to answer with. The same code can be documented
 * once per API family with different words (InvalidAmountValue), so a row of
 * the operation's own family wins over any other.
 */
export class IncentivesErrors {
  readonly #byOperationAndCode = new Map<string, SandboxError>();
  readonly #byCode = new Map<string, SandboxError>();
  readonly #byId = new Map<string, SandboxError>();
  readonly #variants = new Map<string, SandboxError[]>();
  readonly #preferred = new Map<string, string>();
  readonly throttled: SandboxError;

  constructor(readonly model: IncentivesModel) {
    for (const error of model.errors) {
      this.#byId.set(error.id, error);
      if (!this.#byCode.has(error.code)) this.#byCode.set(error.code, error);
      for (const operation of error.operations) {
        const key = `${operation}|${error.code}`;
        if (!this.#byOperationAndCode.has(key)) this.#byOperationAndCode.set(key, error);
        if (error.mockCode) this.#variants.set(`${operation}|${error.mockCode}`, [...(this.#variants.get(`${operation}|${error.mockCode}`) ?? []), error]);
      }
    }
    const throttled = model.errors.find((error) => error.errorClass === "Throttled");
    if (!throttled) throw new Error("the sandbox model has no Throttled error");
    this.throttled = throttled;
  }

  /** The row for `code` (an errorType) on `operation`. */
  row(operation: string, code: string): SandboxError {
    const row = this.#byOperationAndCode.get(`${operation}|${code}`) ?? this.#byCode.get(code);
    if (!row) throw new Error(`the sandbox model has no Incentives error "${code}"`);
    return row;
  }

  /** The rows a mock code stands for on this operation (several for F1000, F2023, F3005). */
  variants(operation: string, mockCode: string): readonly SandboxError[] {
    return this.#variants.get(`${operation}|${mockCode}`) ?? [];
  }

  /** Make a mock code that stands for several errors answer with this one. */
  prefer(mockCode: string, code: string): void {
    this.#preferred.set(mockCode, code);
  }

  clearPreferences(): void {
    this.#preferred.clear();
  }

  /** One of several variants: the preferred one, else one chosen by the request's hash, so the same request always gets the same. */
  pick(options: { variants: readonly SandboxError[]; hash: number; prefer?: string }): SandboxError {
    const { variants } = options;
    const wanted = options.prefer ?? (variants[0]?.mockCode ? this.#preferred.get(variants[0].mockCode) : undefined);
    return variants.find((v) => v.code === wanted || v.id === wanted) ?? variants[options.hash % variants.length]!;
  }

  /** Resolve a fault's code: an error id, a mock code, an errorType, an error class, or "Throttled". */
  resolve(options: { operation: string; code: string; variant?: string; hash: number }): SandboxError | undefined {
    const { operation, code } = options;
    if (code === "Throttled" || code === "ThrottlingException") return this.throttled;
    const byId = this.#byId.get(code);
    if (byId) return byId;
    if (/^F\d{4}$/.test(code)) {
      const variants = this.variants(operation, code);
      const pool = variants.length > 0 ? variants : this.model.errors.filter((error) => error.mockCode === code);
      return pool.length > 0 ? this.pick({ variants: pool, hash: options.hash, ...(options.variant ? { prefer: options.variant } : {}) }) : undefined;
    }
    if (/^F\d00$/.test(code)) {
      return this.model.errors.find((e) => e.errorClass === code && e.operations.includes(operation)) ?? this.model.errors.find((e) => e.errorClass === code);
    }
    return this.#byOperationAndCode.get(`${operation}|${code}`) ?? this.#byCode.get(code);
  }
}
