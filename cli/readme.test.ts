import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../generator/package-root.js";

/*
 * The README is read on the registry and in node_modules, from the package: every link it makes
 * to a file must reach a file the package ships (or be an absolute address), and its install
 * steps must work before the package is published.
 */

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

/** The files `npm pack` would put in the package, as npm itself lists them. */
function packedFiles(): Set<string> {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const listing = JSON.parse(execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { files: { path: string }[] }[];
  return new Set(listing[0]!.files.map((file) => file.path));
}

describe("the README, as the package ships it", () => {
  it("links only to files in the package, or to absolute addresses", () => {
    const files = packedFiles();
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith("#"));
    expect(links.length).toBeGreaterThan(0);
    const missing = links.map((target) => target.replace(/#.*$/, "").replace(/^\.\//, "")).filter((path) => !files.has(path) && ![...files].some((file) => file.startsWith(`${path.replace(/\/$/, "")}/`)));
    expect(missing).toEqual([]);
    // Named in prose as the repository's, never linked: the package does not ship them.
    expect(readme).not.toMatch(/\]\((\.\/)?(examples|\.ci|bench)\//);
  }, 60_000);

  it("installs from a tarball or a git URL until the package is published", () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string };
    expect(readme).toContain("npm pack --pack-destination ..");
    expect(readme).toContain(`npm install --save-dev ../faultproof-${version}.tgz vitest msw`);
    expect(readme).toMatch(/npm install --save-dev "git\+https:\/\/.*\.git#<commit>" vitest msw/);
    // The registry line comes after, as what to do once published.
    expect(readme.indexOf("npm pack --pack-destination")).toBeLessThan(readme.indexOf("npm install --save-dev faultproof vitest msw"));
  });

  it("shows the sandbox's handlers in the team's own MSW server", () => {
    expect(readme).toContain("setupServer(...sandbox.handlers, ...yourHandlers)");
  });
});
