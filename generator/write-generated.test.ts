import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkGenerated, writeGenerated } from "./write-generated.js";

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), "faultproof-write-"));
  roots.push(root);
  return join(root, "generated");
}

const v1 = [
  { path: "a.ts", contents: "export const a = 1;\n" },
  { path: "nested/b.ts", contents: "export const b = 1;\n" },
];
const v2 = [
  { path: "a.ts", contents: "export const a = 2;\n" },
  { path: "c.ts", contents: "export const c = 2;\n" },
];

const snapshot = (dir: string) => Object.fromEntries(checkGenerated({ dir, files: [] }).orphaned.map((path) => [path, readFileSync(join(dir, path), "utf8")]));

describe("writeGenerated", () => {
  it("writes every file and reports what changed", () => {
    const dir = folder();
    expect(writeGenerated({ dir, files: v1 }).changed).toEqual(["a.ts", "nested/b.ts"]);
    expect(snapshot(dir)).toEqual({ "a.ts": "export const a = 1;\n", "nested/b.ts": "export const b = 1;\n" });
  });

  it("writes nothing when nothing changed", () => {
    const dir = folder();
    writeGenerated({ dir, files: v1 });
    expect(writeGenerated({ dir, files: v1 }).changed).toEqual([]);
  });

  it("replaces the folder whole, removing files the generator no longer writes", () => {
    const dir = folder();
    writeGenerated({ dir, files: v1 });
    expect(writeGenerated({ dir, files: v2 }).changed).toEqual(["a.ts", "c.ts", "nested/b.ts"]);
    expect(snapshot(dir)).toEqual({ "a.ts": "export const a = 2;\n", "c.ts": "export const c = 2;\n" });
    expect(readdirSync(join(dir, ".."))).toEqual(["generated"]);
  });

  it("leaves the previous output intact when a write fails part way", () => {
    const dir = folder();
    writeGenerated({ dir, files: v1 });
    // A file and a folder of the same name cannot both be staged: the second write throws.
    const broken = [{ path: "x", contents: "file\n" }, { path: "x/y.ts", contents: "nested\n" }];
    expect(() => writeGenerated({ dir, files: broken })).toThrow();
    expect(snapshot(dir)).toEqual({ "a.ts": "export const a = 1;\n", "nested/b.ts": "export const b = 1;\n" });
  });

  it("restores the previous output when a run was cut between its two renames", () => {
    const dir = folder();
    writeGenerated({ dir, files: v1 });
    renameSync(dir, `${dir}.previous`); // the state an interrupted swap leaves
    mkdirSync(`${dir}.staging`);
    writeFileSync(join(`${dir}.staging`, "half.ts"), "");
    expect(writeGenerated({ dir, files: v1 }).changed).toEqual([]);
    expect(snapshot(dir)).toEqual({ "a.ts": "export const a = 1;\n", "nested/b.ts": "export const b = 1;\n" });
    expect(existsSync(`${dir}.staging`) || existsSync(`${dir}.previous`)).toBe(false);
  });
});

describe("checkGenerated", () => {
  it("lists stale, missing and orphaned files", () => {
    const dir = folder();
    writeGenerated({ dir, files: v1 });
    expect(checkGenerated({ dir, files: v2 })).toEqual({ stale: ["a.ts", "c.ts"], orphaned: ["nested/b.ts"] });
  });
});
