import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testSpecDir } from "../generator/sync/test-support/test-spec.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./run-cli.js";
import { captureIo } from "./test-support/capture.js";

/* `faultproof spec --overlay`: after an upgrade, which overlay entries the bundled spec (the small test spec here) now holds. */

const cwd = mkdtempSync(join(tmpdir(), "faultproof-spec-overlay-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("faultproof spec --overlay", () => {
  it("lists each overlay entry with its effect, and names the redundant ones with file:line:col", async () => {
    const pay = readFileSync(join(testSpecDir, "amazon-pay/errors.yaml"), "utf8");
    const [head, ...entries] = pay.split(/\n(?= {2}- id: )/);
    // One entry as the bundled spec has it (redundant), one reworded (changed).
    const overlay = [head!.replace(/\n[^\n]*$/, "").replace(/\nerrors:[\s\S]*/, ""), "errors:", entries[0]!, entries[2]!.replace("Couldn’t find requested resource", "The requested resource could not be found")].join("\n");
    mkdirSync(join(cwd, "faultproof/spec/amazon-pay"), { recursive: true });
    writeFileSync(join(cwd, "faultproof/spec/amazon-pay/errors.yaml"), `${overlay}\n`);
    const io = captureIo();
    const code = await runCli({ ...io, argv: ["spec", "--spec-dir", testSpecDir, "--overlay", "faultproof/spec"], cwd });
    expect(code, io.err()).toBe(EXIT.ok);
    expect(io.out()).toContain("Spec overlay faultproof/spec — 1 changed, 1 redundant");
    expect(io.out()).toMatch(/changed \(message\)\s+amazon-pay\s+resource-not-found\s+ResourceNotFound\s+faultproof\/spec\/amazon-pay\/errors\.yaml:\d+:9/);
    expect(io.out()).toMatch(/1 redundant: faultproof \S+ bundles this entry as your overlay has it; delete it from the overlay:\n {2}faultproof\/spec\/amazon-pay\/errors\.yaml:\d+:9: invalid-header-value/);
  });
});
