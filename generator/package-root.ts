import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of faultproof's own package, found by walking up from this file,
 * so the same code finds `spec/` and templates whether it runs from the
 * TypeScript sources or from the built `dist/`.
 */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "faultproof") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("faultproof: cannot find its own package.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
})();

export const packageVersion: string = (JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
