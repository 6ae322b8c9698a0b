import { isAbsolute, relative, sep } from "node:path";

/** A file as a person in `cwd` would name it: relative when it is below, absolute otherwise. */
export function shownPath(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === "" || path.split(sep)[0] === ".." || isAbsolute(path) ? file : path;
}
