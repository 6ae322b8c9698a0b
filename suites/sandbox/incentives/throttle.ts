/**
 * Requests per second, counted on the controlled clock: the last second's
 * arrival times per key. More than the limit within one second is throttled.
 */
export class RateWindow {
  readonly #arrivals = new Map<string, number[]>();

  /** Records an arrival at `now`; true when it exceeds `limit` per second. */
  exceeds(options: { key: string; now: number; limit: number }): boolean {
    const recent = (this.#arrivals.get(options.key) ?? []).filter((at) => options.now - at < 1000);
    recent.push(options.now);
    this.#arrivals.set(options.key, recent);
    return recent.length > options.limit;
  }

  clear(): void {
    this.#arrivals.clear();
  }
}
