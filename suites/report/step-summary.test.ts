import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendStepSummary, type AppendFile } from "./step-summary.js";

function recorder(): { append: AppendFile; calls: [string, string][] } {
  const calls: [string, string][] = [];
  return { append: (path, text) => void calls.push([path, text]), calls };
}

describe("appendStepSummary", () => {
  it.each([
    { what: "GITHUB_STEP_SUMMARY unset", env: {} },
    { what: "GITHUB_STEP_SUMMARY explicitly undefined", env: { GITHUB_STEP_SUMMARY: undefined } },
    { what: "GITHUB_STEP_SUMMARY empty", env: { GITHUB_STEP_SUMMARY: "" } },
    { what: "GITHUB_STEP_SUMMARY blank", env: { GITHUB_STEP_SUMMARY: "  " } },
  ])("does nothing with $what", ({ env }) => {
    const { append, calls } = recorder();
    expect(appendStepSummary({ markdown: "# hi\n", env, append })).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it.each([
    { what: "ends with a newline", markdown: "# hi\n", written: "# hi\n\n" },
    { what: "does not end with a newline", markdown: "# hi", written: "# hi\n\n" },
  ])("appends the summary, followed by a blank line, to the named file when it $what", ({ markdown, written }) => {
    const { append, calls } = recorder();
    expect(appendStepSummary({ markdown, env: { GITHUB_STEP_SUMMARY: "/tmp/summary.md" }, append })).toBe("/tmp/summary.md");
    expect(calls).toEqual([["/tmp/summary.md", written]]);
  });

  it("by default appends to the real file, keeping what earlier steps wrote", () => {
    const dir = mkdtempSync(join(tmpdir(), "faultproof-summary-"));
    try {
      const path = join(dir, "step_summary.md");
      writeFileSync(path, "earlier step\n");
      appendStepSummary({ markdown: "### ✅ certified", env: { GITHUB_STEP_SUMMARY: path } });
      expect(readFileSync(path, "utf8")).toBe("earlier step\n### ✅ certified\n\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
