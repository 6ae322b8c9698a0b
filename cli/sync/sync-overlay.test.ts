import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { edit, PAGES } from "../../generator/sources/test-support/pages.js";
import { readSpecDir } from "../../generator/spec/read-spec-dir.js";
import { testSpecDir } from "../../generator/sync/test-support/test-spec.js";
import { EXIT } from "../exit-codes.js";
import { runCli } from "../run-cli.js";
import { captureIo } from "../test-support/capture.js";

/*
 * `faultproof sync --into` from a team's project: the small test spec stands
 * in for the bundled one (--spec-dir), the overlay goes in the project.
 */

const work = mkdtempSync(join(tmpdir(), "faultproof-overlay-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let projects = 0;
function project(): string {
  const dir = join(work, `project-${(projects += 1)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function page(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

async function cli(cwd: string, ...argv: string[]) {
  const io = captureIo();
  const code = await runCli({ ...io, argv: [...argv, "--spec-dir", testSpecDir], cwd });
  return { code, out: io.out(), err: io.err() };
}

const NEW_CODE_PAGE = edit(PAGES.incentives, "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\n", "ProgramIdNotPresent |\nProgram Id is not present | Mock: F2048 |\nCardExpired |\nThe card has expired | Mock: F2049 |\n");
const bundledBefore = JSON.stringify(readSpecDir(testSpecDir).files);

describe("faultproof sync <page> --into <overlay>", () => {
  it("writes the new code into the team's overlay, and nothing into the bundled spec", async () => {
    const cwd = project();
    const { code, out } = await cli(cwd, "sync", page(cwd, "incentives.txt", NEW_CODE_PAGE), "--into", "faultproof/spec");
    expect(code).toBe(EXIT.ok);
    expect(out).toContain("into your overlay faultproof/spec: 1 change");
    expect(out).toContain("wrote faultproof/spec/incentives/errors.yaml");
    expect(readFileSync(join(cwd, "faultproof/spec/incentives/errors.yaml"), "utf8")).toContain("id: f2049-card-expired");
    expect(JSON.stringify(readSpecDir(testSpecDir).files)).toBe(bundledBefore);
  });

  it("--check tells an overlay ahead of the bundled spec (exit 0) from a page that changed (exit 1)", async () => {
    const cwd = project();
    const name = page(cwd, "incentives.txt", NEW_CODE_PAGE);
    expect((await cli(cwd, "sync", name, "--into", "faultproof/spec")).code).toBe(EXIT.ok);

    const ahead = await cli(cwd, "sync", "--check", name, "--into", "faultproof/spec");
    expect(ahead.code).toBe(EXIT.ok);
    expect(ahead.out).toMatch(/^your overlay is ahead of the bundled spec: incentives\.txt .* agrees with the bundled spec \+ your overlay faultproof\/spec, not with the bundled spec of faultproof \S+ alone \(1 change, all in your overlay\)/);

    const changed = page(cwd, "changed.txt", edit(NEW_CODE_PAGE, "Amount must be larger than 0 |", "Amount must be larger than zero |"));
    const drift = await cli(cwd, "sync", "--check", changed, "--into", "faultproof/spec");
    expect(drift.code).toBe(EXIT.invalid);
    expect(drift.out).toMatch(/^the page changed: changed\.txt .* disagrees with the bundled spec \+ your overlay faultproof\/spec: 1 change\n {2}~ f2004-invalid-amount-value: message/);
    expect(drift.err).toContain("run `faultproof sync changed.txt --into faultproof/spec`");

    const same = await cli(cwd, "sync", "--check", page(cwd, "same.txt", PAGES.payErrors), "--into", "faultproof/spec");
    expect([same.code, same.out]).toEqual([EXIT.ok, expect.stringMatching(/^the bundled spec \+ your overlay faultproof\/spec agree with same\.txt/) as unknown]);
  });

  it("an overlay the loader refuses: exit 2, file:line:col, nothing written", async () => {
    const cwd = project();
    mkdirSync(join(cwd, "faultproof/spec/incentives"), { recursive: true });
    writeFileSync(join(cwd, "faultproof/spec/incentives/errors.yaml"), "api: incentives\nerrors:\n  - id: x\n    code: 3\n");
    const { code, err } = await cli(cwd, "sync", page(cwd, "changed.txt", NEW_CODE_PAGE), "--into", "faultproof/spec");
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(/faultproof\/spec\/incentives\/errors\.yaml:3:5: errors\[0\]/);
    expect(err).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(cwd, "faultproof/spec/incentives/errors.yaml"), "utf8")).toBe("api: incentives\nerrors:\n  - id: x\n    code: 3\n");
    expect(existsSync(join(cwd, "faultproof/spec/amazon-pay"))).toBe(false);
  });
});
