import type { IncentivesModel, SandboxError } from "../model.js";
import { mockVariants, type MockVariants } from "./mock-variants.js";

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
  /** The mock codes that stand for several rows, and what each can answer with. */
  readonly alternatives: Readonly<Record<string, MockVariants>>;
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
    this.alternatives = mockVariants(model.errors);
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

  /**
   * Make a mock code that stands for several errors answer with one of them
   * (its errorType, or its row's id), until the sandbox is reset. Anything
   * else is refused at once, to the test that asked: a preference that never
   * applies would leave the hash to choose without a word.
   */
  prefer(mockCode: string, variant: string): void {
    this.assertVariant(mockCode, variant);
    this.#preferred.set(mockCode, variant);
  }

  /** Throws, naming the alternatives, unless `variant` is one of the errors `mockCode` stands for. */
  assertVariant(mockCode: string, variant: string): void {
    const alternatives = this.alternatives[mockCode];
    const multi = Object.keys(this.alternatives).join(", ");
    if (!alternatives) {
      const single = [...new Set(this.model.errors.filter((error) => error.mockCode === mockCode).map((error) => error.code))];
      if (single.length === 0) throw new Error(`faultproof sandbox: ${mockCode} is no documented mock code; a variant is chosen only for the mock codes that stand for several errors: ${multi}`);
      throw new Error(`faultproof sandbox: ${mockCode} stands for one error on each operation (${single.join(", ")}), so there is no variant to choose; the codes that have variants are ${multi}`);
    }
    if (!alternatives.codes.includes(variant) && !alternatives.ids.includes(variant)) {
      throw new Error(`faultproof sandbox: "${variant}" is not one of the errors ${mockCode} stands for: ${alternatives.codes.join(", ")} (or a row id: ${alternatives.ids.join(", ")})`);
    }
  }

  clearPreferences(): void {
    this.#preferred.clear();
  }

  /**
   * One of several variants: the preferred one, else the one at the request's
   * hash (of its meaning: see the engine), so the same request always gets the same.
   */
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
