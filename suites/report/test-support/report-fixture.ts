import type { Citation } from "../../oracles/citation.js";
import type { ApiId, HandlingId } from "../../../generator/spec/spec-input.js";
import type { JournalEntry } from "../../sandbox/journal.js";
import type { CertificationReport, CertificationResult, Counterexample, ReportSummary } from "../report.js";

/**
 * Typed reports for the renderers' tests. `fixtureReport()` is a small run over
 * two APIs: handled results, one mishandled (with counterexample and replay),
 * one accepted gap and one not-applicable operation.
 */

export interface FixtureFailure {
  readonly id: string;
  readonly api: ApiId;
  readonly code: string;
  readonly kind: string;
  readonly mockCode?: string;
  readonly handling: HandlingId;
  readonly source: { readonly doc: string; readonly section: string };
}

export const FAILURES = {
  internalServerError: { id: "internal-server-error", api: "amazon-pay", code: "InternalServerError", kind: "500", handling: "retry-backoff", source: { doc: "000", section: "Error codes" } },
  tooManyRequests: { id: "too-many-requests", api: "amazon-pay", code: "TooManyRequests", kind: "429", handling: "retry-backoff", source: { doc: "000", section: "Error codes" } },
  amountMismatch: { id: "amount-mismatch", api: "amazon-pay", code: "AmountMismatch", kind: "409", handling: "fail-surface", source: { doc: "002", section: "Why is Complete Checkout Session returning an AmountMismatch error response?" } },
  systemTemporarilyUnavailable: {
    id: "f4000-system-temporarily-unavailable",
    api: "incentives",
    code: "SystemTemporarilyUnavailable",
    kind: "F400",
    mockCode: "F4000",
    handling: "cancel-then-resend",
    source: { doc: "003", section: "F400 - Temporary Errors" },
  },
  invalidRequest: { id: "f2025-invalid-request", api: "incentives", code: "InvalidRequest", kind: "F200", mockCode: "F2025", handling: "fail-surface", source: { doc: "003", section: "F200 - Caller Errors" } },
} as const satisfies Record<string, FixtureFailure>;

function base(failure: FixtureFailure, operation: string): Omit<CertificationResult, "status"> {
  return {
    key: `${failure.id}@${operation}`,
    failureId: failure.id,
    api: failure.api,
    code: failure.code,
    kind: failure.kind,
    ...(failure.mockCode !== undefined ? { mockCode: failure.mockCode } : {}),
    operation,
    handling: failure.handling,
    source: failure.source,
  };
}

export function handled(failure: FixtureFailure, operation: string): CertificationResult {
  return { ...base(failure, operation), status: "handled" };
}

export function notApplicable(failure: FixtureFailure, operation: string): CertificationResult {
  return { ...base(failure, operation), status: "not-applicable" };
}

export interface Broken {
  readonly rule: string;
  readonly message: string;
  readonly counterexample?: Counterexample;
  readonly replay?: string;
  readonly citation?: Citation;
}

export function mishandled(failure: FixtureFailure, operation: string, broken: Broken): CertificationResult {
  return { ...base(failure, operation), status: "mishandled", ...broken };
}

/** Mishandled, but in the baseline of accepted gaps. */
export function accepted(failure: FixtureFailure, operation: string, broken: Broken): CertificationResult {
  return { ...base(failure, operation), status: "accepted", ...broken };
}

export function replayOf(key: string, seed = 42): string {
  return `npx faultproof certify --only ${key} --seed ${seed} --replay-path 3:1:0`;
}

/** One journal entry as the sandbox records it (credentials already redacted). */
export function journalEntry(entry: Partial<JournalEntry> & Pick<JournalEntry, "seq" | "operation" | "response">): JournalEntry {
  return {
    api: "amazon-pay",
    method: "POST",
    url: `http://127.0.0.1:8080/sandbox/v2/${entry.operation ?? "unknown"}`,
    headers: { "content-type": "application/json", authorization: "AMZN-PAY-RSASSA-PSS-V2 [redacted]", "x-amz-pay-idempotency-key": `<id ${entry.seq + 1}>` },
    at: 1_000 * entry.seq,
    ...entry,
  };
}

export function counterexample(overrides: Partial<Counterexample> = {}): Counterexample {
  return {
    schedule: [{ status: 500, code: "InternalServerError" }, { status: 500, code: "InternalServerError" }, "network-error"],
    request: { chargePermissionId: "S01-0000000-0000000", chargeAmount: { amount: "10.00", currencyCode: "EUR" } },
    outcome: { kind: "failed", code: "InternalServerError" },
    journal: [
      journalEntry({ seq: 0, operation: "CreateCharge", response: { status: 500, code: "InternalServerError", by: "fault" } }),
      journalEntry({ seq: 1, operation: "CreateCharge", at: 1, response: { status: 500, code: "InternalServerError", by: "fault" } }),
    ],
    seed: 42,
    path: "3:1:0",
    ...overrides,
  };
}

export const MISHANDLED_KEY = "internal-server-error@CreateCharge";
export const ACCEPTED_KEY = "f4000-system-temporarily-unavailable@CreateGiftCard";
export const NOT_APPLICABLE_KEY = "amount-mismatch@CompleteCheckoutSession";

/** The fixture's results, in key order. */
export function fixtureResults(): CertificationResult[] {
  const f = FAILURES;
  return [
    notApplicable(f.amountMismatch, "CompleteCheckoutSession"),
    handled(f.internalServerError, "CaptureCharge"),
    mishandled(f.internalServerError, "CreateCharge", {
      rule: "exponential-backoff",
      message: "retried CreateCharge 1 ms after an InternalServerError; the documented handling waits longer before each retry",
      citation: { doc: "000", title: "Amazon Pay — Manage errors", section: "Retrying errors", quote: "we recommend that you implement an exponential backoff approach up to a defined limit", strength: "recommends", url: "https://developer.amazon.com/docs/amazon-pay-api-v2/error-handling.html" },
      counterexample: counterexample(),
      replay: replayOf(MISHANDLED_KEY),
    }),
    { ...handled(f.tooManyRequests, "CreateCharge"), advice: [{ rule: "surface-code", message: "failed with F200 after TooManyRequests; carrying it names the cause" }] },
    handled(f.invalidRequest, "CancelGiftCard"),
    handled(f.invalidRequest, "CreateGiftCard"),
    accepted(f.systemTemporarilyUnavailable, "CreateGiftCard", {
      rule: "resend-compensation",
      message: "resent CreateGiftCard without cancelling the first request",
      counterexample: counterexample({
        schedule: [{ code: "SystemTemporarilyUnavailable", mockCode: "F4000" }],
        request: { creationRequestId: "<id 1>", value: { amount: 10, currencyCode: "USD" } },
        outcome: { kind: "succeeded" },
        journal: [
          journalEntry({ seq: 0, api: "incentives", operation: "CreateGiftCard", response: { status: 400, code: "SystemTemporarilyUnavailable", by: "mock-code" } }),
          journalEntry({ seq: 1, api: "incentives", operation: "CreateGiftCard", response: { status: 200, by: "sandbox" } }),
        ],
      }),
      replay: replayOf(ACCEPTED_KEY),
    }),
  ];
}

export function summaryOf(results: readonly CertificationResult[]): ReportSummary {
  const count = (status: CertificationResult["status"]) => results.filter((result) => result.status === status).length;
  const notApplicableCount = count("not-applicable");
  return { applicable: results.length - notApplicableCount, handled: count("handled"), mishandled: count("mishandled"), accepted: count("accepted"), notApplicable: notApplicableCount };
}

/** A report of these results, with the summary and score they imply (score rounded to 4 decimals, as report.json has it). */
export function reportOf(results: readonly CertificationResult[], overrides: Partial<Omit<CertificationReport, "results">> = {}): CertificationReport {
  const summary = summaryOf(results);
  return {
    tool: { name: "faultproof", version: "0.1.0" },
    catalogueVersion: "ff2b07835be6",
    adapter: "acme-checkout",
    seed: 42,
    runs: 100,
    generatedAt: "2025-01-02T03:04:05.000Z",
    score: summary.applicable === 0 ? 0 : Math.round((summary.handled / summary.applicable) * 10_000) / 10_000,
    summary,
    results,
    ...overrides,
  };
}

/** Two APIs; 4 handled, 1 mishandled, 1 accepted, 1 not applicable: score 4/6. */
export function fixtureReport(overrides: Partial<Omit<CertificationReport, "results">> = {}): CertificationReport {
  return reportOf(fixtureResults(), overrides);
}

/** The fixture with every applicable result handled: a certified report. */
export function certifiedReport(): CertificationReport {
  return reportOf(fixtureResults().map((result) => (result.status === "not-applicable" ? result : { ...withoutVerdict(result), status: "handled" as const })));
}

function withoutVerdict(result: CertificationResult): Omit<CertificationResult, "status"> {
  const failure: FixtureFailure = { id: result.failureId, api: result.api, code: result.code, kind: result.kind, handling: result.handling, source: result.source, ...(result.mockCode !== undefined ? { mockCode: result.mockCode } : {}) };
  return base(failure, result.operation);
}

/**
 * Credentials as a careless journal might carry them. Built from parts so the
 * source file itself holds no credential-shaped string for scanners to flag;
 * the AWS values are AWS's own documentation examples.
 */
export const SECRETS = {
  payAuthorization: ["AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=SANDBOX-AHEKTPVHDOC", "SignedHeaders=accept;content-type;x-amz-pay-date", "Signature=c2lnbmF0dXJlLW9mLXRoZS1yZXF1ZXN0"].join(", "),
  signature: "c2lnbmF0dXJlLW9mLXRoZS1yZXF1ZXN0",
  sigv4Signature: "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024",
  securityToken: "FwoGZXIvYXdzEBYaDHqa0AP1ExampleSessionTokenValue",
  accessKeyId: ["AKIA", "IOSFODNN7EXAMPLE"].join(""),
  secretAccessKey: ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"].join("/"),
  privateKeyBody: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefake",
} as const;

export function privateKeyPem(): string {
  const dashes = "-----";
  return `${dashes}BEGIN RSA PRIVATE KEY${dashes}\n${SECRETS.privateKeyBody}\n${dashes}END RSA PRIVATE KEY${dashes}`;
}

/** The fixture report with credentials planted in a journal, a request, a message and a replay command. */
export function reportWithSecrets(): CertificationReport {
  const sigv4 = `AWS4-HMAC-SHA256 Credential=${SECRETS.accessKeyId}/20250102/us-east-1/AGCODService/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SECRETS.sigv4Signature}`;
  const results = fixtureResults().map((result) =>
    result.key !== MISHANDLED_KEY
      ? result
      : {
          ...result,
          message: `${result.message ?? ""} (the adapter logged aws_secret_access_key=${SECRETS.secretAccessKey})`,
          replay: `AWS_ACCESS_KEY_ID=${SECRETS.accessKeyId} ${result.replay ?? ""}`,
          counterexample: counterexample({
            request: { privateKey: privateKeyPem(), config: { secretKey: SECRETS.secretAccessKey } },
            journal: [
              journalEntry({
                seq: 0,
                operation: "CreateCharge",
                headers: { Authorization: SECRETS.payAuthorization, "X-Amz-Security-Token": SECRETS.securityToken, "content-type": "application/json" },
                response: { status: 500, code: "InternalServerError", by: "fault" },
              }),
              journalEntry({
                seq: 1,
                api: "incentives",
                operation: "CreateGiftCard",
                url: `https://agcod-v2-gamma.amazon.com/CreateGiftCard?X-Amz-Signature=${SECRETS.sigv4Signature}`,
                headers: { "x-amz-pay-authorization": SECRETS.payAuthorization, authorization: sigv4 },
                body: `raw dump:\nauthorization: ${sigv4}\nsecretKey: "${SECRETS.secretAccessKey}"`,
                response: { status: 0, by: "fault", fault: "network-error" },
              }),
            ],
          }),
        },
  );
  return reportOf(results);
}
