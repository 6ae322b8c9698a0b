import { sandboxView } from "./render/sandbox-view.js";
import { loadTemplates, type Template } from "./render/templates.js";
import type { Catalogue } from "./spec/catalogue.js";

/** One file of generated/: its path inside that folder and its full text. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/**
 * The generator: catalogue → view → templates → formatted files. Pure; only
 * `writeGenerated` touches the disk.
 */
export function generate(options: { catalogue: Catalogue; templates?: ReadonlyMap<string, Template> }): GeneratedFile[] {
  const templates = options.templates ?? loadTemplates();
  const view = sandboxView(options.catalogue);
  return [...templates.entries()]
    .map(([name, template]) => ({ path: name, contents: format(template(view)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** No trailing spaces, no runs of blank lines, one final newline: output that diffs cleanly. */
export function format(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim() + "\n"
  );
}
