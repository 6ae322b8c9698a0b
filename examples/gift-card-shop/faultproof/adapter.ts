import type { Adapter } from "faultproof";
import { deskOptions } from "../src/config.js";
import { GiftCardDesk, type DeskResult } from "../src/gift-cards.js";

/**
 * faultproof's view of the gift-card desk: each function runs one operation
 * through the desk, against the Incentives sandbox host (faultproof answers it),
 * and says what the desk concluded. Operations the shop does not use are left
 * out: faultproof reports them as not applicable.
 */
// Not process.env: certification always talks to the sandbox host, never to a configured production one.
const desk = new GiftCardDesk(deskOptions({}));

export const adapter: Adapter = {
  name: "gift-card-shop",
  retryPolicy: { maxAttempts: 4 },
  incentives: {
    async createGiftCard(request) {
      return outcome(await desk.issue({ amount: request.amount, currencyCode: request.currencyCode }));
    },
    async cancelGiftCard(request) {
      return outcome(await desk.cancel(request));
    },
  },
};

function outcome(result: DeskResult) {
  switch (result.kind) {
    case "issued":
      return { status: "succeeded", data: { creationRequestId: result.creationRequestId, gcId: result.gcId } } as const;
    case "cancelled":
      return { status: "succeeded", data: { creationRequestId: result.creationRequestId } } as const;
    case "rejected":
      return { status: "failed", code: result.errorType, ...(result.message ? { message: result.message } : {}) } as const;
    case "support":
      return { status: "handed-over", reason: result.note, ...(result.errorType ? { code: result.errorType } : {}) } as const;
  }
}
