import type { ApiId, HttpMethod } from "../../generator/spec/spec-input.js";

/**
 * What the sandbox knows of each API, generated from the spec into
 * `generated/sandbox-model.ts`. The runtime reads only this, never the YAML.
 */
export interface SandboxError {
  readonly id: string;
  readonly code: string;
  readonly httpStatus?: number;
  readonly errorClass?: string;
  readonly status?: "FAILURE" | "RESEND";
  readonly mockCode?: string;
  readonly message?: string;
  readonly operations: readonly string[];
}

export interface SandboxOperation {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly resource?: string;
  readonly family?: string;
  readonly requestIdField?: string;
}

export interface IncentivesModel {
  readonly api: Extract<ApiId, "incentives">;
  readonly hosts: readonly { readonly region: string; readonly sandbox: string; readonly production: string; readonly signingRegion: string }[];
  readonly operations: readonly SandboxOperation[];
  readonly errors: readonly SandboxError[];
  readonly mockPlacement: readonly { readonly operation: string; readonly field: string; readonly requires?: Readonly<Record<string, string | number | boolean>> }[];
  readonly successMockCode: string;
  readonly tpsLimit: number;
  readonly tpsLimits: Readonly<Record<string, number>>;
  readonly requestIdMaxLength: number;
  readonly throttleXml: string;
}

export interface AmazonPayModel {
  readonly api: Extract<ApiId, "amazon-pay">;
  readonly hosts: readonly { readonly region: string; readonly host: string }[];
  readonly operations: readonly SandboxOperation[];
  readonly errors: readonly SandboxError[];
  readonly idempotency: {
    readonly header: string;
    readonly methods: readonly HttpMethod[];
    readonly keyPattern: string;
    readonly duplicateCode: string;
    readonly missingCode: string;
    readonly invalidCode: string;
  };
  readonly notificationVersion: string;
}
