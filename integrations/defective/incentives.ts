/**
 * Incentives members of the family: throttling, RESEND (F400), the other
 * error classes, and the request ids and bodies the API accepts.
 */
import { uniqueToken } from "../reference/retry.js";
import { REFERENCE_TEST_ACCESS_KEY } from "../reference/test-credentials.js";
import { F100, F200, F300, F500, F500_LOAD, RESEND, RESEND_ACTIVATE, RESEND_LOAD, THROTTLED, THROTTLED_LOAD } from "./cases.js";
import { variant, type FamilyMember } from "./member.js";

/** Members that follow the documents in an unusual but allowed way: each must certify. */
export const incentivesCertifies: readonly FamilyMember[] = [
  variant({
    name: "retries-f100-f500-once",
    api: "incentives",
    does: "Retries an F100 or F500 once with the same request id, then hands it over.",
    cases: [F100, F500, F500_LOAD],
    incentives: { retryOnceClasses: ["F100", "F500"] },
    certifies: ["same-key-across-retries", "success-not-dropped", "unknown-never-success"],
    advises: "no-retry-after-final-error",
  }),
  variant({
    name: "resend-same-id",
    api: "incentives",
    does: "Retries a RESEND (F400) with the same request id, within its 4 attempts, never under a new one.",
    cases: [RESEND, RESEND_LOAD],
    incentives: { onResend: "retry-same-id" },
    certifies: ["resend-compensation", "same-key-across-retries", "unknown-never-success"],
  }),
  variant({
    name: "resend-hand-over",
    api: "incentives",
    does: "Hands a RESEND (F400) over at once: no retry, no undo, no new id.",
    cases: [RESEND, RESEND_ACTIVATE],
    incentives: { onResend: "hand-over" },
    certifies: ["resend-compensation"],
  }),
  variant({
    name: "resend-undo-then-hand-over",
    api: "incentives",
    does: "On RESEND cancels / deactivates / voids the original id, then hands the case over instead of re-sending.",
    cases: [RESEND, RESEND_LOAD],
    incentives: { maxResends: 0 },
    certifies: ["resend-compensation"],
  }),
  variant({
    name: "throttle-varied-waits",
    api: "incentives",
    does: "Declares 5 attempts and waits 0.5 s, 1 s, 2 s, then 1 s after successive ThrottlingExceptions: never instant, though not growing.",
    cases: [THROTTLED, THROTTLED_LOAD],
    retryPolicy: { maxAttempts: 5, delaysMs: [0, 1000, 2000, 4000] },
    incentives: { throttleBackoffMs: [500, 1000, 2000, 1000] },
    certifies: ["throttle-not-instant"],
  }),
  variant({
    name: "throttle-100ms",
    api: "incentives",
    does: "Waits exactly 100 ms (one call at the documented 10 per second) after every ThrottlingException.",
    cases: [THROTTLED],
    incentives: { throttleBackoffMs: [100] },
    certifies: ["throttle-not-instant"],
  }),
  variant({
    name: "request-id-40",
    api: "incentives",
    does: "Makes request ids of exactly 40 characters: the partner id and 35 hexadecimal characters.",
    cases: [F200, THROTTLED],
    incentives: { newRequestId: (partnerId) => `${partnerId}${uniqueToken()}${uniqueToken()}`.slice(0, 40) },
    certifies: ["normal-path", "distinct-keys-across-operations", "same-key-across-retries"],
  }),
  variant({
    name: "gives-up-failed",
    api: "incentives",
    does: "When retries of a throttled or lost request run out, reports a plain failure (the documents name no outcome).",
    cases: [THROTTLED],
    both: { failWhenExhausted: true },
    certifies: ["throttle-not-instant"],
    advises: "hand-over-when-giving-up",
  }),
];

/** Members that break exactly one rule: each must fail by it. */
export const incentivesBreaks: readonly FamilyMember[] = [
  variant({
    name: "instant-throttle-retry",
    api: "incentives",
    does: "Retries a ThrottlingException like a network error: the first retry is immediate.",
    cases: [THROTTLED, THROTTLED_LOAD],
    incentives: { throttleMinDelayMs: 0 },
    breaks: "throttle-not-instant",
  }),
  variant({
    name: "throttle-99ms",
    api: "incentives",
    does: "Waits 99 ms after every ThrottlingException: within one call's share of the documented 10 per second.",
    cases: [THROTTLED],
    incentives: { throttleBackoffMs: [99] },
    breaks: "throttle-not-instant",
  }),
  variant({
    name: "retries-forever-incentives",
    api: "incentives",
    does: "Retries throttling and lost answers forever, with the same request id: the adapter never returns.",
    cases: [THROTTLED],
    incentives: { maxAttempts: Number.MAX_SAFE_INTEGER },
    breaks: "adapter-contract",
  }),
  variant({
    name: "retries-throttled-forever",
    api: "incentives",
    does: "Retries a throttled request forever, a second or more apart (other answers within 4 attempts): the adapter never returns.",
    cases: [THROTTLED_LOAD],
    incentives: { throttledAttempts: Number.MAX_SAFE_INTEGER },
    breaks: "adapter-contract",
  }),
  variant({
    name: "pascal-case-bodies",
    api: "incentives",
    does: "Sends JSON bodies with PascalCase element names (CreationRequestId, Value.Amount): the sandbox answers F500 as Amazon does.",
    cases: [F200, THROTTLED],
    incentives: { bodyCase: "PascalCase" },
    breaks: "normal-path",
  }),
  variant({
    name: "request-id-without-partner",
    api: "incentives",
    does: "Makes request ids without the partner id in front (32 hexadecimal characters): F2022.",
    cases: [F200],
    incentives: { newRequestId: () => uniqueToken() },
    breaks: "normal-path",
  }),
  variant({
    name: "request-id-41",
    api: "incentives",
    does: "Makes request ids of 41 characters, one more than allowed: F2021.",
    cases: [F200],
    incentives: { newRequestId: (partnerId) => `${partnerId}${uniqueToken()}${uniqueToken()}`.slice(0, 41) },
    breaks: "normal-path",
  }),
  variant({
    name: "wrong-signing-secret",
    api: "incentives",
    does: "Signs its requests with a secret that is not its access key's: Amazon answers F200, the signature does not match (seed 003's common cause).",
    cases: [F200, F300],
    incentives: { credentials: { accessKeyId: REFERENCE_TEST_ACCESS_KEY.accessKeyId, secretAccessKey: "faultproof-test-only-a-secret-that-is-not-the-key-s" } },
    breaks: "normal-path",
  }),
  variant({
    name: "unknown-access-key",
    api: "incentives",
    does: "Signs with an access key the account does not have: F300 InvalidAccessKey.",
    cases: [F200],
    incentives: { credentials: { accessKeyId: "FPTESTONLYUNKNOWNKEY", secretAccessKey: REFERENCE_TEST_ACCESS_KEY.secretAccessKey } },
    breaks: "normal-path",
  }),
  variant({
    name: "signs-for-wrong-region",
    api: "incentives",
    does: "Signs requests to the NA host for eu-west-1 (the EU host's region): the signature does not match, F200.",
    cases: [F200],
    incentives: { region: "eu-west-1" },
    breaks: "normal-path",
  }),
  variant({
    name: "resend-ignores-failed-undo",
    api: "incentives",
    does: "On RESEND fires the cancel / deactivate / void of the original id, ignores its failure, and re-sends with a new id.",
    cases: [RESEND, RESEND_ACTIVATE],
    incentives: { resendDespiteFailedUndo: true },
    breaks: "resend-compensation",
  }),
  variant({
    name: "resend-without-cancel",
    api: "incentives",
    does: "On RESEND re-sends with a new request id without cancelling / deactivating / voiding the original one.",
    cases: [RESEND, RESEND_LOAD],
    incentives: { compensateBeforeResend: false },
    breaks: "resend-compensation",
  }),
];
