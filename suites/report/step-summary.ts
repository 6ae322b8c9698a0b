import { appendFileSync } from "node:fs";

export type AppendFile = (path: string, text: string) => void;

/** Appends to a file as UTF-8, creating it when missing: what GitHub Actions expects of a step summary. */
export const appendUtf8: AppendFile = (path, text) => appendFileSync(path, text, "utf8");

/**
 * Appends the Markdown summary to the file GitHub Actions names in
 * $GITHUB_STEP_SUMMARY; outside Actions (unset or empty) it does nothing.
 * Returns the file written to, if any.
 */
export function appendStepSummary(options: { markdown: string; env: Readonly<Record<string, string | undefined>>; append?: AppendFile }): string | undefined {
  const path = options.env.GITHUB_STEP_SUMMARY;
  if (path === undefined || path.trim() === "") return undefined;
  // Summaries of several steps (or shards) share the file: keep each one a block of its own.
  const text = options.markdown.endsWith("\n") ? options.markdown : `${options.markdown}\n`;
  (options.append ?? appendUtf8)(path, `${text}\n`);
  return path;
}
