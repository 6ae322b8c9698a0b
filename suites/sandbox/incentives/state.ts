import type { SandboxConfig } from "../config.js";
import { stableHash } from "../stable-hash.js";
import { checkAccount, checkExternalReference, checkLoadLengths, checkLoadLimits, checkRequestId, currencyOutsideRegion, readAmount, readDate, text } from "./checks.js";
import { basicIso, cardBody, claimCode, currencyOf, type Activation, type Card, type Load } from "./records.js";
import type { IncentivesFieldRules } from "./field-rules.js";
import { isRecord } from "./wire.js";

/** What one operation did: a success body, or the errorType to answer with. */
export type Outcome = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly code: string };

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
    /** The request id is a mock code of this operation (seed 003: it replaces the request id), so it goes without the partnerId prefix. */
    mock: boolean;
  }): Outcome {
    const { body } = options;
    const partnerId = text(body.partnerId);
    if (!partnerId) return fail("InvalidPartnerIdInput");
    const context: Context = { ...options, partnerId, rules: this.config.fields };
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
    const value = readAmount({ container: c.body.value, amountKey: "amount" });
    if (!value.ok) return value;
    const problem = this.#giftCardProblem(c, value);
    if (problem) return fail(problem);
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

  /** What seed 003 documents beyond the amount for a gift card: its currency in the region (when configured), its limit, its externalReference. */
  #giftCardProblem(c: Context, value: { amount: number; currencyCode: string }): string | undefined {
    if (currencyOutsideRegion({ rules: c.rules, region: c.region, currencyCode: value.currencyCode })) return "CurrencyCodeMismatch";
    const max = c.rules.giftCardMax[value.currencyCode];
    if (max !== undefined && value.amount > max) return "MaxAmountExceeded";
    return checkExternalReference({ body: c.body, rules: c.rules });
  }

  #cancel(c: Context): Outcome {
    const id = text(c.body.creationRequestId);
    if (!id) return fail("InvalidRequestIdInput");
    if (c.rules.cancelRequiresGcId && !text(c.body.gcId)) return fail("InvalidGCIdInput");
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
    const value = readAmount({ container: c.body.value, amountKey: "amount" });
    if (!value.ok) return value;
    const problem = this.#giftCardProblem(c, value);
    if (problem) return fail(problem);
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
    const start = readDate(c.body.utcStartDate);
    const end = readDate(c.body.utcEndDate);
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
    const value = readAmount({ container: c.body.amount, amountKey: "value" });
    if (!value.ok) return value;
    const account = checkAccount(c.body.account);
    if (!account.ok) return fail(account.code);
    const accountId = account.id;
    const problem =
      checkLoadLimits({ amount: value.amount, currencyCode: value.currencyCode, rules: c.rules }) ??
      (currencyOutsideRegion({ rules: c.rules, region: c.region, currencyCode: value.currencyCode }) ? "InvalidCurrencyInMarketplace" : undefined) ??
      checkExternalReference({ body: c.body, rules: c.rules }) ??
      checkLoadLengths(c.body);
    if (problem) return fail(problem);
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
    const value = readAmount({ container: c.body.amount, amountKey: "value" });
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
  readonly region: string;
  readonly requestIdMaxLength: number;
  readonly rules: IncentivesFieldRules;
}
