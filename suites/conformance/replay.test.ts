import { describe, expect, it } from "vitest";
import { replayCommand } from "./replay.js";
import { shellWords } from "./test-support/shell-words.js";

const CASE = { key: "f2003-invalid-amount-input@CreateGiftCard", seed: 20261123, path: "0:1:0" };

describe("replayCommand", () => {
  it("names the config the failure was found with, relative to the folder certify ran in", () => {
    expect(replayCommand({ ...CASE, configPath: "/home/team/shop/faultproof.config.ts", cwd: "/home/team/shop" })).toBe(
      "npx faultproof certify --config faultproof.config.ts --only f2003-invalid-amount-input@CreateGiftCard --seed 20261123 --replay-path 0:1:0",
    );
    expect(replayCommand({ ...CASE, configPath: "/home/team/shop/ci/faultproof.config.mts", cwd: "/home/team/shop" })).toContain("--config ci/faultproof.config.mts ");
    expect(replayCommand({ ...CASE, configPath: "/home/team/shared/faultproof.config.ts", cwd: "/home/team/shop" })).toContain("--config ../shared/faultproof.config.ts ");
  });

  it("keeps an absolute config path when it does not know the folder", () => {
    expect(replayCommand({ ...CASE, configPath: "/home/team/shop/faultproof.config.ts" })).toContain("--config /home/team/shop/faultproof.config.ts ");
  });

  it("says --reference when no config was used: without one, certify refuses to guess", () => {
    expect(replayCommand(CASE)).toBe("npx faultproof certify --reference --only f2003-invalid-amount-input@CreateGiftCard --seed 20261123 --replay-path 0:1:0");
    expect(replayCommand({ ...CASE, configPath: undefined, cwd: "/home/team/shop" })).toContain(" --reference ");
  });

  it("keeps an empty path (a failure of the deterministic checks, before any random run), so that certify still sees a replay", () => {
    expect(replayCommand({ ...CASE, path: "" })).toBe(`npx faultproof certify --reference --only ${CASE.key} --seed 20261123 --replay-path ''`);
  });

  it("leaves a flow's path, with its commands, unquoted", () => {
    expect(replayCommand({ ...CASE, path: "3:1:0,commands=AB+/cd" })).toMatch(/ --replay-path 3:1:0,commands=AB\+\/cd$/);
  });

  it("quotes only what a shell would split or expand, and the shell gives back the exact arguments", () => {
    const configPath = "/home/team/my shop/it's $HOME/faultproof.config.ts";
    const command = replayCommand({ ...CASE, seed: -7, path: "", configPath, cwd: "/home/team" });
    expect(command).toBe(`npx faultproof certify --config 'my shop/it'\\''s $HOME/faultproof.config.ts' --only ${CASE.key} --seed -7 --replay-path ''`);
    expect(shellWords(command)).toEqual(["npx", "faultproof", "certify", "--config", "my shop/it's $HOME/faultproof.config.ts", "--only", CASE.key, "--seed", "-7", "--replay-path", ""]);
  });
});
