import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes several files so that a reader sees all of them changed or none:
 * every new text is first written beside its file, then the files are swapped
 * in by rename; if a write or a rename fails, the files already swapped get
 * their old text back and the error is thrown.
 */
export function writeAllOrNothing(files: readonly { readonly path: string; readonly text: string }[]): void {
  const staged = files.map((file) => ({ ...file, temp: `${file.path}.faultproof-sync.tmp` }));
  const done: { path: string; before: string | undefined }[] = [];
  try {
    for (const file of staged) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.temp, file.text);
    }
    for (const file of staged) {
      const before = readOrUndefined(file.path);
      renameSync(file.temp, file.path);
      done.push({ path: file.path, before });
    }
  } catch (error) {
    // Undo as much as can be undone; the first error is the one worth reporting.
    for (const file of done.reverse()) quietly(() => (file.before === undefined ? rmSync(file.path, { force: true }) : writeFileSync(file.path, file.before)));
    for (const file of staged) quietly(() => rmSync(file.temp, { force: true }));
    throw error;
  }
}

function quietly(action: () => void): void {
  try {
    action();
  } catch {
    // Reported through the error that started the undo.
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
