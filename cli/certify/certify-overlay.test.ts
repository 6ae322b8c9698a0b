import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { sandboxView } from "../../generator/render/sandbox-view.js";
import { packageRoot } from "../../generator/package-root.js";
import { loadOverlaySpec } from "../../generator/spec/overlay-spec.js";
import { buildOnce, runFaultproof } from "./test-support/run-certify.js";
import { NEW_CODE_OVERLAY } from "../../generator/spec/test-support/overlay-fixtures.js";

/*
 * certify with a team's spec overlay (`spec:` in faultproof.config.ts): a new
 * Incentives code and a reworded Amazon Pay message, certified on the bundled
 * reference integration as a team's project would name its adapter.
 */

const NEW_CODE = NEW_CODE_OVERLAY;

/** The bundled entry of ResourceNotFound, its message reworded. */
function changedMessage(): string {
  const text = readFileSync(join(packageRoot, "spec/amazon-pay/errors.yaml"), "utf8");
  const entry = /\n {2}- id: resource-not-found\n[\s\S]*?(?=\n {2}- id:)/.exec(text)![0];
  return `api: amazon-pay\nerrors:${entry.replace("Couldn’t find requested resource", "The requested resource could not be found")}\n`;
}

/** A team's project: a config naming the reference adapter and the overlay, and the overlay's files. */
function project(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "faultproof-overlay-project-"));
  const from = (path: string) => JSON.stringify(pathToFileURL(join(packageRoot, path)).href);
  writeFileSync(
    join(dir, "faultproof.config.ts"),
    `import { referenceTestCredentials } from ${from("integrations/reference/test-credentials.ts")};\n` +
      `export default { adapter: ${JSON.stringify(join(packageRoot, "integrations/reference/index.ts"))}, credentials: referenceTestCredentials, spec: "./faultproof/spec" };\n`,
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("faultproof certify with a spec overlay", () => {
  beforeAll(() => buildOnce(), 600_000);

  it("certifies the overlay's new case, and the report names the overlay and each entry it changed", () => {
    const cwd = project({ "faultproof/spec/incentives/errors.yaml": NEW_CODE, "faultproof/spec/amazon-pay/errors.yaml": changedMessage() });
    const run = runFaultproof({ cwd, args: ["certify", "--runs", "1", "--only", "f2049-card-expired@CreateGiftCard,resource-not-found@CaptureCharge"] });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("against the bundled spec + your spec overlay faultproof/spec: 1 added, 1 changed");
    const report = run.report();
    expect(report.results.map((result) => [result.key, result.status])).toEqual([
      ["f2049-card-expired@CreateGiftCard", "handled"],
      ["resource-not-found@CaptureCharge", "handled"],
    ]);
    expect(report.overlay).toEqual({
      folder: "faultproof/spec",
      entries: [
        { effect: "changed", api: "amazon-pay", id: "resource-not-found", code: "ResourceNotFound", file: "faultproof/spec/amazon-pay/errors.yaml", line: 3, column: 9, fields: ["message"] },
        { effect: "added", api: "incentives", id: "f2049-card-expired", code: "CardExpired", file: "faultproof/spec/incentives/errors.yaml", line: 3, column: 9 },
      ],
    });
    expect(readFileSync(join(run.outDir, "report.md"), "utf8")).toContain("| added | `f2049-card-expired` | `CardExpired` | incentives | `faultproof/spec/incentives/errors.yaml:3` |");
    expect(readFileSync(join(run.outDir, "report.html"), "utf8")).toMatch(/<li data-effect="changed" data-id="resource-not-found">~ resource-not-found \(ResourceNotFound\), changed \(message\), at faultproof\/spec\/amazon-pay\/errors\.yaml:3<\/li>/);
  }, 600_000);

  it("builds the sandbox the workers certify with from bundled + overlay: the changed message is what it answers", () => {
    const cwd = project({ "faultproof/spec/amazon-pay/errors.yaml": changedMessage() });
    const loaded = loadOverlaySpec({ dir: join(cwd, "faultproof/spec"), base: cwd });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const view = sandboxView(loaded.overlay.catalogue);
    expect(view.amazonPayModel.errors.filter((error) => error.code === "ResourceNotFound").map((error) => error.message)).toEqual(["The requested resource could not be found"]);
    expect(view.conformanceModel.failures.find((failure) => failure.id === "resource-not-found")?.message).toBe("The requested resource could not be found");
  });

  it("refuses an overlay with a problem before any worker starts: exit 2, at file:line:col", () => {
    const cwd = project({ "faultproof/spec/incentives/errors.yaml": NEW_CODE.replace("[ CreateGiftCard, ActivateGiftCard ]", "[ CreateGiftCard, IssueCard ]") });
    const run = runFaultproof({ cwd, args: ["certify", "--runs", "1"] });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("the spec overlay has 1 problem; nothing was certified");
    expect(run.stderr).toMatch(/faultproof\/spec\/incentives\/errors\.yaml:8:35: errors\[0\]\.operations\[1\]: unknown incentives operation "IssueCard"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 600_000);
});
