import type { ApiId } from "../../generator/spec/spec-input.js";

/** One request the sandbox saw, and what it answered: what oracles read. */
export interface JournalEntry {
  /** 0-based order of arrival. */
  readonly seq: number;
  readonly api: ApiId;
  /** Undefined when the request named no known operation. */
  readonly operation?: string;
  readonly method: string;
  readonly url: string;
  /** Header values, with credentials redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body (JSON or XML), or undefined when there was none or it could not be read. */
  readonly body?: unknown;
  /** The controlled clock's time when the request arrived. */
  readonly at: number;
  readonly response: JournalResponse;
}

export interface JournalResponse {
  /** HTTP status, or 0 for a network error or a hang. */
  readonly status: number;
  /** The documented code the sandbox answered with: reasonCode, errorType or ThrottlingException. */
  readonly code?: string;
  /** The documented row answered with (its id in the spec): one code can be documented with different classes. */
  readonly errorId?: string;
  /** How the answer came about: the sandbox's own rules, a mock code, or an injected fault. */
  readonly by: "sandbox" | "mock-code" | "fault";
  /** For a fault that was not an HTTP answer: "network-error", "hang", … */
  readonly fault?: string;
  /** The Retry-After the answer carried, in seconds. */
  readonly retryAfterSeconds?: number;
  /** For an Amazon Pay success: the state of the object the answer shows (statusDetails.state). */
  readonly state?: string;
}

export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #outside: string[] = [];

  get entries(): readonly JournalEntry[] {
    return this.#entries;
  }

  /** Requests to hosts the sandbox does not serve, as `GET https://host/path`: refused, never sent. */
  get outside(): readonly string[] {
    return this.#outside;
  }

  /**
   * Notes a request the sandbox refused because it does not serve its host,
   * and returns how it is named. The query and any user:password are left
   * out: a presigned URL carries its credentials there.
   */
  recordOutside(request: { readonly method: string; readonly url: string }): string {
    let named: string;
    try {
      const url = new URL(request.url);
      named = `${request.method} ${url.protocol}//${url.host}${url.pathname}`;
    } catch {
      named = `${request.method} (an unreadable URL)`;
    }
    this.#outside.push(named);
    return named;
  }

  record(entry: Omit<JournalEntry, "seq">): JournalEntry {
    const full = { seq: this.#entries.length, ...entry };
    this.#entries.push(full);
    return full;
  }

  /** The entries of one operation, in order. */
  of(operation: string): readonly JournalEntry[] {
    return this.#entries.filter((entry) => entry.operation === operation);
  }

  clear(): void {
    this.#entries.length = 0;
    this.#outside.length = 0;
  }
}
