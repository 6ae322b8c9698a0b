/**
 * The faultproof adapter over the reference Incentives client: each function
 * is one logical operation, and reports what the client concluded.
 */
import type { IncentivesAdapter } from "../../suites/adapter.js";
import { IncentivesClient, type IncentivesClientOptions } from "./incentives-client.js";
import { text, toOutcome } from "./retry.js";

export function createIncentivesAdapter(client: IncentivesClient = new IncentivesClient()): IncentivesAdapter {
  return {
    async createGiftCard(request) {
      const result = await client.createGiftCard({ amount: request.amount, currencyCode: request.currencyCode });
      return toOutcome(result, (body) => ({ creationRequestId: text(body.creationRequestId), gcId: text(body.gcId), cardStatus: cardStatusOf(body) }));
    },
    async cancelGiftCard(request) {
      const result = await client.cancelGiftCard(request);
      return toOutcome(result, (body) => ({ creationRequestId: text(body.creationRequestId) ?? request.creationRequestId, gcId: text(body.gcId) ?? request.gcId }));
    },
    async activateGiftCard(request) {
      const result = await client.activateGiftCard({ amount: request.amount, currencyCode: request.currencyCode, cardNumber: request.cardNumber });
      return toOutcome(result, (body) => ({ activationRequestId: text(body.activationRequestId), cardNumber: request.cardNumber, cardStatus: cardStatusOf(body) }));
    },
    async deactivateGiftCard(request) {
      const result = await client.deactivateGiftCard(request);
      return toOutcome(result, (body) => ({ activationRequestId: text(body.activationRequestId) ?? request.activationRequestId, cardNumber: request.cardNumber, cardStatus: cardStatusOf(body) }));
    },
    async loadAmazonBalance(request) {
      const result = await client.loadAmazonBalance({ amount: request.amount, currencyCode: request.currencyCode, accountId: request.accountId });
      return toOutcome(result, (body) => ({ loadBalanceRequestId: text(body.loadBalanceRequestId) }));
    },
    async voidAmazonBalanceLoad(request) {
      const result = await client.voidAmazonBalanceLoad(request);
      return toOutcome(result, (body) => ({ loadBalanceRequestId: text(body.loadBalanceRequestId) ?? request.loadBalanceRequestId }));
    },
  };
}

/** An adapter with its own client, for options other than the defaults. */
export function incentivesAdapterWith(options: IncentivesClientOptions): IncentivesAdapter {
  return createIncentivesAdapter(new IncentivesClient(options));
}

/** The reference Incentives adapter with the default (conforming) client. */
export const incentivesAdapter: IncentivesAdapter = createIncentivesAdapter();

function cardStatusOf(body: Readonly<Record<string, unknown>>): string | undefined {
  const cardInfo = body.cardInfo;
  return cardInfo !== null && typeof cardInfo === "object" ? text((cardInfo as Record<string, unknown>).cardStatus) : undefined;
}
