/**
 * Random names (temporary files, job marks, step-state keys) from the kernel's CSPRNG, read
 * from /dev/urandom: node:crypto would give the same, but loading it is a tenth of a step's
 * start-up, before its first Docker request (BENCHMARKS.md, 2026-12-02).
 */
import { closeSync, openSync, readSync } from 'node:fs';

function randomBytes(n: number): Buffer {
  const buf = Buffer.alloc(n);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let off = 0; off < n;) off += readSync(fd, buf, off, n - off, null);
  } finally { closeSync(fd); }
  return buf;
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** An RFC 9562 version 4 UUID. */
export function randomUuid(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
