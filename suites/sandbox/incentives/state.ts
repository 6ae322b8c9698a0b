import type { SandboxConfig } from "../config.js";
import { stableHash } from "../stable-hash.js";
import { isRecord } from "./wire.js";

/** What one operation did: a success body, or the errorType to answer with. */
export type Outcome = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly code: string };

interface Card {
  readonly gcId: string;
  readonly claimCode: string;
  readonly amount: number;
  readonly currencyCode: string;
  readonly createdAt: number;
  cancelled: boolean;
}

interface Activation {
  readonly activationRequestId: string;
  readonly amount: number;
  readonly currencyCode: string;
  active: boolean;
}

interface Load {
  readonly signature: string;
  readonly amount: number;
  readonly currencyCode: string;
  readonly accountId: string;
  voided: boolean;
}

const fail = (code: string): Outcome => ({ ok: false, code });
const ok = (body: Record<string, unknown>): Outcome => ({ ok: true, body });

/**
 * The Incentives sandbox's memory: cards by creationRequestId, physical-card
 * activations, balance loads. Created per sandbox, so tests never share it.
 */
export class IncentivesState {
  readonly #cards = new Map<string, Card>();
  readonly #activations = new Map<string, Activation>();
  readonly #activationIds = new Map<string, string>();
  readonly #loads = new Map<string, Load>();
  #serial = 0;

  constructor(private readonly config: SandboxConfig["incentives"]) {}

  /** Every card the sandbox issued, by creationRequestId: what flow oracles check for lost or double cards. */
  cards(): readonly { readonly creationRequestId: string; readonly gcId: string; readonly cancelled: boolean }[] {
    return [...this.#cards.entries()].map(([creationRequestId, card]) => ({ creationRequestId, gcId: card.gcId, cancelled: card.cancelled }));
  }

  clear(): void {
    this.#cards.clear();
    this.#activations.clear();
    this.#activationIds.clear();
    this.#loads.clear();
    this.#serial = 0;
  }

  /** Runs one operation against the state; `now` is the controlled clock's time. */
  run(options: {
    operation: string;
    body: Record<string, unknown>;
    now: number;
    region: string;
    requestIdMaxLength: number;
    /** The request id is the success mock code (F0000), which is sent without the partnerId prefix. */
    mock: boolean;
  }): Outcome {
    const { body } = options;
    const partnerId = text(body.partnerId);
    if (!partnerId) return fail("InvalidPartnerIdInput");
    const context = { ...options, partnerId };
    switch (options.operation) {
      case "CreateGiftCard":
        return this.#create(context);
      case "CancelGiftCard":
        return this.#cancel(context);
      case "ActivateGiftCard":
        return this.#activate(context);
      case "DeactivateGiftCard":
        return this.#deactivate(context);
      case "ActivationStatusCheck":
        return this.#statusCheck(context);
      case "GetGiftCardActivityPage":
        return this.#activityPage(context);
      case "GetAvailableFunds":
        return ok({ availableFunds: { amount: this.config.availableFunds, currencyCode: currencyOf(options.region) }, status: "SUCCESS", timestamp: basicIso(options.now) });
      case "LoadAmazonBalance":
        return this.#load(context);
      case "VoidAmazonBalanceLoad":
        return this.#void(context);
      default:
        return fail("GeneralError");
    }
  }

  #create(c: Context): Outcome {
    const id = text(c.body.creationRequestId);
    const idProblem = checkRequestId({ id, partnerId: c.partnerId, max: c.requestIdMaxLength, mock: c.mock });
    if (idProblem) return fail(idProblem);
    const value = money({ container: c.body.value, amountKey: "amount" });
    if (!value.ok) return value;
    const existing = this.#cards.get(id);
    if (existing) {
      // The documented idempotency: the same id returns the same card; another amount is a mismatch.
      if (existing.amount !== value.amount || existing.currencyCode !== value.currencyCode) return fail("PreDenominationMismatch");
      return ok(cardBody({ id, card: existing }));
    }
    this.#serial += 1;
    const seed = stableHash(`${id}|${this.#serial}`);
    const card: Card = {
      gcId: `FPGC${seed.toString(36).toUpperCase().padStart(7, "0")}`,
      claimCode: claimCode(seed),
      amount: value.amount,
      currencyCode: value.currencyCode,
      createdAt: c.now,
      cancelled: false,
    };
    this.#cards.set(id, card);
    return ok(cardBody({ id, card }));
  }

  #cancel(c: Context): Outcome {
    const id = text(c.body.creationRequestId);
    if (!id) return fail("InvalidRequestIdInput");
    const card = this.#cards.get(id);
    if (!card) return fail("OrderNotFound");
    if (!card.cancelled && c.now - card.createdAt > this.config.cancelWindowMs) return fail("CancelRequestArrivedAfterTimeLimit");
    card.cancelled = true;
    return ok({ creationRequestId: id, gcId: card.gcId, status: "SUCCESS" });
  }

  #activate(c: Context): Outcome {
    const activationRequestId = text(c.body.activationRequestId);
    const idProblem = checkRequestId({ id: activationRequestId, partnerId: c.partnerId, max: c.requestIdMaxLength, mock: c.mock });
    if (idProblem) return fail(idProblem);
    const cardNumber = text(c.body.cardNumber);
    if (!cardNumber) return fail("InvalidCardNumberInput");
    const value = money({ container: c.body.value, amountKey: "amount" });
    if (!value.ok) return value;
    const usedFor = this.#activationIds.get(activationRequestId);
    if (usedFor !== undefined && usedFor !== cardNumber) return fail("ActivationRequestIdAlreadyBeenUsed");
    const existing = this.#activations.get(cardNumber);
    if (existing?.active) {
      if (existing.activationRequestId !== activationRequestId) return fail("CardActivatedWithDifferentRequestId");
      if (existing.amount !== value.amount || existing.currencyCode !== value.currencyCode) return fail("CardActivatedWithDifferentDenomination");
    } else {
      this.#activations.set(cardNumber, { activationRequestId, amount: value.amount, currencyCode: value.currencyCode, active: true });
      this.#activationIds.set(activationRequestId, cardNumber);
    }
    return ok({ activationRequestId, cardInfo: { cardNumber, cardStatus: "Activated", value: { amount: value.amount, currencyCode: value.currencyCode } }, status: "SUCCESS" });
  }

  #deactivate(c: Context): Outcome {
    const activationRequestId = text(c.body.activationRequestId);
    if (!activationRequestId) return fail("InvalidRequestIdInput");
    const cardNumber = text(c.body.cardNumber);
    if (!cardNumber) return fail("InvalidCardNumberInput");
    const activation = this.#activations.get(cardNumber);
    if (!activation) return fail("NonExistingActivationRequestId");
    if (activation.activationRequestId !== activationRequestId) return fail("WrongActivationRequestId");
    if (!activation.active) return fail("InvalidCardStatusForDeactivation");
    activation.active = false;
    return ok({ activationRequestId, cardInfo: { cardNumber, cardStatus: "Deactivated" }, status: "SUCCESS" });
  }

  #statusCheck(c: Context): Outcome {
    const statusCheckRequestId = text(c.body.statusCheckRequestId);
    if (!statusCheckRequestId) return fail("InvalidRequestIdInput");
    const cardNumber = text(c.body.cardNumber);
    if (!cardNumber) return fail("InvalidCardNumberInput");
    const activation = this.#activations.get(cardNumber);
    const cardStatus = activation === undefined ? "NotActivated" : activation.active ? "Activated" : "Deactivated";
    return ok({ statusCheckRequestId, cardInfo: { cardNumber, cardStatus }, status: "SUCCESS" });
  }

  #activityPage(c: Context): Outcome {
    const requestId = text(c.body.requestId);
    if (!requestId) return fail("InvalidRequestIdInput");
    const pageSize = Number(c.body.pageSize ?? 100);
    const pageIndex = Number(c.body.pageIndex ?? 0);
    if (!Number.isInteger(pageSize) || pageSize <= 0) return fail("InvalidPageSize");
    if (pageSize > 1000) return fail("MaxPageSizeExceeded");
    if (!Number.isInteger(pageIndex) || pageIndex < 0) return fail("InvalidPageIndex");
    const start = date(c.body.utcStartDate);
    const end = date(c.body.utcEndDate);
    if (start === "bad" || end === "bad") return fail("InvalidDateFormat");
    if (start === undefined) return fail("InvalidStartDate");
    if (end === undefined) return fail("InvalidEndDate");
    if (start > end) return fail("StartDateAfterEndDate");
    const activity = [...this.#cards.entries()]
      .filter(([, card]) => card.createdAt >= start && card.createdAt <= end)
      .map(([id, card]) => ({
        activityStatus: "SUCCESS",
        activityTime: new Date(card.createdAt).toISOString().slice(0, 19),
        activityType: card.cancelled ? "CancelGiftCard" : "CreateGiftCard",
        cardNumber: null,
        cardValue: { amount: card.amount, currencyCode: card.currencyCode },
        failureCode: null,
        gcId: card.gcId,
        partnerId: c.partnerId,
        requestId: id,
        isRealOp: true,
      }));
    return ok({ requestId, cardActivityList: activity.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize), totalNumberOfTransactionsInRequestedTimeFrame: activity.length, status: "SUCCESS" });
  }

  #load(c: Context): Outcome {
    const id = text(c.body.loadBalanceRequestId);
    const idProblem = checkRequestId({ id, partnerId: c.partnerId, max: c.requestIdMaxLength, mock: c.mock });
    if (idProblem) return fail(idProblem);
    const value = money({ container: c.body.amount, amountKey: "value" });
    if (!value.ok) return value;
    const account = isRecord(c.body.account) ? c.body.account : {};
    const accountId = text(account.id);
    if (!accountId) return fail("UndefinedAccountId");
    if (account.type === undefined || !Number.isInteger(Number(account.type))) return fail("InvalidAccountType");
    const signature = JSON.stringify([accountId, value.amount, value.currencyCode]);
    const existing = this.#loads.get(id);
    if (existing && existing.signature !== signature) return fail("LoadBalanceRequestIdAlreadyUsed");
    if (!existing) this.#loads.set(id, { signature, amount: value.amount, currencyCode: value.currencyCode, accountId, voided: false });
    return ok({ loadBalanceRequestId: id, amount: { currencyCode: value.currencyCode, value: value.amount }, status: "SUCCESS", timestamp: String(c.now) });
  }

  #void(c: Context): Outcome {
    const id = text(c.body.loadBalanceRequestId);
    if (!id) return fail("InvalidRequestIdInput");
    const load = this.#loads.get(id);
    if (!load) return fail("LoadBalanceRequestIdDoesNotExist");
    const value = money({ container: c.body.amount, amountKey: "value" });
    const account = isRecord(c.body.account) ? c.body.account : {};
    if (value.ok && (value.amount !== load.amount || value.currencyCode !== load.currencyCode)) return fail("RequestMismatchFromLoadRequest");
    if (account.id !== undefined && text(account.id) !== load.accountId) return fail("RequestMismatchFromLoadRequest");
    load.voided = true;
    return ok({ loadBalanceRequestId: id, status: "SUCCESS" });
  }
}

interface Context {
  readonly body: Record<string, unknown>;
  readonly mock: boolean;
  readonly partnerId: string;
  readonly now: number;
  readonly requestIdMaxLength: number;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** The documented request-id rules: present, at most 40 characters, starting with the partnerId. */
function checkRequestId(options: { id: string; partnerId: string; max: number; mock: boolean }): string | undefined {
  if (!options.id) return "InvalidRequestIdInput";
  if (options.id.length > options.max) return "RequestIdTooLong";
  if (!options.mock && !options.id.startsWith(options.partnerId)) return "RequestIdMustStartWithPartnerName";
  return undefined;
}

const NO_FRACTIONS = new Set(["JPY"]);

function money(options: { container: unknown; amountKey: string }): { ok: true; amount: number; currencyCode: string } | { ok: false; code: string } {
  if (!isRecord(options.container)) return { ok: false, code: "InvalidAmountInput" };
  const raw = options.container[options.amountKey];
  if (raw === undefined || raw === null || raw === "") return { ok: false, code: "InvalidAmountInput" };
  const amount = Number(raw);
  if (!Number.isFinite(amount) || amount <= 0) return { ok: false, code: "InvalidAmountValue" };
  const currencyCode = text(options.container.currencyCode);
  if (!currencyCode) return { ok: false, code: "InvalidCurrencyCodeInput" };
  if (NO_FRACTIONS.has(currencyCode) && !Number.isInteger(amount)) return { ok: false, code: "FractionalAmountNotAllowed" };
  return { ok: true, amount, currencyCode };
}

function cardBody(options: { id: string; card: Card }): Record<string, unknown> {
  const { card } = options;
  return {
    cardInfo: { cardNumber: null, cardStatus: card.cancelled ? "RefundedToPurchaser" : "Fulfilled", expirationDate: null, value: { amount: card.amount, currencyCode: card.currencyCode } },
    creationRequestId: options.id,
    gcClaimCode: card.claimCode,
    gcExpirationDate: null,
    gcId: card.gcId,
    status: "SUCCESS",
  };
}

function claimCode(seed: number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let code = "";
  let n = seed;
  for (let i = 0; i < 14; i += 1) {
    code += alphabet[n % alphabet.length];
    n = Math.imul(n ^ (n >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 10)}-${code.slice(10, 14)}`;
}

function currencyOf(region: string): string {
  return { NA: "USD", EU: "EUR", FE: "JPY" }[region] ?? "USD";
}

/** `20220610T085450Z`, the timestamp form of GetAvailableFunds. */
function basicIso(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function date(value: unknown): number | undefined | "bad" {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value)) return "bad";
  const ms = Date.parse(value.endsWith("Z") ? value : `${value}Z`);
  return Number.isNaN(ms) ? "bad" : ms;
}
