/**
 * Deliberately defective integrations, one per rule the certification
 * enforces: each is the reference integration with one setting changed (or,
 * for `bare-sdk`, Amazon's SDK used without a wrapper). A certification that
 * passes one of them has a blind spot.
 */
import { defective as bareSdk } from "./bare-sdk.js";
import type { DefectiveAdapter } from "./defect.js";
import { defective as failsManualCases } from "./fails-manual-cases.js";
import { defective as instantThrottleRetry } from "./instant-throttle-retry.js";
import { defective as newKeyPerRetry } from "./new-key-per-retry.js";
import { defective as oneKeyForAll } from "./one-key-for-all.js";
import { defective as overBudget } from "./over-budget.js";
import { defective as reportsErrorClass } from "./reports-error-class.js";
import { defective as resendWithoutCancel } from "./resend-without-cancel.js";
import { defective as retriesFinalErrors } from "./retries-final-errors.js";
import { defective as shrinkingBackoff } from "./shrinking-backoff.js";
import { defective as silentExhaustion } from "./silent-exhaustion.js";
import { defective as trustsUnknownAnswers } from "./trusts-unknown-answers.js";

export type { DefectiveAdapter };

/** Each defective adapter by name, with the rule that must catch it. */
export const defectiveAdapters: Readonly<Record<string, DefectiveAdapter>> = {
  "retries-final-errors": retriesFinalErrors,
  "reports-error-class": reportsErrorClass,
  "fails-manual-cases": failsManualCases,
  "over-budget": overBudget,
  "shrinking-backoff": shrinkingBackoff,
  "instant-throttle-retry": instantThrottleRetry,
  "new-key-per-retry": newKeyPerRetry,
  "one-key-for-all": oneKeyForAll,
  "resend-without-cancel": resendWithoutCancel,
  "silent-exhaustion": silentExhaustion,
  "trusts-unknown-answers": trustsUnknownAnswers,
  "bare-sdk": bareSdk,
};
