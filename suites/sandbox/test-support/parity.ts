import { XMLParser } from "fast-xml-parser";
import { expect } from "vitest";
import type { Sandbox } from "../sandbox.js";
import { callAmazonPay, incentivesBody, postIncentives, withField } from "./requests.js";

const xml = new XMLParser({ parseTagValue: false });

/**
 * Asserts that the sandbox answers one documented Incentives error as the
 * documents show it: HTTP status, errorCode, errorType, exact message,
 * FAILURE or RESEND, in the requested format.
 */
export async function expectIncentivesError(c: {
  sandbox: Sandbox;
  id: string;
  operation: string;
  via: "mock-code" | "fault";
  format: "json" | "xml";
  code: string;
  errorClass: string;
  mockCode: string | null;
  message: string | null;
  resend: boolean;
}): Promise<void> {
  const { sandbox } = c;
  const model = sandbox.incentives.model;
  let body = incentivesBody(c.operation);
  if (c.via === "mock-code") {
    const placement = model.mockPlacement.find((p) => p.operation === c.operation)!;
    body = withField(body, placement.field, c.mockCode);
    for (const [field, value] of Object.entries(placement.requires ?? {})) body = withField(body, field, value);
    // A code that stands for several rows is pinned to the row under test; a row it alone stands for needs nothing.
    if (sandbox.incentives.errors.alternatives[c.mockCode!]?.ids.includes(c.id)) sandbox.preferVariant(c.mockCode!, c.id);
  } else {
    sandbox.enqueue(c.operation, { kind: "error", code: c.id });
  }
  const response = await postIncentives({ operation: c.operation, body, format: c.format });
  const text = await response.text();
  const config = sandbox.config.incentives;
  const family = model.operations.find((op) => op.id === c.operation)?.family;

  if (c.errorClass === "Throttled") {
    expect(response.status).toBe(config.throttleStatus);
    if (c.format === "json") expect(JSON.parse(text)).toEqual(config.throttleJson);
    else expect(xml.parse(text)).toEqual({ ThrottlingException: { Message: "Rate exceeded" } });
  } else {
    expect(response.status).toBe(config.errorStatus[c.errorClass]);
    const message = c.message ?? config.fallbackMessages[c.errorClass] ?? "General Error";
    const status = c.resend ? "RESEND" : "FAILURE";
    if (c.format === "json") {
      const json = JSON.parse(text) as Record<string, unknown>;
      if (family === "balance-load") expect(json).toEqual({ errorCode: c.errorClass, errorType: c.code, errorMessage: message, status });
      else {
        const nulls = c.operation === "CreateGiftCard" ? { cardInfo: null, creationRequestId: null, gcClaimCode: null, gcExpirationDate: null, gcId: null } : {};
        expect(json).toEqual({ agcodResponse: { __type: `${c.operation}Response:http://internal.amazon.com/coral/com.amazonaws.agcod/`, ...nulls, status }, errorCode: c.errorClass, errorType: c.code, message });
      }
    } else {
      const parsed = xml.parse(text) as Record<string, Record<string, unknown>>;
      const [root] = Object.keys(parsed);
      const expectedRoot = family === "balance-load" ? config.xmlErrorRoot.balanceLoad : /Input$/.test(c.code) ? config.xmlErrorRoot.validation : config.xmlErrorRoot.other;
      expect(root).toBe(expectedRoot);
      if (family === "balance-load") expect(parsed[root!]).toEqual({ errorCode: c.errorClass, errorType: c.code, errorMessage: message, status });
      else expect(parsed[root!]).toEqual({ agcodResponse: { status }, errorType: c.code, errorCode: c.errorClass, Message: message });
    }
  }
  const entry = sandbox.journal.entries.at(-1)!;
  expect(entry).toMatchObject({ api: "incentives", operation: c.operation, response: { code: c.code, by: c.via } });
}

/** Asserts that F0000 in the documented field is answered with SUCCESS. */
export async function expectIncentivesSuccessMock(c: { sandbox: Sandbox; operation: string; field: string }): Promise<void> {
  const placement = c.sandbox.incentives.model.mockPlacement.find((p) => p.operation === c.operation)!;
  let body = withField(incentivesBody(c.operation), c.field, "F0000");
  for (const [field, value] of Object.entries(placement.requires ?? {})) body = withField(body, field, value);
  const response = await postIncentives({ operation: c.operation, body, format: "json" });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: "SUCCESS" });
}

/** Asserts that one documented Amazon Pay reason code is answered with its status and `{ reasonCode, message }`. */
export async function expectAmazonPayError(c: { sandbox: Sandbox; id: string; operation: string; code: string; httpStatus: number; message: string }): Promise<void> {
  c.sandbox.enqueue(c.operation, { kind: "error", code: c.code });
  const response = await callAmazonPay({ sandbox: c.sandbox, operation: c.operation, body: {} });
  expect(response.status).toBe(c.sandbox.config.amazonPay.statusOverrides[c.code] ?? c.httpStatus);
  expect(await response.json()).toEqual({ reasonCode: c.code, message: c.message });
  expect(c.sandbox.journal.entries.at(-1)).toMatchObject({ api: "amazon-pay", operation: c.operation, response: { code: c.code, by: "fault" } });
}
