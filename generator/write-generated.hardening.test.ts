import type * as Fs from "node:fs";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkGenerated, writeGenerated } from "./write-generated.js";

/*
 * An interrupted `generate`: the write fails at every file-system call it
 * makes, one at a time, and each time the previous output is still there,
 * whole, at its place; the next run then writes the new output and leaves
 * nothing behind. write-generated.test.ts covers a write that fails while
 * staging (a file and a folder of one name) and the state a run killed
 * between its two renames leaves; this covers every step, the swap included.
 */

// Counts the file-system calls that change something, and fails the one asked for.
const faults = vi.hoisted(() => ({ calls: 0, failAt: -1 }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const failing =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      faults.calls += 1;
      if (faults.calls - 1 === faults.failAt) throw Object.assign(new Error(`EIO: injected failure of ${name}`), { code: "EIO" });
      return fn(...args);
    };
  return { ...fs, writeFileSync: failing("writeFileSync", fs.writeFileSync), mkdirSync: failing("mkdirSync", fs.mkdirSync), renameSync: failing("renameSync", fs.renameSync), rmSync: failing("rmSync", fs.rmSync) };
});

const roots: string[] = [];
afterEach(() => {
  faults.failAt = -1;
  roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true }));
});

/** One generation of output: these paths, each saying which generation wrote it. */
const generation = (n: number, paths: readonly string[]) => paths.map((path) => ({ path, contents: `export const generation = ${n};\n` }));
// The second drops a file, changes one and adds one two folders down.
const v1 = generation(1, ["a.ts", "nested/b.ts"]);
const v2 = generation(2, ["a.ts", "nested/deeper/c.ts"]);

const snapshot = (dir: string) => Object.fromEntries(checkGenerated({ dir, files: [] }).orphaned.map((path) => [path, readFileSync(join(dir, path), "utf8")]));
const asFiles = (files: readonly { path: string; contents: string }[]) => Object.fromEntries(files.map((file) => [file.path, file.contents]));

function generatedWithV1(): string {
  const root = mkdtempSync(join(tmpdir(), "faultproof-interrupted-"));
  roots.push(root);
  const dir = join(root, "generated");
  writeGenerated({ dir, files: v1 });
  return dir;
}

/** How many changing file-system calls one successful v1 → v2 write makes. */
function stepsOfOneWrite(): number {
  const dir = generatedWithV1();
  faults.calls = 0;
  writeGenerated({ dir, files: v2 });
  return faults.calls;
}

describe("an interrupted generate leaves the previous output intact", () => {
  const steps = stepsOfOneWrite();

  it("makes the write's steps countable (staging, swap, clean-up)", () => {
    // rm ×2 before, mkdir + write per file, mkdir of the staging folder, two renames, rm after.
    expect(steps).toBeGreaterThanOrEqual(2 + 2 * v2.length + 1 + 2 + 1);
  });

  it.each(Array.from({ length: steps }, (_, i) => [i + 1, i] as const))("a failure at step %i", (_step, failAt) => {
    const dir = generatedWithV1();
    faults.calls = 0;
    faults.failAt = failAt;
    let failed = false;
    try {
      writeGenerated({ dir, files: v2 });
    } catch (error) {
      failed = true;
      expect((error as Error).message).toMatch(/injected failure/);
    }
    faults.failAt = -1;
    // The clean-up after the swap may fail with the new output in place: it is whole too.
    const after = snapshot(dir);
    if (failed && JSON.stringify(after) !== JSON.stringify(asFiles(v2))) expect(after).toEqual(asFiles(v1));
    else expect(after).toEqual(asFiles(v2));

    // The next run finishes the job and leaves no staging or previous folder behind.
    writeGenerated({ dir, files: v2 });
    expect(snapshot(dir)).toEqual(asFiles(v2));
    expect(readdirSync(join(dir, ".."))).toEqual(["generated"]);
    expect(existsSync(`${dir}.staging`) || existsSync(`${dir}.previous`)).toBe(false);
  });
});
