import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../../generator/package-root.js";
import { edit, seed, seedAsHtml, SEEDS } from "../../generator/sync/test-support/seeds.js";
import { EXIT, runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";
import { writeAllOrNothing } from "./write-all-or-nothing.js";

const work = mkdtempSync(join(tmpdir(), "faultproof-sync-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let copies = 0;
/** A copy of the bundled spec/ in a folder of its own. */
function specCopy(): string {
  const dir = join(work, `copy-${(copies += 1)}`, "spec");
  cpSync(join(packageRoot, "spec"), dir, { recursive: true });
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
  let text = seed(SEEDS.incentives);
  text = edit(text, "Amount must be larger than 0 |", "Amount must be larger than zero |");
  text = edit(text, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nBrandNotAllowed |\nThe brand is not allowed for this partner | Mock: F2049 |\n");
  return edit(text, "InvalidDateFormat |\nInvalid Date Format | Mock: F2032 |\n", "");
};

describe("faultproof sync", () => {
  it("exits 0 and writes nothing when the page agrees with the spec, in text or HTML form", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    for (const [name, text] of [["003.txt", seed(SEEDS.incentives)], ["000.html", seedAsHtml(seed(SEEDS.payErrors))]] as const) {
      const file = page(name, text);
      expect(await cli("sync", file, "--check", "--spec-dir", spec)).toEqual({ code: EXIT.ok, out: expect.stringMatching(/^spec agrees with .*; nothing to write\n$/), err: "" });
      expect(await cli("sync", name, "--spec-dir", spec)).toMatchObject({ code: EXIT.ok, err: "" });
    }
    expect(snapshot(spec)).toEqual(before);
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

  it("updates the spec, which then loads, lists the entries to review, generates and agrees with the page", async () => {
    const spec = specCopy();
    const file = page("edited-003-b.txt", editedIncentives());
    const result = await cli("sync", file, "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.ok, err: "" });
    expect(result.out).toContain("wrote spec/incentives/errors-gift-card.yaml, spec/sources/003_dc2cf047835e2926.txt\n");
    expect(result.out).toMatch(/next: confirm the entries marked for review \(faultproof spec lists them\), then run faultproof generate\n$/);
    expect(readFileSync(join(spec, "sources/003_dc2cf047835e2926.txt"), "utf8")).toBe(editedIncentives());
    expect(readdirSync(join(spec, "incentives")).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const listed = await cli("spec", "--spec-dir", spec);
    expect(listed.code).toBe(EXIT.ok);
    expect(listed.out).toMatch(/To review — 2 .*\n.*\nincentives +f2032-invalid-date-format +removed from page *\nincentives +f2049-brand-not-allowed +review +added by faultproof sync; confirm the handling and the operations\n/);

    const out = join(spec, "..", "generated");
    expect(await cli("generate", "--spec-dir", spec, "--out", out)).toMatchObject({ code: EXIT.ok, err: "" });
    expect(readFileSync(join(out, "sandbox-model.ts"), "utf8")).toContain("BrandNotAllowed");
    expect(await cli("sync", file, "--check", "--spec-dir", spec)).toMatchObject({ code: EXIT.ok });
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
    expect(await cli("sync", page("003-c.txt", seed(SEEDS.incentives)), "--spec-dir", join(work, "no-spec"))).toMatchObject({ code: EXIT.usage, err: expect.stringMatching(/^faultproof: cannot read the spec folder .*no-spec: no such file or folder\n$/) });
    expect(await cli("sync")).toMatchObject({ code: EXIT.usage, err: expect.stringContaining("missing required argument 'page'") });
    expect(snapshot(spec)).toEqual(before);
  });

  it("exits 1 and writes nothing when the synced spec would not load", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    const faq = edit(seed(SEEDS.payFaq), "Buyer experience FAQs", "Q: Why is Frobnicate Charge returning a FrobnicationFailed error response?\n\nThe charge could not be frobnicated.\n\nBuyer experience FAQs");
    const result = await cli("sync", page("faq.txt", faq), "--spec-dir", spec);
    expect(result.code).toBe(EXIT.invalid);
    expect(result.err).toMatch(/^error spec\/amazon-pay\/errors\.yaml:\d+:\d+: errors\[22\]\.operations\[0\]: unknown amazon-pay operation "FrobnicateCharge"\n/);
    expect(result.err).toMatch(/faultproof: the spec would not load after syncing .*faq\.txt; nothing was written\n$/);
    expect(snapshot(spec)).toEqual(before);
  });

  it("changes no file when one of the files cannot be written", async () => {
    const spec = specCopy();
    const before = snapshot(spec);
    // The page's text is written second: make its staging file impossible to create.
    mkdirSync(join(spec, "sources", "003_dc2cf047835e2926.txt.faultproof-sync.tmp"));
    const result = await cli("sync", page("edited-003-d.txt", editedIncentives()), "--spec-dir", spec);
    expect(result).toMatchObject({ code: EXIT.usage, out: "", err: expect.stringMatching(/^faultproof: cannot write the spec folder .*: EISDIR: .*; nothing was changed\n$/) });
    rmSync(join(spec, "sources", "003_dc2cf047835e2926.txt.faultproof-sync.tmp"), { recursive: true });
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
