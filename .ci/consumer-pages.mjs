/* global process, console */
// Pages written for the consumer test, served on 127.0.0.1: the layouts faultproof reads
// (generator/sources/test-support/pages/), filled from the installed package's own spec so
// that they agree with it, then one new Incentives code and one reworded Amazon Pay message.
// No copy of Amazon's pages: every row and sentence comes from faultproof's spec.
//
// Usage (in the team's project, after installing faultproof): node consumer-pages.mjs
// Prints the server's address on its first line; serves /incentives and /amazon-pay.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { parse } from "yaml";

const root = join(process.cwd(), "node_modules", "faultproof");
const files = [];
const visit = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) visit(full);
    else if (name.endsWith(".yaml")) files.push(parse(readFileSync(full, "utf8")));
  }
};
visit(join(root, "spec"));
const { FLOW_SENTENCES } = await import(join(root, "dist", "cli", "sync", "flow-sentences.js"));

/** Every section cited from `doc` and every sentence quoted from it, by the spec and by the flows. */
function citedLines(doc) {
  const lines = new Set();
  const visitNode = (node, inherited) => {
    if (Array.isArray(node)) return node.forEach((item) => visitNode(item, inherited));
    if (node === null || typeof node !== "object") return;
    if (typeof node.doc === "string" && typeof node.section === "string" && node.doc === doc) lines.add(node.section);
    const source = node.source && typeof node.source.doc === "string" ? node.source : inherited;
    if (Array.isArray(node.enforces)) for (const sentence of node.enforces) if ((sentence.source ?? source)?.doc === doc) lines.add(sentence.quote);
    for (const value of Object.values(node)) visitNode(value, source);
  };
  files.forEach((file) => visitNode(file, undefined));
  for (const sentence of FLOW_SENTENCES) if (sentence.doc === doc) lines.add(sentence.section).add(sentence.quote);
  return [...lines];
}

const errors = files.flatMap((file) => (file.errors ?? []).map((entry) => ({ api: file.api, ...entry })));
const rowsIn = (doc, section) => errors.filter((entry) => entry.source.doc === doc && entry.source.section === section && entry.removedFromPage !== true);

function incentivesPage() {
  const table = (section, header, row) => [section, header, header.replace(/[^|]+\|/g, "---|"), ...rowsIn("003", section).map(row)];
  const withNew = (section) => {
    const lines = table(section, "Error | Message | Mock Error ID |", (e) => `${e.code} |\n${e.message} | Mock: ${e.mockCode} |`);
    // The new code the test expects sync to find.
    return section.startsWith("F200") ? [...lines, "CardExpired |\nThe card has expired | Mock: F2049 |"] : lines;
  };
  const throttled = rowsIn("003", "Throttled")[0];
  return [
    "Errors and Mock Errors",
    ...citedLines("003").filter((line) => !/^(F[1-3]00 - |Other Endpoint Errors$|Throttled$)/.test(line)),
    ...table("F100 - System Errors", "Mock Error Request ID = F1000 |", (e) => `${e.code} |`),
    ...withNew("F200 - Partner Input Errors"),
    ...withNew("F300 - Partner Account/Access/Onboarding Errors"),
    ...table("Other Endpoint Errors", "Error Type | Description | Error Code / Mock |", (e) => `${e.code} |\n${e.message} | ${e.errorClass} / ${e.mockCode} |`),
    "Throttled",
    `<${throttled.code}>`,
    `<Message>${throttled.message}</Message>`,
    `</${throttled.code}>`,
    "",
  ].join("\n");
}

function amazonPayPage() {
  const rows = rowsIn("000", "Error codes").map((e) => {
    // The reworded message the test expects sync to find.
    const message = e.code === "ResourceNotFound" ? "The requested resource could not be found" : e.message;
    return [`${e.httpStatus} ${e.statusText}`, e.code, message, ...(e.details ?? []).flatMap((detail) => ["", detail])].join("\n");
  });
  const cited = citedLines("000").filter((line) => line !== "Error codes" && line !== "Retrying errors");
  return ["Manage errors", ...cited, "Error codes", "HTTP status code", "Reason code", "Description", ...rows, "Retrying errors", ""].join("\n");
}

const pages = { "/incentives": incentivesPage(), "/amazon-pay": amazonPayPage() };
const server = createServer((request, response) => {
  const page = pages[request.url ?? ""];
  response.writeHead(page ? 200 : 404, { "content-type": "text/plain; charset=utf-8" });
  response.end(page ?? "not found");
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
