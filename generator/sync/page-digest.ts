import { createHash } from "node:crypto";

/**
 * The digest spec/sources.yaml keeps of a page instead of a copy of it: the
 * sha256 of its text form with runs of white space folded to one space, so
 * that re-wrapping lines or saving with other line ends changes nothing. A
 * page saved as HTML and the same page saved as text have different text
 * forms, and so different digests.
 */
export function pageDigest(text: string): string {
  const folded = text.normalize("NFC").replace(/\s+/g, " ").trim();
  return `sha256:${createHash("sha256").update(folded).digest("hex")}`;
}
