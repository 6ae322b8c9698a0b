import { inspect } from "node:util";
import type { AdapterOutcome } from "../adapter.js";
import { NeverSettledError, RealTimeLimitError, VirtualTimeBudgetError, type VirtualTime } from "../clock/virtual-time.js";
import { isOutcome, type NoOutcome } from "../oracles/oracle.js";

/** Real time one adapter call may take before it is cut off: virtual time makes a correct call take milliseconds. */
export const DEFAULT_CALL_TIMEOUT_MS = 5_000;

/** The longest description of a thrown or returned value kept: a report is read by people. */
const MAX_DESCRIPTION = 1_000;

/**
 * Calls the adapter under virtual time and says what it did, whatever it did:
 * an outcome of the contract, or why there is none (it threw, it never
 * settled, it returned something else). Nothing the adapter does escapes as
 * an exception: the oracles judge it, and the other cases still run.
 */
export async function callAdapter(options: { time: VirtualTime; work: () => Promise<unknown>; callTimeoutMs?: number }): Promise<AdapterOutcome | NoOutcome> {
  try {
    const value = await options.time.run(options.work, { realTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS });
    const status = value !== null && typeof value === "object" ? (value as { status?: unknown }).status : undefined;
    if (typeof status !== "string" || !isOutcome({ status } as AdapterOutcome)) return { status: "invalid", error: describeValue(value) };
    return value as AdapterOutcome;
  } catch (error) {
    if (isCutOff(error)) return { status: "hung", error: error.message };
    return { status: "threw", error: describeThrown(error) };
  }
}

function isCutOff(error: unknown): error is Error {
  try {
    return error instanceof NeverSettledError || error instanceof VirtualTimeBudgetError || error instanceof RealTimeLimitError;
  } catch {
    // A proxy whose prototype trap throws is no error of the clock's.
    return false;
  }
}

/** `TypeError: x is undefined` for an Error; anything else thrown as a value. */
export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return clip(`${error.name}: ${error.message}`);
  } catch {
    // An Error whose name or message getter throws is described as a value below.
  }
  return describeValue(error);
}

/** A value as JSON when it has one, else as Node prints it (circular objects, BigInt, symbols); never throws. */
export function describeValue(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return clip(json);
  } catch {
    // Circular or BigInt: inspect prints those.
  }
  try {
    return clip(inspect(value, { depth: 3, breakLength: Infinity }));
  } catch {
    return "a value that cannot be printed";
  }
}

/**
 * `value` made safe for report.json and for vitest's messages between
 * processes: anything JSON cannot hold becomes its description.
 */
export function jsonSafe(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" || typeof inner === "function" || typeof inner === "symbol" ? describeValue(inner) : inner)) ?? "null") as unknown;
  } catch {
    return describeValue(value);
  }
}

function clip(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}… (${text.length - MAX_DESCRIPTION} more characters)` : text;
}
