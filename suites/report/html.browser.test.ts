import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "./html.js";
import { MISHANDLED_KEY, fixtureReport } from "./test-support/report-fixture.js";

/**
 * The HTML report as a person sees it: written to a file, opened from file://
 * in a real headless Chromium (Debian's), checked through the DOM, and
 * photographed. Set REPORT_SCREENSHOT=/some/path.png to keep the picture.
 */

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const report = fixtureReport();
let browser: Browser | undefined;
let page: Page;
let dir: string;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the HTML report's browser test needs Chromium at ${CHROMIUM}, and it is missing. Install it (as root) with: apt-get update && apt-get install -y chromium`);
  }
  dir = mkdtempSync(join(tmpdir(), "faultproof-html-"));
  const file = join(dir, "report.html");
  writeFileSync(file, renderHtml(report));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the HTML report in headless Chromium", () => {
  it("opens offline: the page asks for nothing but itself, and nothing complains", () => {
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^file:\/\/.*\/report\.html$/);
    expect(problems).toEqual([]);
  });

  it.each(["amazon-pay", "incentives"] as const)("shows one status cell per %s result", async (api) => {
    const expected = report.results.filter((result) => result.api === api).length;
    await expect(page.locator(`table[data-api="${api}"] td[data-status]`).count()).resolves.toBe(expected);
  });

  it("shows the score", async () => {
    const summary = page.locator("[data-score]");
    await expect(summary.getAttribute("data-score")).resolves.toBe(String(report.score));
    await expect(summary.locator(".score-value").innerText()).resolves.toBe("66.7%");
  });

  it("shows the mishandled cell as mishandled, styled apart, linking to details that exist", async () => {
    const result = report.results.find((r) => r.key === MISHANDLED_KEY);
    const cell = page.locator(`td[data-api="${result?.api}"][data-failure="${result?.failureId}"][data-operation="${result?.operation}"]`);
    await expect(cell.getAttribute("data-status")).resolves.toBe("mishandled");
    await expect(cell.innerText()).resolves.toBe("✗");
    const handledCell = page.locator('td[data-status="handled"]').first();
    // The callback runs in the page (so it can close over nothing); this project's TypeScript has no DOM library, so it names what it uses.
    const background = (locator: typeof cell) =>
      locator.evaluate((element) => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor);
    expect(await background(cell)).not.toBe(await background(handledCell));

    const href = await cell.locator("a").getAttribute("href");
    expect(href).toMatch(/^#.+/);
    const target = page.locator(`[id="${href?.slice(1)}"]`);
    await expect(target.count()).resolves.toBe(1);
    await expect(target.getAttribute("data-key")).resolves.toBe(MISHANDLED_KEY);
    await cell.locator("a").click();
    expect(new URL(page.url()).hash).toBe(href);
    await expect(target.locator("pre.replay").innerText()).resolves.toBe(result?.replay);
    await expect(target.isVisible()).resolves.toBe(true);
  });

  it("takes a full-page screenshot", async () => {
    const path = process.env.REPORT_SCREENSHOT ?? join(dir, "report.png");
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(10_000);
    expect(readFileSync(path).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});
