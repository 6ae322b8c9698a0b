import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { edit, PAGES } from "../../generator/sources/test-support/pages.js";
import { htmlToText } from "../../generator/sync/html-to-text.js";
import { pageDigest } from "../../generator/sync/page-digest.js";
import { pageAsHtml, testSpecDir } from "../../generator/sync/test-support/test-spec.js";
import { EXIT, runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";
import { FLOW_SENTENCES } from "./flow-sentences.js";
import { writeAllOrNothing } from "./write-all-or-nothing.js";

/*
 * The command around syncPage, on the small spec and pages written for the
 * tests (generator/sync/test-support/spec/, generator/sources/test-support/pages/).
 */

const work = mkdtempSync(join(tmpdir(), "faultproof-sync-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
/** A copy of the test spec in a folder of its own. */
function specCopy(): string {
  const dir = join(work, `copy-${(copies += 1)}`, "spec");
  cpSync(testSpecDir, dir, { recursive: true });
  return dir;
}

function page(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** Every file under `dir` with its text, to show nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else files[relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  visit(dir);
  return files;
}

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await runCli({ ...io, argv, cwd: work });
  return { code, out: io.out(), err: io.err() };
}

const editedIncentives = () => {
  let text = PAGES.incentives;
  text = edit(text, "Amount must be larger than 0 |", "Amount must be larger than zero |");
  text = edit(text, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nBrandNotAllowed |\nThe brand is not allowed for this partner | Mock: F2049 |\n");
  return edit(text, "InvalidDateFormat |\nInvalid Date Format | Mock: F2032 |\n", "");
};

describe("faultproof sync", () => {
  it("exits 0 and writes nothing when the page agrees with the spec", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    for (const [name, text] of [["003.txt", PAGES.incentives], ["000.txt", PAGES.payErrors]] as const) {
      const file = page(name, text);
      expect(await cli("sync", file, "--check", "--spec-dir", spec)).toEqual({ code: EXIT.ok, out: expect.stringMatching(/^spec agrees with .*; nothing to write\n$/), err: "" });
      expect(await cli("sync", name, "--spec-dir", spec)).toMatchObject({ code: EXIT.ok, err: "" });
    }
    expect(snapshot(spec)).toEqual(before);
  });

  it("with --check says when the page changed in ways the spec does not track, exits 0, and sync records its digest", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    const html = page("000.html", pageAsHtml(PAGES.payErrors));
    const checked = await cli("sync", html, "--check", "--spec-dir", spec);
    expect(checked).toMatchObject({ code: EXIT.ok, err: "" });
    expect(checked.out.split("\n")).toEqual([
      expect.stringMatching(/^spec agrees with .*000\.html \(Amazon Pay — Manage errors, doc 000\); nothing to write$/),
      expect.stringMatching(/^note: the page is sha256:[0-9a-f]{12}, but its digest was sha256:[0-9a-f]{12} when the spec was last synced: it changed in ways the spec does not track \(or was saved in another form\); `faultproof sync .*000\.html` records its digest$/),
      "",
    ]);
    expect(snapshot(spec)).toEqual(before);

    const synced = await cli("sync", html, "--spec-dir", spec);
    expect(synced).toMatchObject({ code: EXIT.ok, err: "" });
    expect(synced.out).toMatch(/^spec agrees with .*; recorded the page's digest sha256:[0-9a-f]{12}\nwrote spec\/sources\.yaml\n$/);
    expect(readFileSync(join(spec, "sources.yaml"), "utf8")).toContain(`    digest: ${pageDigest(htmlToText(readFileSync(html, "utf8")))}\n`);
    expect(await cli("sync", html, "--check", "--spec-dir", spec)).toEqual({ code: EXIT.ok, out: expect.stringMatching(/; nothing to write\n$/), err: "" });
  });

  it("with --check exits 1 on a page the spec disagrees with, lists the changes and writes nothing", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    const result = await cli("sync", page("edited-003.txt", editedIncentives()), "--check", "--spec-dir", spec);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.out.split("\n")).toEqual([
      expect.stringMatching(/^spec disagrees with .*edited-003\.txt \(Amazon Incentives API — Errors and Mock Errors, doc 003\): 3 changes$/),
      expect.stringMatching(/^ {2}~ f2004-invalid-amount-value: message /),
      expect.stringMatching(/^ {2}\+ f2049-brand-not-allowed: new BrandNotAllowed \(mock F2049\)/),
      expect.stringMatching(/^ {2}- f2032-invalid-date-format: /),
      "",
    ]);
    expect(result.err).toMatch(/^faultproof: the spec is out of date with .*edited-003\.txt; run `faultproof sync .*` and review the changes\n$/);
    expect(snapshot(spec)).toEqual(before);
  });

  it("with --check exits 1, naming file:line:field, on a page that no longer has a sentence the spec quotes", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    const reworded = edit(PAGES.incentives, "Do not retry a throttled request at once: wait, then retry.", "Retry a throttled request later.");
    const line = readFileSync(join(spec, "incentives/rules.yaml"), "utf8").split("\n").findIndex((text) => text.includes("Do not retry a throttled request")) + 1;
    for (const flags of [["--check"], []]) {
      const result = await cli("sync", page("reworded-003.txt", reworded), ...flags, "--spec-dir", spec);
      expect(result).toMatchObject({ code: EXIT.invalid, out: "" });
      expect(result.err).toMatch(new RegExp(`^error spec/incentives/rules\\.yaml:${line}:\\d+: rules\\[1\\]\\.enforces\\[0\\]\\.quote: the quote is not in document 003\\n`));
      expect(result.err).toMatch(/faultproof: the spec would not load after syncing .*reworded-003\.txt; nothing was written\n$/);
    }
    expect(snapshot(spec)).toEqual(before);
  });

  it("checks the sentences the flows quote, naming the flow's citation", async () => {
    expect(FLOW_SENTENCES.map((sentence) => sentence.doc).sort()).toEqual(["002", "002", "002", "002", "003", "003", "005", "007"]);
    const spec = specCopy();
    const reworded = edit(PAGES.incentives, "Amazon system is temporarily not available. Note:", "Amazon is temporarily not available. Note:");
    const result = await cli("sync", page("resend-003.txt", reworded), "--check", "--spec-dir", spec);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.err).toMatch(/^error suites\/flows\/citations\.ts: CITATIONS\.resendIsNotSuccess\.quote: the quote is not in document 003\n/);
  });

  it("updates the spec, which then loads, lists the entries to review, generates and agrees with the page", async () => {
    const spec = specCopy();
    const file = page("edited-003-b.txt", editedIncentives());
    const result = await cli("sync", file, "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.ok, err: "" });
    expect(result.out).toContain("wrote spec/incentives/errors-gift-card.yaml, spec/sources.yaml\n");
    expect(result.out).toMatch(/next: confirm the entries marked for review \(faultproof spec lists them\), then run faultproof generate\n$/);
    expect(readFileSync(join(spec, "sources.yaml"), "utf8")).toContain(`    digest: ${pageDigest(editedIncentives())}\n`);
    expect(readdirSync(spec, { recursive: true }).map(String).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const listed = await cli("spec", "--spec-dir", spec);
    expect(listed.code).toBe(EXIT.ok);
    expect(listed.out).toMatch(/To review — 2 .*\n.*\nincentives +f2032-invalid-date-format +removed from page *\nincentives +f2049-brand-not-allowed +review +added by faultproof sync; confirm the handling and the operations\n/);

    const out = join(spec, "..", "generated");
    expect(await cli("generate", "--spec-dir", spec, "--out", out)).toMatchObject({ code: EXIT.ok, err: "" });
    expect(readFileSync(join(out, "sandbox-model.ts"), "utf8")).toContain("BrandNotAllowed");
    expect(await cli("sync", file, "--check", "--spec-dir", spec)).toEqual({ code: EXIT.ok, out: expect.stringMatching(/; nothing to write\n$/), err: "" });
  });

  it("refuses, in one line naming the file, a page that is missing, a folder or not a page it knows", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    expect(await cli("sync", "missing.html", "--spec-dir", spec)).toEqual({ code: EXIT.usage, out: "", err: "faultproof: cannot read the page missing.html: no such file or folder\n" });
    mkdirSync(join(work, "a-folder"), { recursive: true });
    expect(await cli("sync", "a-folder", "--spec-dir", spec)).toEqual({ code: EXIT.usage, out: "", err: "faultproof: cannot read the page a-folder: it is a folder\n" });
    page("notes.md", "# Notes\n\nNothing about Amazon here.\n");
    const unknown = await cli("sync", "notes.md", "--spec-dir", spec);
    expect(unknown).toMatchObject({ code: EXIT.usage, out: "" });
    expect(unknown.err).toMatch(/^faultproof: notes\.md is not a page faultproof can sync: no error table of "Amazon Pay — Manage errors", "Amazon Pay — Frequently asked questions", "Amazon Incentives API — Errors and Mock Errors" found in it\n$/);
    expect(await cli("sync", page("003-c.txt", PAGES.incentives), "--spec-dir", join(work, "no-spec"))).toMatchObject({ code: EXIT.usage, err: expect.stringMatching(/^faultproof: cannot read the spec folder .*no-spec: no such file or folder\n$/) });
    expect(await cli("sync")).toMatchObject({ code: EXIT.usage, err: expect.stringContaining("missing required argument 'page'") });
    expect(snapshot(spec)).toEqual(before);
  });

  it("exits 1 and writes nothing when the synced spec would not load", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    const unknownClass = edit(PAGES.incentives, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nNewKindOfError |\nA class the spec does not have | Mock: F6001 |\n");
    const result = await cli("sync", page("f600.txt", unknownClass), "--spec-dir", spec);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.err).toMatch(/^error spec\/incentives\/errors-gift-card\.yaml:\d+:\d+: errors\[16\]\.errorClass: unknown error class "F600"\n/);
    expect(result.err).toMatch(/faultproof: the spec would not load after syncing .*f600\.txt; nothing was written\n$/);
    expect(snapshot(spec)).toEqual(before);
  });

  it("changes no file when one of the files cannot be written", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    // sources.yaml is written second: make its staging file impossible to create.
    mkdirSync(join(spec, "sources.yaml.faultproof-sync.tmp"));
    const result = await cli("sync", page("edited-003-d.txt", editedIncentives()), "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.usage, out: "", err: expect.stringMatching(/^faultproof: cannot write the spec folder .*: EISDIR: .*; nothing was changed\n$/) });
    rmSync(join(spec, "sources.yaml.faultproof-sync.tmp"), { recursive: true });
    expect(snapshot(spec)).toEqual(before);
  });
});

describe("writeAllOrNothing", () => {
  it("puts back the files it already replaced when a later one fails, and leaves no staging file", () => {
    const dir = join(work, "atomic");
    mkdirSync(join(dir, "b.yaml"), { recursive: true });
    writeFileSync(join(dir, "a.yaml"), "old a\n");
    writeFileSync(join(dir, "b.yaml", "inside"), "x");
    expect(() => writeAllOrNothing([{ path: join(dir, "a.yaml"), text: "new a\n" }, { path: join(dir, "new.yaml"), text: "new\n" }, { path: join(dir, "b.yaml"), text: "b\n" }])).toThrow();
    expect(readFileSync(join(dir, "a.yaml"), "utf8")).toBe("old a\n");
    expect(existsSync(join(dir, "new.yaml"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["a.yaml", "b.yaml"]);
  });
});
