/**
 * Image references from inputs and from compose files (which come from the repository under
 * test, so they are untrusted): checked before anything uses them. A reference starting with
 * `-` would reach `docker pull` as an option; control characters would forge log lines.
 */

/** A job needing more images than this is a mistake (or a hostile compose file): refuse it. */
export const MAX_NEEDED_IMAGES = 200;
/** Docker's own limit is 255 for the name plus 128 for the tag plus a digest. */
export const MAX_REFERENCE_LENGTH = 512;

// host[:port]/path[:tag][@digest]: letters, digits and . _ - / : @ + only, alphanumeric first.
const SHAPE = /^[A-Za-z0-9][A-Za-z0-9._\/:@+-]*$/;

/** Why `ref` is not an acceptable image reference, or undefined. */
export function checkReference(ref: string): string | undefined {
  if (ref.length > MAX_REFERENCE_LENGTH) return `is longer than ${MAX_REFERENCE_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(ref)) return 'contains a control character (NUL, newline, …)';
  if (ref.startsWith('-')) return 'starts with "-" (it would be read as an option)';
  if (!SHAPE.test(ref)) return 'is not an image reference (letters, digits and . _ - / : @ + only, starting with a letter or digit)';
  return undefined;
}
