import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edit, PAGES } from "../../generator/sources/test-support/pages.js";
import { pageAsHtml, testSpecDir } from "../../generator/sync/test-support/test-spec.js";
import { EXIT, runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";
import { MAX_REDIRECTS } from "./fetch-page.js";

/*
 * `faultproof sync <url>` and `sync --all`, on the small test pages served by
 * an HTTP server on 127.0.0.1 (never the network), against copies of the small
 * test spec (generator/sync/test-support/spec/).
 */

const editedIncentives = () => {
  let text = PAGES.incentives;
  text = edit(text, "Amount must be larger than 0 |", "Amount must be larger than zero |");
  text = edit(text, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nBrandNotAllowed |\nThe brand is not allowed for this partner | Mock: F2049 |\n");
  return edit(text, "InvalidDateFormat |\nInvalid Date Format | Mock: F2032 |\n", "");
};

const pages: Record<string, { type?: string; body: string }> = {
  "/000.txt": { type: "text/plain; charset=utf-8", body: PAGES.payErrors },
  "/002.txt": { type: "text/plain; charset=utf-8", body: PAGES.payFaq },
  "/003.txt": { type: "text/plain; charset=utf-8", body: PAGES.incentives },
  "/003.html": { type: "text/html; charset=utf-8", body: pageAsHtml(PAGES.incentives) },
  "/003-edited.html": { type: "text/html", body: pageAsHtml(editedIncentives()) },
  "/notes.html": { type: "text/html", body: "<html><body><h1>Notes</h1><p>Nothing about Amazon here.</p></body></html>" },
  "/file.pdf": { type: "application/pdf", body: "%PDF-1.7" },
  "/untyped": { body: PAGES.incentives },
};

let server: Server;
let base = "";
const work = mkdtempSync(join(tmpdir(), "faultproof-sync-url-"));

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    const page = pages[path];
    if (page) {
      response.writeHead(200, page.type ? { "content-type": page.type } : {});
      response.end(page.body);
    } else if (path === "/slow") {
      // Never answers: the client's timeout must end it.
    } else if (path === "/moved") {
      response.writeHead(301, { location: "/003.html" }).end();
    } else if (path === "/loop-a" || path === "/loop-b") {
      response.writeHead(302, { location: path === "/loop-a" ? "/loop-b" : "/loop-a" }).end();
    } else if (path.startsWith("/chain/")) {
      response.writeHead(302, { location: `/chain/${Number(path.slice("/chain/".length)) + 1}` }).end();
    } else if (path === "/broken") {
      response.writeHead(500, { "content-type": "text/html" }).end("<p>oops</p>");
    } else {
      response.writeHead(404, { "content-type": "text/html" }).end("<p>not here</p>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

let copies = 0;
/** A copy of the test spec; `urls` replaces the address of the documents named. */
function specCopy(urls: Record<string, string | null> = {}): string {
  const dir = join(work, `copy-${(copies += 1)}`, "spec");
  cpSync(testSpecDir, dir, { recursive: true });
  let sources = readFileSync(join(dir, "sources.yaml"), "utf8");
  for (const [id, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(  - id: "${id}"\\n    title: [^\\n]*\\n)    url: [^\\n]*\\n`);
    expect(sources).toMatch(pattern);
    sources = sources.replace(pattern, url === null ? "$1" : `$1    url: ${url}\n`);
  }
  writeFileSync(join(dir, "sources.yaml"), sources);
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), "utf8")]),
  );
}

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await runCli({ ...io, argv, cwd: work });
  return { code, out: io.out(), err: io.err() };
}

describe("faultproof sync <url>", () => {
  it("--check on a page fetched from its address: exit 0 when it agrees, 1 when it differs, writing nothing", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    expect(await cli("sync", "--check", `${base}/003.txt`, "--spec-dir", spec)).toEqual({
      code: EXIT.ok,
      out: `spec agrees with ${base}/003.txt (Amazon Incentives API — Errors and Mock Errors, doc 003); nothing to write\n`,
      err: "",
    });
    // HTML, reached through a redirect: its text form is read, and its digest is not the text's.
    const html = await cli("sync", "--check", `${base}/moved`, "--spec-dir", spec);
    expect(html).toMatchObject({ code: EXIT.ok, err: "" });
    expect(html.out).toMatch(/; nothing to write\nnote: the page is sha256:[0-9a-f]{12}, but its digest was .*`faultproof sync http:\/\/127\.0\.0\.1:\d+\/moved` records its digest\n$/);

    const differs = await cli("sync", "--check", `${base}/003-edited.html`, "--spec-dir", spec);
    expect(differs.code).toBe(EXIT.invalid);
    expect(differs.out.split("\n")).toEqual([
      `spec disagrees with ${base}/003-edited.html (Amazon Incentives API — Errors and Mock Errors, doc 003): 3 changes`,
      expect.stringMatching(/^ {2}~ f2004-invalid-amount-value: message /),
      expect.stringMatching(/^ {2}\+ f2049-brand-not-allowed: new BrandNotAllowed \(mock F2049\)/),
      expect.stringMatching(/^ {2}- f2032-invalid-date-format: /),
      "",
    ]);
    expect(differs.err).toBe(`faultproof: the spec is out of date with ${base}/003-edited.html; run \`faultproof sync ${base}/003-edited.html\` and review the changes\n`);
    expect(snapshot(spec)).toEqual(before);
  });

  it("without --check syncs from the fetched page as from a saved one", async () => {
    const spec = specCopy();
    const result = await cli("sync", `${base}/003-edited.html`, "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.ok, err: "" });
    expect(result.out).toMatch(new RegExp(`^synced ${base.replace(/\./g, "\\.")}/003-edited\\.html \\(Amazon Incentives API — Errors and Mock Errors, doc 003\\): 3 changes\\n`));
    expect(result.out).toContain("wrote spec/incentives/errors-gift-card.yaml, spec/sources.yaml\n");
    expect(readFileSync(join(spec, "incentives/errors-gift-card.yaml"), "utf8")).toContain("BrandNotAllowed");
    expect(await cli("sync", "--check", `${base}/003-edited.html`, "--spec-dir", spec)).toEqual({ code: EXIT.ok, out: expect.stringMatching(/; nothing to write\n$/), err: "" });
  });

  it("exits 2 with one line naming the address on a timeout, a redirect loop, too many redirects, a non-page answer, an HTTP error or an unknown page", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    const cases: [string, string[], string][] = [
      ["/slow", ["--timeout", "0.3"], "no answer within 0.3 s"],
      ["/loop-a", [], `redirect loop (${base}/loop-a → ${base}/loop-b → ${base}/loop-a)`],
      ["/chain/0", [], `more than ${MAX_REDIRECTS} redirects (the last to ${base}/chain/${MAX_REDIRECTS + 1})`],
      ["/file.pdf", [], "the answer is application/pdf, not an HTML or text page"],
      ["/untyped", [], "the answer has no content type, so it is not known to be an HTML or text page"],
      ["/gone", [], "HTTP 404 Not Found"],
      ["/broken", [], "HTTP 500 Internal Server Error"],
    ];
    for (const [path, flags, reason] of cases) {
      for (const check of [["--check"], []]) {
        expect(await cli("sync", ...check, `${base}${path}`, ...flags, "--spec-dir", spec)).toEqual({ code: EXIT.usage, out: "", err: `faultproof: cannot read the page ${base}${path}: ${reason}\n` });
      }
    }
    expect(await cli("sync", "--check", `${base}/notes.html`, "--spec-dir", spec)).toEqual({
      code: EXIT.usage,
      out: "",
      err: expect.stringMatching(new RegExp(`^faultproof: ${base.replace(/\./g, "\\.")}/notes\\.html is not a page faultproof can sync: no error table of .* found in it\\n$`)),
    });
    // A port nothing listens on any more: refused at once.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await cli("sync", "--check", `http://127.0.0.1:${port}/x.html`, "--spec-dir", spec)).toEqual({
      code: EXIT.usage,
      out: "",
      err: `faultproof: cannot read the page http://127.0.0.1:${port}/x.html: connection refused\n`,
    });
    expect(snapshot(spec)).toEqual(before);
  });

  it("refuses a bad --timeout, a page with --all, and neither", async () => {
    expect(await cli("sync", "--check", `${base}/003.txt`, "--timeout", "soon")).toEqual({ code: EXIT.usage, out: "", err: 'faultproof: --timeout takes a number of seconds greater than 0, not "soon"\n' });
    expect(await cli("sync", "--check", "--all", `${base}/003.txt`)).toEqual({ code: EXIT.usage, out: "", err: "faultproof: give a page or --all, not both\n" });
    expect(await cli("sync", "--check")).toMatchObject({ code: EXIT.usage, err: expect.stringContaining("missing required argument 'page'") });
  });
});

describe("faultproof sync --check --all", () => {
  // The test FAQ page lacks the sentences the flows quote from the real one, so doc 002 is left without an address.
  it("checks every page spec/sources.yaml gives an address for, skipping one without, and opens with a summary", async () => {
    const spec = specCopy({ "000": `${base}/000.txt`, "002": null, "003": `${base}/003.txt` });
    const before = snapshot(spec);
    const result = await cli("sync", "--check", "--all", "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.ok, err: "" });
    expect(result.out.split("\n").slice(0, 6)).toEqual([
      "faultproof sync --check --all: 2 pages checked; the spec agrees with every page",
      "  ok doc 000 (Amazon Pay — Manage errors): agrees",
      "  skipped doc 002 (Amazon Pay — Frequently asked questions): spec/sources.yaml gives it no url",
      "  ok doc 003 (Amazon Incentives API — Errors and Mock Errors): agrees",
      "  skipped doc notes (Notes written for the tests (what the pages do not say)): spec/sources.yaml gives it no url",
      "",
    ]);
    expect(result.out).toContain(`--- ${base}/003.txt\nspec agrees with ${base}/003.txt (Amazon Incentives API — Errors and Mock Errors, doc 003); nothing to write\n`);
    expect(snapshot(spec)).toEqual(before);
  });

  it("skips, and says so, a cited page that no reader of faultproof reads: its quotes are not checked, and nothing is fetched", async () => {
    const spec = specCopy({ "000": `${base}/000.txt`, "002": null, "003": `${base}/003.txt` });
    const sources = join(spec, "sources.yaml");
    // The address is one this test's server does not serve: fetching it would fail the run.
    writeFileSync(sources, readFileSync(sources, "utf8").replace("sources:\n", `sources:\n  - id: "004"\n    title: A page written for no reader\n    url: ${base}/not-served\n`));
    const result = await cli("sync", "--check", "--all", "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.ok, err: "" });
    expect(result.out.split("\n").slice(0, 2)).toEqual([
      "faultproof sync --check --all: 2 pages checked; the spec agrees with every page",
      "  skipped doc 004 (A page written for no reader): faultproof has no reader for this page yet, so the sentences the spec quotes from it are not checked",
    ]);
  });

  it("exits 1 when a page differs and 2 when one cannot be read, checking the others and saying what changed first", async () => {
    const spec = specCopy({ "000": `${base}/gone`, "002": null, "003": `${base}/003-edited.html` });
    const before = snapshot(spec);
    const result = await cli("sync", "--check", "--all", "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.usage, err: "" });
    expect(result.out.split("\n").slice(0, 6)).toEqual([
      "faultproof sync --check --all: 2 pages checked; a page could not be read",
      "  FAILED doc 000 (Amazon Pay — Manage errors): cannot read the page: HTTP 404 Not Found",
      "  skipped doc 002 (Amazon Pay — Frequently asked questions): spec/sources.yaml gives it no url",
      "  DIFFERS doc 003 (Amazon Incentives API — Errors and Mock Errors): 3 changes (1 new, 1 changed, 1 removed from the page)",
      "  skipped doc notes (Notes written for the tests (what the pages do not say)): spec/sources.yaml gives it no url",
      "",
    ]);
    expect(result.out).toContain(`--- ${base}/gone\nfaultproof: cannot read the page ${base}/gone: HTTP 404 Not Found\n`);
    expect(result.out).toMatch(/ {2}\+ f2049-brand-not-allowed: new BrandNotAllowed/);

    const differsOnly = specCopy({ "000": `${base}/000.txt`, "002": null, "003": `${base}/003-edited.html` });
    const checked = await cli("sync", "--check", "--all", "--spec-dir", differsOnly);
    expect(checked.code).toBe(EXIT.invalid);
    expect(checked.out).toMatch(/^faultproof sync --check --all: 2 pages checked; the spec is out of date\n/);
    expect(snapshot(spec)).toEqual(before);
  });

  it("without --check syncs every page, and then the check passes", async () => {
    const spec = specCopy({ "000": `${base}/000.txt`, "002": null, "003": `${base}/003-edited.html` });
    const result = await cli("sync", "--all", "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.ok, err: "" });
    expect(result.out).toMatch(/^faultproof sync --all: 2 pages synced; the spec agrees with every page\n {2}ok doc 000 .*: agrees\n {2}skipped doc 002 .*\n {2}ok doc 003 .*: synced 3 changes \(1 new, 1 changed, 1 removed from the page\)\n/);
    expect(readFileSync(join(spec, "incentives/errors-gift-card.yaml"), "utf8")).toContain("BrandNotAllowed");
    expect((await cli("sync", "--check", "--all", "--spec-dir", spec)).code).toBe(EXIT.ok);
  });

  it("refuses a page whose content is another document than the one spec/sources.yaml names at its address", async () => {
    const spec = specCopy({ "003": `${base}/000.txt` });
    expect(await cli("sync", "--check", `${base}/000.txt`, "--spec-dir", spec)).toEqual({
      code: EXIT.usage,
      out: "",
      err: `faultproof: ${base}/000.txt reads as "Amazon Pay — Manage errors", which spec/sources.yaml names as document 000 (https://developer.amazon.com/docs/amazon-pay-api-v2/error-handling.html), not 003\n`,
    });
  });
});
