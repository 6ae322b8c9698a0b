import type { Answer, SandboxContext } from "../context.js";
import type { IncentivesModel, SandboxError } from "../model.js";
import type { IncentivesErrors } from "./errors.js";
import { canonicalRequest, parseAmzDate, parseSigV4Authorization, sameSignature, sigV4Signature } from "./sigv4.js";

/** The service name every Incentives request is signed for (reference A2, Amazon's sample). */
export const AGCOD_SERVICE = "AGCODService";

/**
 * The row a signature failure is answered from: seed 003's first "most common
 * error code and cause", F200. Its errorType is a setting (UNVERIFIED); its id
 * lets a verdict quote the seed's sentence.
 */
export const SIGNATURE_MISMATCH = {
  id: "f200-signature-mismatch",
  source: { doc: "003", section: "Most common error codes and causes" },
  quote: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details",
} as const;

/** A header of the sandbox's own, beside Amazon's answer: what was wrong with the signature, for the person reading the journal or a trace. */
export const REASON_HEADER = "x-faultproof-signature-problem";

/** Why a request is refused, and the documented row it is answered from. */
export interface Refusal {
  readonly error: SandboxError;
  readonly reason: string;
}

/**
 * Checks the SigV4 signature of an Incentives request against the configured
 * access keys, on the sandbox's clock: the service name, the host's region,
 * the signed headers, the body. A request signed with an unknown access key
 * is F300 InvalidAccessKey (seed 003); any other fault is F200 (seed 003's
 * common cause).
 */
export class IncentivesSignatures {
  readonly #regions: ReadonlyMap<string, string>;

  constructor(
    model: IncentivesModel,
    private readonly context: SandboxContext,
    private readonly errors: IncentivesErrors,
  ) {
    this.#regions = new Map(model.hosts.flatMap((host) => [[host.sandbox, host.signingRegion], [host.production, host.signingRegion]] as const));
  }

  /** Why the request's signature is refused; undefined when it is signed as Amazon requires, or when checking is off. */
  refuse(options: { request: Request; bodyText: string; operation: string }): Refusal | undefined {
    const { config } = this.context;
    if (!config.verifySignatures) return undefined;
    const problem = this.#problem(options);
    if (problem === undefined) return undefined;
    if (problem.kind === "unknown-key") return { error: this.errors.row(options.operation, "InvalidAccessKey"), reason: problem.reason };
    const settings = config.incentives.signature;
    return { error: { id: SIGNATURE_MISMATCH.id, code: settings.errorType, errorClass: "F200", status: "FAILURE", message: settings.message, operations: [options.operation] }, reason: problem.reason };
  }

  #problem(options: { request: Request; bodyText: string }): { kind: "unknown-key" | "mismatch"; reason: string } | undefined {
    const { request } = options;
    const mismatch = (reason: string) => ({ kind: "mismatch" as const, reason });
    const header = request.headers.get("authorization");
    if (header === null) return mismatch("the request carries no Authorization header");
    const authorization = parseSigV4Authorization(header);
    if ("problem" in authorization) return mismatch(authorization.problem);
    const key = this.context.config.credentials.incentives.find((candidate) => candidate.accessKeyId === authorization.accessKeyId);
    // The key id is not repeated: an answer's text may end up in a report.
    if (!key) return { kind: "unknown-key", reason: "the access key is none of the sandbox's credentials.incentives" };

    const settings = this.context.config.incentives.signature;
    const amzDate = request.headers.get("x-amz-date");
    if (amzDate === null) return mismatch("the request carries no x-amz-date header");
    const signedAt = parseAmzDate(amzDate);
    if (signedAt === undefined) return mismatch(`x-amz-date ${JSON.stringify(amzDate)} is not of the form yyyymmddThhmmssZ`);
    const now = this.context.clock.now();
    if (Math.abs(now - signedAt) > settings.maxSkewMs) {
      return mismatch(`signature expired or not yet valid: x-amz-date ${amzDate} is more than ${settings.maxSkewMs / 1000} s from the sandbox's clock (${new Date(now).toISOString()})`);
    }
    const { scope } = authorization;
    if (scope.date !== amzDate.slice(0, 8)) return mismatch(`the credential scope's date ${scope.date} is not the date of x-amz-date ${amzDate}`);
    if (scope.service !== AGCOD_SERVICE) return mismatch(`signed for the service ${scope.service}; the Incentives API signs for ${AGCOD_SERVICE}`);
    const url = new URL(request.url);
    const region = this.#regions.get(url.host);
    if (region !== undefined && scope.region !== region) return mismatch(`signed for the region ${scope.region}; ${url.host} signs for ${region}`);
    if (scope.terminator !== "aws4_request") return mismatch(`the credential scope ends in ${scope.terminator}, not aws4_request`);
    const unsigned = settings.requiredSignedHeaders.filter((name) => !authorization.signedHeaders.includes(name));
    if (unsigned.length > 0) return mismatch(`the signature does not cover ${unsigned.join(", ")}`);

    // fetch and the interceptors may leave out Host and Content-Length, which the client signed: the URL and the body give them.
    const fallback: Readonly<Record<string, () => string>> = { host: () => url.host, "content-length": () => String(Buffer.byteLength(options.bodyText, "utf8")) };
    const absent = authorization.signedHeaders.filter((name) => request.headers.get(name) === null && !fallback[name]);
    if (absent.length > 0) return mismatch(`the signed headers ${absent.join(", ")} are not in the request`);
    const canonical = canonicalRequest({
      method: request.method,
      url,
      signedHeaders: authorization.signedHeaders,
      signedHeaderList: authorization.signedHeaderList,
      headerValue: (name) => request.headers.get(name) ?? fallback[name]!(),
      payload: options.bodyText,
    });
    const expected = sigV4Signature({ secretAccessKey: key.secretAccessKey, amzDate, scope, canonical });
    if (!sameSignature(expected, authorization.signature)) return mismatch("the signature does not match the request signed with the access key's secret (a wrong secret, or headers or body changed after signing)");
    return undefined;
  }
}

/** The answer with the reason of the refusal in the sandbox's own header. */
export function withReason(answer: Answer, reason: string): Answer {
  // A header value is Latin-1: anything else the client sent is shown as "?".
  answer.response.headers.set(REASON_HEADER, reason.replace(/[^\x20-\x7e]/g, "?"));
  return answer;
}
