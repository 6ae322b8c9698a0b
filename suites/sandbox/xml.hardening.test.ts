import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../../generated/sandbox.js";
import { startSandboxServer } from "./server.js";
import { readAnswer, sendIncentives } from "./test-support/answers.js";

/*
 * XML bombs, external entities, DOCTYPE payloads, deep nesting and huge
 * bodies sent to every Incentives operation as an XML client sends them:
 * each is refused with the documented InvalidRequestInput answer, in XML,
 * fast (median under 100 ms after a warm-up), without expanding anything,
 * without fetching anything, and without blowing the process's memory.
 *
 * incentives/engine.test.ts already covers billion laughs, XXE, DOCTYPE,
 * 3 000-deep XML and 30 000-deep JSON on CreateGiftCard with JSON answers,
 * and the body limit; these add every operation, XML answers, external
 * fetches, parameter entities, deeper and unbalanced nesting, a median time
 * and the memory bound.
 */

// Requests made by hand, not signed: signatures are proven in suites/sandbox/*/signature.test.ts.
const sandbox = createSandbox({ config: { verifySignatures: false, incentives: { throttling: false } } });
let server: ReturnType<typeof startSandboxServer>;
let witness: Server;
let witnessUrl = "";
let connections = 0;
beforeAll(async () => {
  // An external entity that could be fetched would reach this server.
  witness = createServer((_request, response) => response.end('<!ENTITY x "FETCHED">'));
  witness.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => witness.listen(0, "127.0.0.1", resolve));
  witnessUrl = `http://127.0.0.1:${(witness.address() as AddressInfo).port}/x.dtd`;
  server = startSandboxServer(sandbox);
});
afterAll(async () => {
  server.close();
  await new Promise<void>((resolve) => witness.close(() => resolve()));
});

/** The text an expansion or a fetch would put in the answer: none of it may appear. */
const passwd = existsSync("/etc/passwd") ? readFileSync("/etc/passwd", "utf8").split("\n")[0]! : "root:x:0:0";
const EXPANDED = ["lollollol", "FETCHED", passwd, "root:x:0"];

const laughs = (root: string) =>
  [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    "]>",
    `<${root}><partnerId>&lol9;</partnerId></${root}>`,
  ].join("\n");

/** One large entity used many times: quadratic, no nesting for a depth limit to catch. */
const quadratic = (root: string) => `<!DOCTYPE r [<!ENTITY a "${"lol".repeat(10_000)}">]><${root}><partnerId>${"&a;".repeat(5_000)}</partnerId></${root}>`;

const PAYLOADS: readonly (readonly [string, (root: string) => string])[] = [
  ["billion laughs", laughs],
  ["quadratic blowup", quadratic],
  ["an external entity on file:///etc/passwd (XXE)", (root) => `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><${root}><partnerId>&xxe;</partnerId></${root}>`],
  ["an external entity over HTTP", (root) => `<!DOCTYPE r [<!ENTITY ext SYSTEM "${witnessUrl}">]><${root}><partnerId>&ext;</partnerId></${root}>`],
  ["an external parameter entity (out-of-band XXE)", (root) => `<!DOCTYPE r [<!ENTITY % dtd SYSTEM "${witnessUrl}"> %dtd;]><${root}><partnerId>&x;</partnerId></${root}>`],
  ["an external DTD", (root) => `<!DOCTYPE ${root} SYSTEM "${witnessUrl}"><${root}><partnerId>Fproo</partnerId></${root}>`],
  ["a lower-case doctype", (root) => `<!doctype ${root}><${root}><partnerId>Fproo</partnerId></${root}>`],
  ["nesting 9 000 deep, balanced", (root) => `<${root}>${"<a>".repeat(9_000)}${"</a>".repeat(9_000)}</${root}>`],
  ["nesting 20 000 deep, never closed", (root) => `<${root}>${"<a>".repeat(20_000)}`],
  ["60 000 unmatched '<'", (root) => `<${root}>${"<".repeat(60_000)}</${root}>`],
];

const OPERATIONS = sandbox.incentives.model.operations.map((op) => op.id);
const config = sandbox.config.incentives;

/** What the documents say the sandbox answers to a body it cannot read: InvalidRequestInput (F200), in the operation's XML shape. */
function documented(operation: string): { root: string; body: Record<string, unknown> } {
  const family = sandbox.incentives.model.operations.find((op) => op.id === operation)?.family;
  const row = sandbox.incentives.errors.row(operation, "InvalidRequestInput");
  if (family === "balance-load") return { root: config.xmlErrorRoot.balanceLoad, body: { errorCode: "F200", errorType: "InvalidRequestInput", errorMessage: row.message, status: "FAILURE" } };
  return { root: config.xmlErrorRoot.validation, body: { errorType: "InvalidRequestInput", agcodResponse: { status: "FAILURE" }, errorCode: "F200", Message: row.message } };
}

const XML = { accept: "application/xml", "content-type": "application/xml" };

async function timed(operation: string, body: string | ReadableStream<Uint8Array>): Promise<{ ms: number; status: number; text: string; response: Response }> {
  const started = performance.now();
  const response = await sendIncentives({ operation, body, headers: XML, signal: AbortSignal.timeout(5_000) });
  const text = await response.clone().text();
  return { ms: performance.now() - started, status: response.status, text, response };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("hostile XML to every Incentives operation", () => {
  const heapBefore = process.memoryUsage().heapUsed;

  it.each(PAYLOADS)("%s: the documented InvalidRequestInput, in XML, in under 100 ms, nothing expanded or fetched", async (_name, payload) => {
    // A warm-up, so the first request's JIT and module loading do not count.
    await timed("CreateGiftCard", payload("CreateGiftCardRequest"));
    const times: number[] = [];
    for (const operation of OPERATIONS) {
      const body = payload(`${operation}Request`);
      const answer = await timed(operation, body);
      times.push(answer.ms);
      const read = await readAnswer(answer.response);
      const want = documented(operation);
      expect({ operation, status: read.status, format: read.format, root: read.root, body: read.body }).toEqual({ operation, status: config.errorStatus.F200, format: "xml", root: want.root, body: want.body });
      for (const text of EXPANDED) expect(answer.text).not.toContain(text);
      expect(sandbox.journal.entries.at(-1)).toMatchObject({ operation, response: { code: "InvalidRequestInput", by: "sandbox" } });
      expect(sandbox.journal.entries.at(-1)?.body).toBeUndefined();
    }
    expect(connections).toBe(0);
    expect(median(times), times.map((t) => t.toFixed(1)).join(", ")).toBeLessThan(100);
  });

  it("a streamed body far over the limit is refused after reading about the limit, in XML", async () => {
    const times: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      let pulled = 0;
      const chunk = new TextEncoder().encode(`<a>${"x".repeat(16 * 1024)}</a>`);
      const endless = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode("<CreateGiftCardRequest>")),
        pull: (controller) => {
          pulled += chunk.byteLength;
          if (pulled > 512 * 1024 * 1024) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const answer = await timed("CreateGiftCard", endless);
      const read = await readAnswer(answer.response);
      expect({ root: read.root, body: read.body }).toEqual(documented("CreateGiftCard"));
      expect(pulled).toBeLessThan(config.maxBodyBytes * 4);
      // The first is the warm-up.
      if (run > 0) times.push(answer.ms);
    }
    expect(median(times), times.map((t) => t.toFixed(1)).join(", ")).toBeLessThan(100);
  });

  it("leaves the heap about where it was: nothing was expanded in memory", () => {
    // Nine levels of ten would be 3 GB of "lol"; the quadratic one 150 MB. A bounded parse needs a few MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
});
