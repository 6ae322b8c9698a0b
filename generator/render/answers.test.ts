import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { startSandboxServer } from "../../suites/sandbox/server.js";
import { packageRoot } from "../package-root.js";
import { loadBundled } from "../spec/test-support/bundled-spec.js";
import { answerSamples, renderSample, type AnswerSample, type SampleAnswer, type SampleCase } from "./answers-view.js";
import { sandboxView } from "./sandbox-view.js";

// generated/ANSWERS.md is built without a sandbox (generate is synchronous); here every
// sample's request goes to a real one, and the page must show what it answered.
const catalogue = loadBundled();
const view = sandboxView(catalogue);
const samples = answerSamples({ catalogue, incentivesModel: view.incentivesModel, amazonPayModel: view.amazonPayModel });
const all: readonly AnswerSample[] = [...samples.incentives, ...samples.amazonPay, ...samples.both];
const page = readFileSync(join(packageRoot, "generated", "ANSWERS.md"), "utf8");

const pending = Symbol("pending");
const settled = <T,>(promise: Promise<T>, ms: number): Promise<T | typeof pending> => Promise.race([promise, new Promise<typeof pending>((resolve) => setTimeout(() => resolve(pending), ms))]);

/** What a fresh sandbox answers the case's request (sent `times` times), as the page records it. */
async function ask(c: SampleCase): Promise<{ answer: SampleAnswer; journalStatus: number | undefined }> {
  const { request } = c;
  const sandbox = createSandbox({ config: { verifySignatures: false } });
  if (request.faults.length > 0) sandbox.enqueue(request.operation, ...request.faults);
  const controller = new AbortController();
  const send = () => {
    const answered = sandbox.answer(new Request(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller.signal }));
    if (!answered) throw new Error(`the sandbox does not serve ${request.url}`);
    return answered;
  };
  for (let i = 0; i < request.times - 1; i += 1) await send();
  const last = send();
  if (c.answer.kind === "no-response" && c.answer.fault === "hang") {
    // Nothing comes until the client gives up.
    expect(await settled(last, 50)).toBe(pending);
    controller.abort();
  }
  const response = await last;
  const journalStatus = sandbox.journal.entries.at(-1)?.response.status;
  if (response.type === "error") return { answer: { kind: "no-response", fault: c.answer.kind === "no-response" ? c.answer.fault : "network-error" }, journalStatus };
  const answer: SampleAnswer = { kind: "response", status: response.status, contentType: response.headers.get("content-type") ?? "", retryAfter: response.headers.get("retry-after"), body: await response.text() };
  return { answer, journalStatus };
}

describe("generated/ANSWERS.md shows what the sandbox answers", () => {
  const cases = all.flatMap((sample) => sample.cases.map((c, index) => [`${sample.id} #${index + 1} (${c.request.api} ${c.request.operation})`, sample, c] as const));

  it.each(cases)("%s", async (_name, sample, c) => {
    const { answer, journalStatus } = await ask(c);
    expect(answer).toEqual(c.answer);
    if (answer.kind === "no-response") expect(journalStatus).toBe(0);
    // The page prints the answer the sandbox gave, under the sample's heading.
    const [block] = renderSample({ ...sample, cases: [{ request: c.request, answer }] }).blocks;
    const section = page.slice(page.indexOf(`\n### ${sample.title}\n`));
    expect(page).toContain(`\n### ${sample.title}\n`);
    expect(section.slice(0, section.indexOf("\nSource: "))).toContain(block!.hasBody ? `${block!.statusLine}\n\n\`\`\`${block!.language}\n${block!.display}\n\`\`\`\n` : `${block!.statusLine}\n`);
  });

  it("shows every kind the page promises, with its source", () => {
    expect(all.map((sample) => sample.id)).toEqual([
      "incentives-success",
      "incentives-error",
      "incentives-resend",
      "incentives-throttled-json",
      "incentives-throttled-xml",
      "amazon-pay-success",
      "amazon-pay-error",
      "amazon-pay-throttled",
      "gateway-page",
      "network-error",
      "timeout",
    ]);
    for (const sample of all) expect(page).toContain(`### ${sample.title}\n\nHow: ${sample.how}.\n`);
    for (const sample of all) expect(page).toContain(`Source: ${sample.source}.\n`);
    // The shared answers are the same on both APIs.
    for (const sample of samples.both) expect(sample.cases.map((c) => c.request.api)).toEqual(["incentives", "amazon-pay"]);
    expect(page).toContain('"status": "RESEND"');
    expect(page).toContain("<ThrottlingException>");
    expect(page).toContain("`retry-after: 30`");
  });
});

describe("what a client sees when no answer comes", () => {
  const sandbox = createSandbox({ config: { verifySignatures: false } });
  let server: ReturnType<typeof startSandboxServer>;
  beforeAll(() => {
    server = startSandboxServer(sandbox);
  });
  afterAll(() => server.close());
  const request = samples.both.find((sample) => sample.id === "network-error")!.cases[0]!.request;
  const send = (signal?: AbortSignal) => fetch(request.url, { method: request.method, headers: request.headers, body: request.body, ...(signal ? { signal } : {}) });

  it("a network error: fetch rejects with a TypeError", async () => {
    sandbox.enqueue(request.operation, { kind: "network-error" });
    await expect(send()).rejects.toBeInstanceOf(TypeError);
  });

  it("a hang: fetch rejects with the signal's reason, AbortError or TimeoutError", async () => {
    sandbox.enqueue(request.operation, { kind: "hang" }, { kind: "hang" });
    const controller = new AbortController();
    const aborted = send(controller.signal);
    expect(await settled(aborted, 50)).toBe(pending);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    await expect(send(AbortSignal.timeout(50))).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
