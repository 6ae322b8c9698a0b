/**
 * What a test can make the sandbox answer instead of its normal behaviour,
 * once per request, in the order scheduled. After the queue of an operation
 * is spent the sandbox behaves normally again.
 */
export type Fault =
  /** A documented failure, by its code (reasonCode or errorType), mock code (F2005) or error class (F400). */
  | {
      readonly kind: "error";
      readonly code: string;
      readonly variant?: string;
      readonly retryAfterSeconds?: number;
      /** The request takes effect first, then the answer is this error: the lost-response case that idempotency exists for. */
      readonly afterEffect?: boolean;
    }
  /** A raw HTTP status with an optional body, as a proxy or gateway might send. */
  | { readonly kind: "status"; readonly status: number; readonly body?: string; readonly contentType?: string; readonly retryAfterSeconds?: number }
  /** The connection fails: the client sees a network error, no response. */
  | { readonly kind: "network-error" }
  /** No answer until the client gives up (aborts the request) or the sandbox is reset. */
  | { readonly kind: "hang" }
  /** A success status with a body that is not valid JSON or XML. */
  | { readonly kind: "malformed-body"; readonly status?: number }
  /** The normal answer, cut off halfway through its body. */
  | { readonly kind: "truncated-body" }
  /** An HTML error page from a gateway in front of the API. */
  | { readonly kind: "gateway-html"; readonly status: 502 | 503 | 504; readonly retryAfterSeconds?: number }
  /**
   * The request takes effect normally, but the object it creates or changes is
   * left in `state` (with `reasonCode`), and moves to `settles.state`
   * `settles.afterMs` later on the sandbox's clock: a pending authorization, a
   * capture or refund that declines later. Amazon Pay only: the Charge of
   * CreateCharge and CompleteCheckoutSession, CaptureCharge, CreateRefund
   * (amazon-pay/state-fault.ts lists the states each takes).
   */
  | { readonly kind: "state"; readonly state: string; readonly reasonCode?: string; readonly settles?: { readonly state: string; readonly reasonCode?: string; readonly afterMs: number } }
  /** The sandbox's normal behaviour, for a schedule that mixes faults and successes. */
  | { readonly kind: "pass" };

export class FaultQueue {
  readonly #queues = new Map<string, Fault[]>();

  /** Queue outcomes for the next requests of one operation. */
  enqueue(operation: string, ...faults: readonly Fault[]): void {
    this.#queues.set(operation, [...(this.#queues.get(operation) ?? []), ...faults]);
  }

  /** The fault for the next request of `operation`, if one is queued. */
  take(operation: string): Fault | undefined {
    const queue = this.#queues.get(operation);
    if (!queue || queue.length === 0) return undefined;
    const fault = queue.shift();
    if (queue.length === 0) this.#queues.delete(operation);
    return fault;
  }

  pending(operation?: string): number {
    if (operation !== undefined) return this.#queues.get(operation)?.length ?? 0;
    let total = 0;
    for (const queue of this.#queues.values()) total += queue.length;
    return total;
  }

  clear(): void {
    this.#queues.clear();
  }
}
