import type { IncentivesFieldRules } from "./field-rules.js";
import { isRecord } from "./wire.js";

/**
 * The Incentives API's field checks, each answering the errorType seed 003
 * documents for it. They return the errorType, or undefined when the field
 * is fine. Fields the documents say nothing of are taken as sent: seed 003
 * names no error for an unknown element, only for one that is not camelCase
 * (the engine's F500).
 */

export function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** Length in Unicode characters (code points), as seed 003 counts them. */
function characters(value: string): number {
  return [...value].length;
}

/** The documented request-id rules: present (F2006), at most 40 characters (F2021), starting with the partnerId (F2022). */
export function checkRequestId(options: { id: string; partnerId: string; max: number; mock: boolean }): string | undefined {
  if (!options.id) return "InvalidRequestIdInput";
  if (options.id.length > options.max) return "RequestIdTooLong";
  // Seed 003: a mock code replaces the request id, so it goes without the partnerId prefix.
  if (!options.mock && !options.id.startsWith(options.partnerId)) return "RequestIdMustStartWithPartnerName";
  return undefined;
}

const NO_FRACTIONS = new Set(["JPY"]);

export type Amount = { readonly ok: true; readonly amount: number; readonly currencyCode: string } | { readonly ok: false; readonly code: string };

/**
 * An amount and its currency, seed 003's order: present (F2003 InvalidAmountInput),
 * larger than 0 (F2004 InvalidAmountValue), a currency (F2005), no fraction
 * where the currency has none (F2017, "e.g. JP").
 */
export function readAmount(options: { container: unknown; amountKey: string }): Amount {
  if (!isRecord(options.container)) return { ok: false, code: "InvalidAmountInput" };
  const raw = options.container[options.amountKey];
  if (raw === undefined || raw === null || raw === "") return { ok: false, code: "InvalidAmountInput" };
  const amount = typeof raw === "number" || typeof raw === "string" ? Number(raw) : Number.NaN;
  if (!Number.isFinite(amount) || amount <= 0) return { ok: false, code: "InvalidAmountValue" };
  const currencyCode = text(options.container.currencyCode);
  if (!currencyCode) return { ok: false, code: "InvalidCurrencyCodeInput" };
  if (NO_FRACTIONS.has(currencyCode) && !Number.isInteger(amount)) return { ok: false, code: "FractionalAmountNotAllowed" };
  return { ok: true, amount, currencyCode };
}

/** The currency is one the region takes, when the setting lists them (UNVERIFIED, off by default). */
export function currencyOutsideRegion(options: { rules: IncentivesFieldRules; region: string; currencyCode: string }): boolean {
  const taken = options.rules.regionCurrencies?.[options.region];
  return taken !== undefined && !taken.includes(options.currencyCode);
}

/** externalReference: at most the configured number of characters (F2042). */
export function checkExternalReference(options: { body: Record<string, unknown>; rules: IncentivesFieldRules }): string | undefined {
  const value = options.body.externalReference;
  return typeof value === "string" && characters(value) > options.rules.externalReferenceMaxLength ? "ExternalReferenceTooLong" : undefined;
}

/** Balance-load amount limits per currency: MaxAmountExceeded (F2015), AmountBelowMinThreshold (F2037). */
export function checkLoadLimits(options: { amount: number; currencyCode: string; rules: IncentivesFieldRules }): string | undefined {
  const max = options.rules.balanceLoadMax[options.currencyCode];
  if (max !== undefined && options.amount > max) return "MaxAmountExceeded";
  const min = options.rules.balanceLoadMin[options.currencyCode];
  if (min !== undefined && options.amount < min) return "AmountBelowMinThreshold";
  return undefined;
}

const NOTIFICATION_MAX = 250;
const SOURCE_ID_MAX = 40;

/**
 * LoadAmazonBalance's documented lengths (seed 003, other endpoints):
 * notificationDetails "exceeds 250 Unicode characters" (F2043), and "the
 * sourceID field exceeded the max number of 40 Unicode characters" (F2044).
 * The shape of notificationDetails is not documented: a string, or an object
 * whose notificationMessage is one.
 */
export function checkLoadLengths(body: Record<string, unknown>): string | undefined {
  const details = body.notificationDetails;
  const notification = typeof details === "string" ? details : isRecord(details) && typeof details.notificationMessage === "string" ? details.notificationMessage : undefined;
  if (notification !== undefined && characters(notification) > NOTIFICATION_MAX) return "NotificationMessageTooLong";
  const source = isRecord(body.transactionSource) ? text(body.transactionSource.sourceId) : "";
  if (characters(source) > SOURCE_ID_MAX) return "SourceIdTooLong";
  return undefined;
}

/**
 * The account of a balance load: an id (UndefinedAccountId, F2034) and a
 * defined type (InvalidAccountType, F2033). Seed 003 shows type 0 for mock
 * codes; which other types exist is not documented, so any whole number is one.
 */
export function checkAccount(account: unknown): { readonly ok: true; readonly id: string } | { readonly ok: false; readonly code: string } {
  const record = isRecord(account) ? account : {};
  const id = text(record.id);
  if (!id) return { ok: false, code: "UndefinedAccountId" };
  const type = record.type;
  const whole = (typeof type === "number" || (typeof type === "string" && type.trim() !== "")) && Number.isInteger(Number(type));
  return whole ? { ok: true, id } : { ok: false, code: "InvalidAccountType" };
}

/** A `yyyy-MM-ddTHH:mm:ss` date (reference A4): its time, undefined when absent, "bad" when malformed. */
export function readDate(value: unknown): number | undefined | "bad" {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return "bad";
  const ms = Date.parse(value.endsWith("Z") ? value : `${value}Z`);
  return Number.isNaN(ms) ? "bad" : ms;
}
